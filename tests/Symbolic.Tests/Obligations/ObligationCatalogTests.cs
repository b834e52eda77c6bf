using Flatness.Symbolic.Obligations;
using Flatness.Symbolic.Proving;

namespace Flatness.Symbolic.Tests.Obligations;

public class ObligationCatalogTests
{
    private static IEnumerable<string> Ids() => ObligationCatalog.All.Select(o => o.Id);

    [TestCaseSource(nameof(Ids))]
    public void Obligation_IsProved_AndItsMutantRefutedWithACounterModel(string id)
    {
        var result = Prover.Run(ObligationCatalog.Get(id));
        foreach (var g in result.Goals)
            Assert.That(g.Status, Is.EqualTo(ProofStatus.Proved), $"{id} goal '{g.Goal}': {g.Status} {g.Reason} {g.CounterModelText}");
        foreach (var g in result.MutantGoals)
        {
            Assert.That(g.Status, Is.EqualTo(ProofStatus.Refuted), $"{id} mutant goal '{g.Goal}': {g.Status} {g.Reason}");
            Assert.That(g.CounterModel, Is.Not.Null.And.Not.Empty, "a refuted mutant carries its counter-model");
        }
        Assert.That(result.Passed, Is.True);
    }
}
