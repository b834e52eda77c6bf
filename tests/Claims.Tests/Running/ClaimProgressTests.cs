using Flatness.Claims.Checks.PaperB;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.Running;

public class ClaimProgressTests
{
    [Test]
    public void Reports_ReachTheListener_OnlyWhileListening_AndAreClamped()
    {
        var seen = new List<(string, double)>();
        ClaimProgress.Report("before", 0.5);
        using (ClaimProgress.Listen((l, f) => seen.Add((l, f))))
        {
            ClaimProgress.Report("a", 0.25);
            ClaimProgress.Report("b", 2);
        }
        ClaimProgress.Report("after", 0.5);
        Assert.That(seen, Is.EqualTo(new[] { ("a", 0.25), ("b", 1.0) }));
    }

    [Test]
    public void ATrainingRun_ReportsItsSteps_InOrder_AndEndsAtOne()
    {
        TrainingExperiment.Clear();
        var cell = new Cell(D: 2, N: 16, Width: 8, Eta: 0.1, WeightDecay: 0, Sigma: 0.1, Steps: 400);
        var seen = new List<(string Label, double Fraction)>();
        using (ClaimProgress.Listen((l, f) => seen.Add((l, f))))
            TrainingExperiment.Run(12345, cell, 0);
        TrainingExperiment.Clear();
        Assert.That(seen, Is.Not.Empty);
        Assert.That(seen.Select(s => s.Label).Distinct(), Is.EqualTo(new[] { $"training {cell.Label}, seed 1" }));
        Assert.That(seen.Select(s => s.Fraction), Is.Ordered);
        Assert.That(seen[^1].Fraction, Is.EqualTo(1.0));
    }
}
