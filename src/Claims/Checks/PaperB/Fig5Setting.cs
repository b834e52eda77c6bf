using Flatness.Claims.Model;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>Paper B's Fig. 5 (spec §9): d = 5, no weight decay, η ∈ {0.1, 0.2, 0.4, 0.8, 1.6}, η·epochs = 10⁴; n, width and
/// σ unstated (this suite: Fig. 4's n = 512 and width 1024, σ = 1). Shared by B-20 and B-04.</summary>
internal static class Fig5Setting
{
    public static readonly double[] Etas = [0.1, 0.2, 0.4, 0.8, 1.6];

    /// <summary>η·steps: the paper's 10⁴; the full profile uses 400.</summary>
    public static double Horizon(Profile profile) => profile == Profile.Paper ? 1e4 : 400;

    public static (IReadOnlyList<Cell> Cells, int Seeds) For(Profile profile)
    {
        bool paper = profile == Profile.Paper;
        int n = paper ? 512 : 128, width = paper ? 1024 : 256;
        double horizon = Horizon(profile);
        return (Etas.Select(eta => new Cell(5, n, width, eta, 0, 1, (int)Math.Round(horizon / eta))).ToList(), 5);
    }

    public static ulong Seed(ClaimContext context) => Flatness.Numerics.Randomness.Rng.DeriveSeed(context.RunSeed, "paper B Fig. 5");

    /// <summary>The cells, seed count and profile of a Fig. 5 run as parameters of <paramref name="b"/>.</summary>
    public static EvidenceBuilder Describe(EvidenceBuilder b, IReadOnlyList<Cell> cells, int seeds, Profile profile) =>
        b.Parameter("cells", string.Join("; ", cells.Select(c => c.Label))).Parameter("seeds", seeds.ToString(System.Globalization.CultureInfo.InvariantCulture))
         .Parameter("profile", profile.ToString().ToLowerInvariant());

    public static string SizesNote(Profile profile) => profile == Profile.Paper
        ? "Sizes (profile paper): d = 5, eta in {0.1, 0.2, 0.4, 0.8, 1.6}, eta*steps = 1e4 as in the paper; n = 512 and width 1024 (unstated for Fig. 5: Fig. 4's values), sigma = 1 (unstated), 5 seeds."
        : "Sizes: reduced (profile full): d = 5 and the paper's eta grid; eta*steps = 400 (paper 1e4), n = 128 and width 256 (unstated in the paper; " +
          "the paper profile uses Fig. 4's 512 and 1024), sigma = 1 (unstated), 5 seeds. `--profile paper` runs the paper's sizes.";
}
