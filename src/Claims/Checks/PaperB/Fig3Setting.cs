using Flatness.Claims.Model;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>Paper B's Figs. 1 and 3 (spec §9): d = 10, n = 512, width 2048, σ = 1; GD with η = 0.9 and no weight decay
/// against η = 0.01 with weight decay 0.1; median over 5 initialisations. Shared by B-16 and B-17.</summary>
internal static class Fig3Setting
{
    /// <summary>Steps at the paper profile: the paper does not state them for Fig. 3; 20000 is its Fig. 4 count.</summary>
    public const int PaperSteps = 20000;

    public static (Cell Gd, Cell Wd, int Seeds) For(Profile profile) => profile == Profile.Paper
        ? (new Cell(10, 512, 2048, 0.9, 0, 1, PaperSteps, SharpnessEvery: 100), new Cell(10, 512, 2048, 0.01, 0.1, 1, PaperSteps), 5)
        : (new Cell(10, 128, 256, 0.9, 0, 1, 3000, SharpnessEvery: 50), new Cell(10, 128, 256, 0.01, 0.1, 1, 3000), 5);

    /// <summary>The experiment's seed: derived from the run's seed and "Fig. 3", so B-16 and B-17 train the same runs.</summary>
    public static ulong Seed(ClaimContext context) => Flatness.Numerics.Randomness.Rng.DeriveSeed(context.RunSeed, "paper B Fig. 3");

    public static string SizesNote(Profile profile) => profile == Profile.Paper
        ? "Sizes: the paper's (d = 10, n = 512, width 2048, 5 seeds; 20000 steps, the paper's Fig. 4 count, as Fig. 3 states none)."
        : "Sizes: reduced (profile full): d = 10 and sigma = 1 as in the paper, n = 128 (paper 512), width 256 (paper 2048; the same " +
          "over-parameterised regime, width = 2n), 3000 steps (paper: unstated), 5 seeds as in the paper. `--profile paper` runs the paper's sizes.";
}
