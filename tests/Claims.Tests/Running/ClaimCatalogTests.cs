using System.Text.RegularExpressions;
using Flatness.Claims.Model;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.Running;

public class ClaimCatalogTests
{
    [Test]
    public void Ids_AreUnique_SpecShaped_AndSorted()
    {
        var ids = ClaimCatalog.Default.All.Select(c => c.Id).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.All.Match(@"^[AB]-\d{2}$"));
        Assert.That(ids, Is.EqualTo(ids.OrderBy(i => i[0]).ThenBy(i => int.Parse(i[2..], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public void FoundationRows_OfBothSpecs_AreRegistered()
    {
        string[] expected = ["A-01", "A-02", "A-03", "A-04", "A-05", "A-06", "A-07", "A-20", "A-21", "A-22", "A-23", "B-01", "B-05", "B-15"];
        Assert.That(ClaimCatalog.Default.All.Select(c => c.Id), Is.SupersetOf(expected));
        // Every symbolic obligation of the specs is a claim too.
        var symbolicRows = ClaimCatalog.Default.Spec.Rows.Where(r => r.Kind == ClaimKind.Symbolic).Select(r => r.Id).ToList();
        Assert.That(symbolicRows, Has.Count.GreaterThanOrEqualTo(31));
        Assert.That(ClaimCatalog.Default.All.Where(c => c.Kind == ClaimKind.Symbolic).Select(c => c.Id), Is.EquivalentTo(symbolicRows));
    }

    [Test]
    public void EveryClaim_HasProvenanceKindStatementMethod_AndRegisteredAcyclicDependencies()
    {
        foreach (var c in ClaimCatalog.Default.All)
        {
            Assert.That(c.Provenance, Is.Not.EqualTo(Provenance.None), c.Id);
            Assert.That(c.Kind, Is.Not.EqualTo(ClaimKind.None), c.Id);
            Assert.That(c.Statement, Is.Not.Empty, c.Id);
            Assert.That(c.Method, Is.Not.Empty, c.Id);
            foreach (var d in c.DependsOn)
            {
                var dep = ClaimCatalog.Default.Find(d);
                Assert.That(dep, Is.Not.Null, $"{c.Id} depends on unregistered {d}");
                if (c.Profile == Profile.Quick) Assert.That(dep!.Profile, Is.EqualTo(Profile.Quick), $"quick {c.Id} must not depend on full {d}");
            }
        }
        // Select orders every claim after its dependencies: no cycles.
        var order = ClaimRunner.Select(ClaimCatalog.Default, [], Profile.Full).Select((c, i) => (c.Id, i)).ToDictionary(t => t.Id, t => t.i);
        foreach (var c in ClaimCatalog.Default.All)
            foreach (var d in c.DependsOn) Assert.That(order[d], Is.LessThan(order[c.Id]), $"{d} before {c.Id}");
    }
}
