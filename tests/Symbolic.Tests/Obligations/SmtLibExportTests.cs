using System.Text.RegularExpressions;
using Flatness.Symbolic.Obligations;

namespace Flatness.Symbolic.Tests.Obligations;

public partial class SmtLibExportTests
{
    private static IEnumerable<string> Ids() => ObligationCatalog.All.Select(o => o.Id);

    [GeneratedRegex(@"\(/ (?![0-9])")]
    private static partial Regex DivisionByNonLiteral();

    [TestCaseSource(nameof(Ids))]
    public void Scripts_DivideOnlyByLiterals_DeclareBeforeUse_AndAreStable(string id)
    {
        var o = ObligationCatalog.Get(id);
        foreach (var script in new[] { o.GoalsSmtLib(), o.MutantSmtLib() })
        {
            Assert.That(DivisionByNonLiteral().IsMatch(script), Is.False, "division only in rational constants");
            Assert.That(script, Does.Contain("(check-sat)"));
            Assert.That(script.Split("(push 1)").Length - 1, Is.EqualTo(script.Split("(pop 1)").Length - 1));
            Assert.That(script, Does.Not.Contain("\r"));
        }
        Assert.That(o.GoalsSmtLib(), Is.EqualTo(ObligationCatalog.Get(id).GoalsSmtLib()), "byte-identical on every build");
    }

    [Test]
    public void Catalog_HasTheSpecIds_EachWithGoalsAMutantAndSupportedClaims()
    {
        var expected = Enumerable.Range(24, 12).Select(i => $"A-{i}").Concat(Enumerable.Range(22, 19).Select(i => $"B-{i}"));  // B-22 … B-33 of the spec, B-34 … B-40 added by the suite
        Assert.That(ObligationCatalog.All.Select(o => o.Id), Is.EqualTo(expected));
        foreach (var o in ObligationCatalog.All)
        {
            Assert.That(o.Goals, Is.Not.Empty, o.Id);
            Assert.That(o.Mutant, Is.Not.Empty, o.Id);
            Assert.That(o.Supports, Is.Not.Empty, o.Id);
            Assert.That(o.Provenance, Does.Match(@"^\[(paper|reconstructed|derived)\]( \+ \[(paper|reconstructed|derived)\])?$"), o.Id);
        }
    }

    [Test]
    public void Get_UnknownId_Throws() =>
        Assert.That(() => ObligationCatalog.Get("A-99"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("unknown obligation"));
}
