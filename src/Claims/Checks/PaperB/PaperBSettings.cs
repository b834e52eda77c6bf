using Flatness.Claims.Model;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Training;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>The sizes of paper B's experiments: the paper's own (profile paper) and reduced ones that keep the paper's
/// ratios (width/n, η × epochs, parameter count against n) for the smoke run (profiles quick and full).</summary>
internal static class PaperBSettings
{
    /// <summary>Steps of the reduced smoke runs (the paper's sizes use <see cref="ExperimentProtocol.DefaultSteps"/>).</summary>
    public const int ReducedSteps = 5000;

    public static bool IsPaper(Profile profile) => profile == Profile.Paper;

    /// <summary>The profiles whose sizes a claim computes: the run's, and at the paper profile also the reduced smoke sizes
    /// shown beside the paper's.</summary>
    public static IEnumerable<Profile> Computed(ClaimContext context) =>
        IsPaper(context.RunProfile) ? [Profile.Paper, Profile.Full] : [Profile.Full];

    /// <summary>An experiment's seed: derived from the run's seed and the figure, so claims sharing a figure train the same runs.</summary>
    public static ulong Seed(ClaimContext context, string figure) => Rng.DeriveSeed(context.RunSeed, "paper B " + figure);

    /// <summary>Fig. 3 (and Fig. 1): d = 10, n = 512, width 2048 (4n), σ = 1; GD with η = 0.9, no weight decay, against η = 0.01
    /// with weight decay 0.1. Reduced: n = 128, width 512.</summary>
    public static (Cell Gd, Cell Wd) Fig3(Profile profile, InitialisationScheme init = InitialisationScheme.PyTorchDefault)
    {
        bool paper = IsPaper(profile);
        int n = paper ? 512 : 128, steps = paper ? ExperimentProtocol.DefaultSteps : ReducedSteps;
        return (new Cell(10, n, 4 * n, 0.9, 0, 1, steps, SharpnessEvery: paper ? 200 : 50, Init: init),
                new Cell(10, n, 4 * n, 0.01, 0.1, 1, steps, Init: init));
    }

    public const string Fig3PaperSizes = "d = 10, n = 512, width 2048, sigma = 1, 20000 steps (unstated: Figs. 4/8's count), 5 seeds";
    public const string Fig3ReducedSizes = "d = 10, n = 128, width 512 (4n), sigma = 1, 5000 steps, 5 seeds";

    /// <summary>Fig. 2: d ∈ {1, …, 5}, n ∈ {32, …, 512}, width 4n, σ = 1; GD η = 0.2 against η = 0.01 with weight decay 0.1.
    /// Reduced: n ∈ {32, 64, 128}.</summary>
    public static (int[] Ds, int[] Ns, int Steps) Fig2(Profile profile) => IsPaper(profile)
        ? ([1, 2, 3, 4, 5], [32, 64, 128, 256, 512], ExperimentProtocol.DefaultSteps)
        : ([1, 2, 3, 4, 5], [32, 64, 128], ReducedSteps);

    public const string Fig2PaperSizes = "d = 1..5, n = 32..512, width 4n, sigma = 1, 20000 steps (unstated), 5 seeds";
    public const string Fig2ReducedSizes = "d = 1..5, n = 32, 64, 128, width 4n, sigma = 1, 5000 steps, 5 seeds";

    /// <summary>Fig. 4: d ∈ {1, …, 6}, n = 512, width 1024, η = 0.5, 20000 epochs; σ unstated (1, as Figs. 2–3). Reduced:
    /// n = 128, width 256.</summary>
    public static (int[] Ds, Cell Template) Fig4(Profile profile) => IsPaper(profile)
        ? ([1, 2, 3, 4, 5, 6], new Cell(1, 512, 1024, 0.5, 0, 1, ExperimentProtocol.DefaultSteps))
        : ([1, 2, 3, 4, 5, 6], new Cell(1, 128, 256, 0.5, 0, 1, ReducedSteps));

    /// <summary>Fig. 8: Fig. 4's sweep (d = 1, …, 6, n = 512, width 1024, η = 0.5, 20000 epochs) with GELU networks.</summary>
    public static (int[] Ds, Cell Template) Fig8(Profile profile)
    {
        var (ds, template) = Fig4(profile);
        return (ds, template with { Activation = "gelu" });
    }

    public const string Fig4PaperSizes = "d = 1..6, n = 512, width 1024, eta = 0.5, 20000 epochs, sigma = 1 (unstated), 5 seeds";
    public const string Fig4ReducedSizes = "d = 1..6, n = 128, width 256 (2n), eta = 0.5, 5000 steps, sigma = 1, 5 seeds";

    /// <summary>Fig. 5: d = 5, η × epochs = 10⁴, no weight decay; the η grid, n, width and σ are unstated (the suite's grid
    /// {0.1, 0.2, 0.4, 0.8, 1.6}, which contains the paper's panel η = 0.4; Fig. 4's n = 512, width 1024; σ = 1). Reduced:
    /// n = 128, width 256, η × steps = 2500.</summary>
    public static IReadOnlyList<Cell> Fig5(Profile profile)
    {
        bool paper = IsPaper(profile);
        int n = paper ? 512 : 128;
        double horizon = paper ? 1e4 : 2500;
        return Fig5Etas.Select(eta => new Cell(5, n, 2 * n, eta, 0, 1, (int)Math.Round(horizon / eta))).ToList();
    }

    public static readonly double[] Fig5Etas = [0.1, 0.2, 0.4, 0.8, 1.6];
    public const string Fig5PaperSizes = "d = 5, eta in {0.1, 0.2, 0.4, 0.8, 1.6} (the suite's grid), eta x epochs = 1e4, n = 512, " +
        "width 1024 (unstated: Fig. 4's), sigma = 1, 5 seeds";
    public const string Fig5ReducedSizes = "d = 5, the same eta grid, eta x steps = 2500, n = 128, width 256, sigma = 1, 5 seeds";

    /// <summary>Figs. 6–7: n = 1024, η = 0.5; Fig. 6 widths 32, 48, 64 with λ ∈ {0, 0.05} at a d the paper leaves open
    /// (15 ≤ d ≤ 20 from its parameter-count remark: the suite takes d = 16); Fig. 7 width 16 at d ∈ {64, 48, 32}. Reduced:
    /// n = 256 with widths divided by 4 (the parameter count against n keeps its side).</summary>
    public static (IReadOnlyList<Cell> Fig6Stable, IReadOnlyList<Cell> Fig6Decay, IReadOnlyList<Cell> Fig7) Fig67(Profile profile)
    {
        bool paper = IsPaper(profile);
        int n = paper ? 1024 : 256, scale = paper ? 1 : 4, steps = paper ? ExperimentProtocol.DefaultSteps : ReducedSteps;
        int[] widths = [32 / scale, 48 / scale, 64 / scale];
        return (widths.Select(w => new Cell(16, n, w, 0.5, 0, 1, steps)).ToList(),
                widths.Select(w => new Cell(16, n, w, 0.5, 0.05, 1, steps)).ToList(),
                Fig7Dimensions.Select(d => new Cell(d, n, 16 / scale, 0.5, 0, 1, steps)).ToList());
    }

    private static readonly int[] Fig7Dimensions = [64, 48, 32];

    public const string Fig67PaperSizes = "n = 1024, eta = 0.5, 20000 steps (unstated); Fig. 6: d = 16 (the suite's choice in 15..20), widths 32, 48, 64, " +
        "lambda 0 and 0.05; Fig. 7: width 16, d = 64, 48, 32; sigma = 1, 5 seeds";
    public const string Fig67ReducedSizes = "n = 256, eta = 0.5, 5000 steps; Fig. 6: d = 16, widths 8, 12, 16; Fig. 7: " +
        "width 4, d = 64, 48, 32; sigma = 1, 5 seeds";

    /// <summary>Figs. 13–15: Hölder-½ target, σ² = 0.25, width 2n; stable minima trained with η ∈ {0.05, 0.1, 0.2, 0.4} and
    /// low-norm solutions with weight decay 0.01 (its η unstated: the suite's 0.05); d ∈ {1, …, 4}; n unstated (Fig. 2's
    /// 32..512). Reduced: n ∈ {32, 64, 128}.</summary>
    public static (int[] Ds, int[] Ns, double[] Etas, double WdEta, int Steps) Fig13(Profile profile) => IsPaper(profile)
        ? ([1, 2, 3, 4], [32, 64, 128, 256, 512], [0.05, 0.1, 0.2, 0.4], 0.05, ExperimentProtocol.DefaultSteps)
        : ([1, 2, 3, 4], [32, 64, 128], [0.05, 0.1, 0.2, 0.4], 0.05, ReducedSteps);

    public const string Fig13PaperSizes = "Hoelder-1/2 target, sigma = 0.5, width 2n, d = 1..4, n = 32..512 (unstated: Fig. 2's), " +
        "eta in {0.05, 0.1, 0.2, 0.4}, weight decay 0.01 at eta = 0.05 (unstated), 20000 steps (unstated), 5 seeds";
    public const string Fig13ReducedSizes = "the same target and arms, n = 32, 64, 128, 5000 steps, 5 seeds";
}
