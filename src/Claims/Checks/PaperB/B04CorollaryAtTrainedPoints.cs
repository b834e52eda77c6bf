using System.Globalization;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-04: Corollary 3.3 at GD's end points: |f_θ|_{V_g} ≤ 1/η − 1/2 + 2√(2L) when λ_max ≤ 2/η.</summary>
internal sealed class B04CorollaryAtTrainedPoints() : Claim("B-04"), ITrainedClaim
{
    public IReadOnlyList<TrainingWork> Work(ClaimContext context) =>
        CellRun.All(PaperBSettings.Seed(context, "Fig. 5"), PaperBSettings.Fig5(context.RunProfile)).ToList();

    public override IReadOnlyList<string> DependsOn => ["A-36", "A-39"];

    public override string Title => "Corollary 3.3 at trained points (Fig. 5 end points)";
    public override string Statement =>
        @"At every GD end point $\theta$ of the Fig. 5 sweep with $\lambda_{\max}(\nabla^2\mathcal L(\theta))\le2/\eta$: " +
        @"$|f_\theta|_{V_g}\le\frac1\eta-\frac12+(R+1)\sqrt{2\mathcal L(\theta)}$ with $R=1$, " +
        @"$|f_\theta|_{V_g}$ bounded above by the raw weighted path norm with the empirical weight $\hat g$.";
    public override string Method =>
        "Uses B-20's trained networks (d = 5, η ∈ {0.1, …, 1.6}, 5 seeds). At each end point: λ_max by Lanczos on the exact Hessian, " +
        "L with the 1/(2n) convention, and the raw weighted path norm Σ|a_k|‖w_k‖ĝ(w̄_k, b̄_k) (WeightedPathNorm; ≥ |f|_{V_g}, so the " +
        "check is conservative). Points with λ_max > 2/η are outside the corollary's hypothesis and are listed, not tested. Criteria " +
        "(spec B-04): the bound holds at every eligible point (exact); some end point is eligible (the share of eligible end points, " +
        "Clopper–Pearson, shown > 0; none leaves the claim inconclusive, never refuted).";

    public override Evidence Check(ClaimContext context)
    {
        var cells = PaperBSettings.Fig5(context.RunProfile);
        int seeds = ExperimentProtocol.Seeds;
        ulong seed = PaperBSettings.Seed(context, "Fig. 5");
        var b = new EvidenceBuilder().Parameter("cells", string.Join("; ", cells.Select(c => c.Label))).Parameter("seeds", Numbers.Count(seeds))
            .Parameter("profile", context.RunProfile.Name());
        var table = b.Table("end points", "eta", "seed", "lambda_max", "2/eta", "lambda_max - 2/eta (eligible when <= 0)", "weighted path norm",
            "bound 1/eta-1/2+2sqrt(2L)", "margin");
        int eligible = 0, violated = 0;
        double worst = double.PositiveInfinity;
        foreach (var cell in cells)
            for (int s = 0; s < seeds; s++)
            {
                var run = TrainingExperiment.Run(context, seed, cell, s);
                double lam = run.FinalLambdaMax, threshold = 2 / cell.Eta;
                bool ok = lam <= threshold;
                double v = TrainingExperiment.PathNorm(run);
                double bound = 1 / cell.Eta - 0.5 + 2 * Math.Sqrt(2 * run.FinalLoss);
                double margin = bound - v;
                if (ok)
                {
                    eligible++;
                    if (margin < 0) violated++;
                    worst = Math.Min(worst, margin);
                }
                table.Row(Numbers.Format(cell.Eta), s.ToString(CultureInfo.InvariantCulture), Numbers.Format(lam, 5), Numbers.Format(threshold, 5),
                    Numbers.Format(lam - threshold, 4), Numbers.Format(v, 4), Numbers.Format(bound, 4), Numbers.Format(margin, 4));
            }
        b.Metric("eligiblePoints", eligible).Metric("violations", violated);
        if (eligible > 0) b.Metric("smallestMargin", worst, 4);
        b.Note(ExperimentProtocol.SizesNote(context.RunProfile, PaperBSettings.Fig5PaperSizes, PaperBSettings.Fig5ReducedSizes));
        b.Note(ExperimentProtocol.Choices(cells[0].Steps));
        b.Note("The bound is Corollary 3.3 as reconstructed in the spec (paper B §5) with R + 1 = 2; Theorem 3.2 itself is checked on random " +
               "instances by B-03. GD near the edge of stability ends with lambda_max close to 2/eta, on either side; only points on the " +
               "stable side satisfy the hypothesis.");
        b.Criterion(Criterion.Premise("some end point satisfies lambda_max <= 2/eta (the corollary's hypothesis)", eligible > 0,
            $"{eligible} of {cells.Count * seeds} end points do"));
        if (eligible > 0)
            b.Criterion(Criterion.Exact($"smallest margin (bound - weighted path norm) over the {eligible} eligible end points", worst, Region.Above(0), 4));
        return b.Decide(VerdictMethod.Experiment,
            $"the bound holds at all {eligible} end points with lambda_max <= 2/eta (smallest margin {Numbers.Format(worst, 3)}).",
            $"{violated} violations in {eligible} eligible points");
    }
}
