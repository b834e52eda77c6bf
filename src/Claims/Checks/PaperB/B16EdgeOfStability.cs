using Flatness.Claims.Model;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-16: full-batch GD with η = 0.9 at Fig. 3's setting runs at the edge of stability, λ_max ≈ 2/η.</summary>
internal sealed class B16EdgeOfStability() : Claim("B-16")
{
    /// <summary>Late window: the last half of the measurements.</summary>
    public const double LateFraction = 0.5;
    /// <summary>Band around 2/η for the late median.</summary>
    public const double Band = 0.2;
    /// <summary>A sustained excursion: more than this share of consecutive late measurements above (1 + Band)·2/η.</summary>
    public const double ExcursionShare = 0.1;
    public override string Title => "Edge of stability: lambda_max hovers at 2/eta during large-step GD (Fig. 3)";
    public override string Statement =>
        @"Full-batch GD with $\eta=0.9$ on $y=w^\top x+\mathcal N(0,1)$, $x\sim\mathrm{Unif}(B^{10}_1)$, reaches $\lambda_{\max}(\nabla^2\mathcal L(\theta_t))\approx2/\eta$ and stays there (edge of stability; paper B Figs. 1, 3).";
    public override string Method =>
        "Trains Fig. 3's GD arm (η = 0.9, no weight decay, clipping at 50 in the first 10 steps) from 5 Kaiming initialisations and " +
        "measures λ_max of the exact Hessian (Lanczos on the exact HVP, warm-started) every few steps. Criterion (spec B-16): the " +
        "median over seeds of the late median of λ_max·η/2 lies in [0.8, 1.2], and no seed has a sustained excursion (more than 10% " +
        "consecutive late measurements above 1.2·2/η) or diverges.";

    public override Evidence Check(ClaimContext context)
    {
        var (gd, _, seeds) = Fig3Setting.For(context.RunProfile);
        var b = new EvidenceBuilder();
        b.Parameter("setting", gd.Label).Parameter("seeds", seeds.ToString(System.Globalization.CultureInfo.InvariantCulture))
         .Parameter("profile", context.RunProfile.ToString().ToLowerInvariant());
        double threshold = 2 / gd.Eta;
        var table = b.Table("late lambda_max per seed", "seed", "late median lambda_max", "ratio to 2/eta", "late min", "late max",
            "longest run above 1.2*2/eta", "diverged", "final loss");
        var ratios = new List<double>();
        bool anyExcursion = false, anyDiverged = false;
        var series = new List<Series>();
        for (int s = 0; s < seeds; s++)
        {
            var run = TrainingExperiment.Run(Fig3Setting.Seed(context), gd, s);
            var measured = run.Result.Trajectory.Where(p => !double.IsNaN(p.LambdaMax)).ToList();
            var late = measured.Skip((int)(measured.Count * (1 - LateFraction))).Select(p => p.LambdaMax).ToList();
            double med = TrainingExperiment.Median(late);
            int longest = 0, current = 0;
            foreach (double l in late)
            {
                current = l > (1 + Band) * threshold ? current + 1 : 0;
                longest = Math.Max(longest, current);
            }
            bool excursion = longest > ExcursionShare * late.Count;
            anyExcursion |= excursion;
            anyDiverged |= run.Result.Diverged;
            ratios.Add(med / threshold);
            table.Row(s.ToString(System.Globalization.CultureInfo.InvariantCulture), Numbers.Format(med), Numbers.Format(med / threshold, 4),
                Numbers.Format(late.Count > 0 ? late.Min() : double.NaN), Numbers.Format(late.Count > 0 ? late.Max() : double.NaN),
                $"{longest} of {late.Count}", run.Result.Diverged ? "yes" : "no", Numbers.Format(run.FinalLoss));
            series.Add(new Series($"seed {s}", measured.Select(p => (double)p.Step).ToArray(), measured.Select(p => p.LambdaMax).ToArray(), SeriesStyle.Line));
        }
        b.Figure(new Figure("sharpness", "lambda_max of the loss Hessian along GD (eta = 0.9)", "step", "lambda_max", series,
            "Top Hessian eigenvalue along training, one line per seed; the dashed line is 2/eta.", [("2/eta", threshold)]));
        double median = TrainingExperiment.Median(ratios);
        b.Metric("medianLateRatio", median, 4);
        b.Note(Fig3Setting.SizesNote(context.RunProfile));
        b.Note(TrainingExperiment.Choices);
        b.Note("Criterion thresholds (spec B-16): late window = the last 50% of the lambda_max measurements; band +-20% around 2/eta; " +
               "a sustained excursion = a run of consecutive late measurements above 1.2*2/eta longer than 10% of the window. " +
               "An experiment, not a statistical test: no false-refutation probability is attached.");
        bool holds = Math.Abs(median - 1) <= Band && !anyExcursion && !anyDiverged;
        return b.Decide(holds, VerdictMethod.Experiment,
            $"in this setting the late median of lambda_max is {Numbers.Format(median, 3)} x 2/eta (median over {seeds} seeds), within +-20%, with no sustained excursion: supports the paper's edge-of-stability observation.",
            $"the late median of lambda_max is {Numbers.Format(median, 3)} x 2/eta (median over {seeds} seeds)" +
            (anyExcursion ? ", with a sustained excursion above 1.2 x 2/eta" : "") + (anyDiverged ? ", and a run diverged" : "") + ": GD did not hover at 2/eta in this setting.",
            $"late lambda_max / (2/eta) = {Numbers.Format(median, 3)}");
    }
}
