using Flatness.Claims.Checks.PaperB;
using Flatness.Claims.Model;

namespace Flatness.Claims.Tests.Checks;

/// <summary>The experiment claims' paper sizes are the paper's (spec §9), and runs are deterministic and shared.</summary>
public class TrainingExperimentTests
{
    [Test]
    public void Fig3_PaperProfile_IsThePapersSetting()
    {
        var (gd, wd, seeds) = Fig3Setting.For(Profile.Paper);
        Assert.That((gd.D, gd.N, gd.Width, gd.Eta, gd.WeightDecay, gd.Sigma), Is.EqualTo((10, 512, 2048, 0.9, 0.0, 1.0)));
        Assert.That((wd.D, wd.N, wd.Width, wd.Eta, wd.WeightDecay, wd.Sigma), Is.EqualTo((10, 512, 2048, 0.01, 0.1, 1.0)));
        Assert.That(seeds, Is.EqualTo(5));
        Assert.That(gd.Steps, Is.EqualTo(Fig3Setting.PaperSteps));
        Assert.That(Fig3Setting.SizesNote(Profile.Paper), Does.Contain("d = 10, n = 512, width 2048, 5 seeds; 20000 steps"));
        var (full, _, _) = Fig3Setting.For(Profile.Full);
        Assert.That(Fig3Setting.SizesNote(Profile.Full), Does.Contain($"n = {full.N} (paper 512), width {full.Width} (paper 2048").And.Contain($"{full.Steps} steps"));
    }

    [Test]
    public void Fig5_PaperProfile_HasTheEtaGridAndEtaTimesEpochsTenThousand()
    {
        var (cells, seeds) = Fig5Setting.For(Profile.Paper);
        Assert.That(cells.Select(c => c.Eta), Is.EqualTo(new[] { 0.1, 0.2, 0.4, 0.8, 1.6 }));
        Assert.That(cells.Select(c => c.Eta * c.Steps), Is.All.EqualTo(1e4).Within(1e-9));
        Assert.That(cells.All(c => c.D == 5 && c.WeightDecay == 0 && c.N == 512 && c.Width == 1024), Is.True);
        Assert.That(seeds, Is.EqualTo(5));
        Assert.That(Fig5Setting.SizesNote(Profile.Paper), Does.Contain("eta*steps = 1e4").And.Contain("n = 512 and width 1024"));
    }

    [Test]
    public void Fig4AndFig2_PaperProfiles_AreThePapersSizes()
    {
        var (cells, seeds) = B19DimensionSweep.For(Profile.Paper);
        Assert.That(cells.Select(c => c.D), Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(cells.All(c => c.N == 512 && c.Width == 1024 && c.Eta == 0.5 && c.WeightDecay == 0 && c.Steps == 20000), Is.True);
        Assert.That(seeds, Is.EqualTo(5));
        var (ds, ns, s2, _) = B18SlopesByDimension.Sizes(Profile.Paper);
        Assert.That(ds, Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(ns, Is.EqualTo(new[] { 32, 64, 128, 256, 512 }));
        Assert.That(s2, Is.EqualTo(5));
        var z = B21RemainingTrends.For(Profile.Paper);
        Assert.That((z.ShatterN, z.Fig6Widths, z.Fig7Ds), Is.EqualTo((1024, new[] { 32, 48, 64 }, new[] { 32, 48, 64 })));
    }

    [Test]
    public void Runs_AreDeterministicAndCachedPerSetting()
    {
        var cell = new Cell(2, 24, 8, 0.5, 0, 1, 40, SharpnessEvery: 10);
        var a = TrainingExperiment.Run(7, cell, 0);
        Assert.That(TrainingExperiment.Run(7, cell, 0), Is.SameAs(a));
        TrainingExperiment.Clear();
        var b = TrainingExperiment.Run(7, cell, 0);
        Assert.That(b, Is.Not.SameAs(a));
        Assert.That(b.Result.Final.Parameters.ToArray(), Is.EqualTo(a.Result.Final.Parameters.ToArray()));
        Assert.That(b.Result.Trajectory, Is.EqualTo(a.Result.Trajectory));
        Assert.That(TrainingExperiment.Run(8, cell, 0).Result.Final.Parameters.ToArray(), Is.Not.EqualTo(a.Result.Final.Parameters.ToArray()));
    }
}
