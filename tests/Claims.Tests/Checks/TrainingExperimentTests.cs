using Flatness.Claims.Checks.PaperB;
using Flatness.Claims.Model;
using Flatness.Numerics.Training;

namespace Flatness.Claims.Tests.Checks;

/// <summary>The experiment claims' paper sizes are the paper's (paper B §4 and Appendix A, quoted in spec §9), reduced sizes
/// keep the paper's ratios, and runs are deterministic and shared.</summary>
public class TrainingExperimentTests
{
    private static readonly ClaimContext Context = new(1, 1);

    [Test]
    public void Fig3_PaperProfile_IsThePapersSetting_ReducedKeepsWidthFourN()
    {
        var (gd, wd) = PaperBSettings.Fig3(Profile.Paper);
        Assert.That((gd.D, gd.N, gd.Width, gd.Eta, gd.WeightDecay, gd.Sigma, gd.Steps), Is.EqualTo((10, 512, 2048, 0.9, 0.0, 1.0, 20000)));
        Assert.That((wd.D, wd.N, wd.Width, wd.Eta, wd.WeightDecay, wd.Sigma), Is.EqualTo((10, 512, 2048, 0.01, 0.1, 1.0)));
        Assert.That(gd.Init, Is.EqualTo(InitialisationScheme.PyTorchDefault));
        var (small, _) = PaperBSettings.Fig3(Profile.Full);
        Assert.That(small.Width, Is.EqualTo(4 * small.N));
        Assert.That(ExperimentProtocol.Seeds, Is.EqualTo(5));
        Assert.That(ExperimentProtocol.Clipping, Is.EqualTo(new GradientClipping(50, int.MaxValue)));
    }

    [Test]
    public void Flop_OfAGeluCell_AddsTheSmoothActivationsCostPerPairAndStep()
    {
        var relu = new Cell(10, 512, 2048, 0.5, 0, 1, 100);
        var gelu = relu with { Activation = "gelu" };
        // (2 products · 2·n·K·(d + 2)) per step for ReLU; a GELU step costs about 5.2 ReLU steps (gelu benchmark).
        double reluStep = 4.0 * 512 * 2048 * 12;
        Assert.That(gelu.Flop - relu.Flop, Is.EqualTo(Cell.SmoothActivationFlop * 512 * 2048 * 100).Within(1e-6).Percent);
        Assert.That((gelu.Flop - relu.Flop) / (100 * reluStep) + 1, Is.InRange(4.5, 6.0));
    }

    [Test]
    public void Fig5_HasEtaTimesEpochsTenThousand_AtThePapersSize()
    {
        var cells = PaperBSettings.Fig5(Profile.Paper);
        Assert.That(cells.Select(c => c.Eta), Is.EqualTo(new[] { 0.1, 0.2, 0.4, 0.8, 1.6 }));
        Assert.That(cells.Select(c => c.Eta * c.Steps), Is.All.EqualTo(1e4).Within(1e-9));
        Assert.That(cells.All(c => c.D == 5 && c.WeightDecay == 0 && c.N == 512 && c.Width == 1024), Is.True);
    }

    [Test]
    public void Fig4Fig2Fig67Fig13_PaperProfiles_AreThePapersSizes()
    {
        var (ds4, t4) = PaperBSettings.Fig4(Profile.Paper);
        Assert.That(ds4, Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That((t4.N, t4.Width, t4.Eta, t4.WeightDecay, t4.Steps), Is.EqualTo((512, 1024, 0.5, 0.0, 20000)));
        var (ds2, ns2, steps2) = PaperBSettings.Fig2(Profile.Paper);
        Assert.That((ds2, ns2, steps2), Is.EqualTo((new[] { 1, 2, 3, 4, 5 }, new[] { 32, 64, 128, 256, 512 }, 20000)));
        var (stable, decay, fig7) = PaperBSettings.Fig67(Profile.Paper);
        Assert.That(stable.Select(c => (c.N, c.Width, c.WeightDecay, c.Eta)), Is.EqualTo(new[] { (1024, 32, 0.0, 0.5), (1024, 48, 0.0, 0.5), (1024, 64, 0.0, 0.5) }));
        Assert.That(decay.Select(c => c.WeightDecay), Is.All.EqualTo(0.05));
        Assert.That(fig7.Select(c => (c.D, c.Width)), Is.EqualTo(new[] { (64, 16), (48, 16), (32, 16) }));
        // Fig. 6's parameter-count remark: W = 64 over-parameterised, 32 and 48 under (Wd + W + 1 against n = 1024).
        Assert.That(stable.Select(c => c.Width * c.D + c.Width + 1 > c.N), Is.EqualTo(new[] { false, false, true }));
        var (sr, _, _) = PaperBSettings.Fig67(Profile.Full);
        Assert.That(sr.Select(c => c.Width * c.D + c.Width + 1 > c.N), Is.EqualTo(new[] { false, false, true }), "the reduced sizes keep the sides");
        var (ds13, ns13, etas13, _, _) = PaperBSettings.Fig13(Profile.Paper);
        Assert.That((ds13, ns13, etas13), Is.EqualTo((new[] { 1, 2, 3, 4 }, new[] { 32, 64, 128, 256, 512 }, new[] { 0.05, 0.1, 0.2, 0.4 })));
    }

    [Test]
    public void Runs_AreDeterministicAndCachedPerSetting_AndRecordClipping()
    {
        var cell = new Cell(2, 24, 8, 0.5, 0, 1, 40, SharpnessEvery: 10);
        var a = TrainingExperiment.Run(Context, 7, cell, 0);
        Assert.That(TrainingExperiment.Run(Context, 7, cell, 0), Is.SameAs(a));
        TrainingExperiment.Clear();
        var b = TrainingExperiment.Run(Context, 7, cell, 0);
        Assert.That(b, Is.Not.SameAs(a));
        Assert.That(b.Result.Final.Parameters.ToArray(), Is.EqualTo(a.Result.Final.Parameters.ToArray()));
        Assert.That(b.Result.Trajectory, Is.EqualTo(a.Result.Trajectory));
        Assert.That(TrainingExperiment.Run(Context, 8, cell, 0).Result.Final.Parameters.ToArray(), Is.Not.EqualTo(a.Result.Final.Parameters.ToArray()));
        var he = TrainingExperiment.Run(Context, 7, cell with { Init = InitialisationScheme.HeNormal }, 0);
        Assert.That(he.Result.Final.Parameters.ToArray(), Is.Not.EqualTo(a.Result.Final.Parameters.ToArray()), "the probe initialises differently");
        Assert.That(he.Data.Inputs.ToArray(), Is.EqualTo(a.Data.Inputs.ToArray()), "on the same data");
        var clipped = TrainingExperiment.Run(Context, 7, cell with { Eta = 40 }, 0);
        Assert.That(clipped.Result.ClippedSteps, Is.Not.Empty, "a huge step size triggers the clip");
    }
}
