using System.Globalization;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-16: full-batch GD with η = 0.9 at Fig. 3's setting runs at the edge of stability, λ_max ≈ 2/η.</summary>
internal sealed class B16EdgeOfStability() : Claim("B-16"), ITrainedClaim
{
    public IReadOnlyList<TrainingWork> Work(ClaimContext context) =>
        PaperBSettings.Computed(context).SelectMany(p => CellRun.All(PaperBSettings.Seed(context, "Fig. 3"), [PaperBSettings.Fig3(p).Gd])).ToList();

    /// <summary>Late window: the last half of the λ_max measurements.</summary>
    public const double LateFraction = 0.5;

    /// <summary>"Oscillates around 2/η": the suite reads it as a late level within ±20 % of 2/η (spec B-16).</summary>
    public const double Band = 0.2;

    public override IReadOnlyList<string> DependsOn => ["A-36", "A-42"];

    public override string Title => "Edge of stability: lambda_max hovers at 2/eta during large-step GD (Fig. 3)";
    public override string Statement =>
        @"Full-batch GD with $\eta=0.9$ on $y=w^\top x+\mathcal N(0,1)$, $x\sim\mathrm{Unif}(B^{10}_1)$, " +
        @"width 2048 on 512 samples: ""$\lambda_{\max}(\nabla^2_\theta\mathcal L(\theta))$ oscillates around $2/\eta\approx2.2$, " +
        @"signaling edge-of-stability dynamics"" (paper B §4, Fig. 3).";
    public override string Method =>
        "Trains Fig. 3's GD arm (η = 0.9, no weight decay) from 5 seeds and measures λ_max of the exact Hessian of the 1/(2n) loss " +
        "(Lanczos on the exact Hessian-vector product, warm-started) every few steps. Per seed: the median of λ_max·η/2 over the " +
        "late half of the measurements. Criteria: the mean over seeds of that late ratio lies in [0.8, 1.2] (Student-t bounds over " +
        "the 5 seeds, the independent units); no run diverges.";

    public override Evidence Check(ClaimContext context)
    {
        var b = new EvidenceBuilder();
        var primary = Measure(context, context.RunProfile);
        var reduced = PaperBSettings.IsPaper(context.RunProfile) ? Measure(context, Profile.Full) : primary;
        b.Parameter("setting", primary.Cell.Label).Parameter("seeds", Numbers.Count(primary.Ratios.Count)).Parameter("profile", context.RunProfile.Name());
        var table = b.Table("late lambda_max per seed", "seed", "late median lambda_max", "ratio to 2/eta", "late min", "late max",
            "diverged", "clipped steps", "final loss");
        foreach (var row in primary.Rows) table.Row(row);
        b.Figure(new Figure("sharpness", "lambda_max of the loss Hessian along GD (eta = 0.9)", "step", "lambda_max", primary.Series,
            "Top Hessian eigenvalue along training, one line per seed; the dashed line is 2/eta.", [("2/eta", 2 / primary.Cell.Eta)]));
        double median = Descriptive.Median(primary.Ratios);
        b.Metric("lateLambdaRatio", median, 4);
        var cmp = ExperimentProtocol.Comparison(b);
        bool paper = PaperBSettings.IsPaper(context.RunProfile);
        cmp.Row("lambda_max against 2/eta (late median, median over seeds)", "\"oscillates around 2/eta ≈ 2.2\"",
            paper ? $"{Numbers.Format(median * 2 / primary.Cell.Eta, 3)} ({Numbers.Format(median, 3)} × 2/eta)" : ExperimentProtocol.NotRun,
            $"{Numbers.Format(Descriptive.Median(reduced.Ratios) * 2 / reduced.Cell.Eta, 3)} " +
            $"({Numbers.Format(Descriptive.Median(reduced.Ratios), 3)} × 2/eta)");
        b.Criterion(Criterion.Statistical("late lambda_max / (2/eta), mean over seeds", Replicates.Mean(primary.Ratios), Region.Between(1 - Band, 1 + Band)));
        b.Criterion(Criterion.Condition("no run diverged", primary.Diverged == 0, $"{primary.Diverged} of {primary.Ratios.Count} runs diverged"));
        b.Note(ExperimentProtocol.SizesNote(context.RunProfile, PaperBSettings.Fig3PaperSizes, PaperBSettings.Fig3ReducedSizes));
        b.Note(ExperimentProtocol.CommonQuote);
        b.Note(ExperimentProtocol.Choices(primary.Cell.Steps));
        b.Note("\"Oscillates around 2/eta\" is read as: the level of lambda_max over the late half of training lies within ±20% of 2/eta " +
               "(spec B-16); the late window and the band are fixed before running.");
        return b.Decide(VerdictMethod.Experiment,
            $"the late level of lambda_max is {Numbers.Format(median, 3)} × 2/eta (median over seeds), inside ±20% of 2/eta: " +
            $"GD runs at the edge of stability as the paper reports.",
            $"late lambda_max / (2/eta) = {Numbers.Format(median, 3)}");
    }

    private sealed record Measurement(Cell Cell, List<double> Ratios, int Diverged, List<string[]> Rows, List<Series> Series);

    private static Measurement Measure(ClaimContext context, Profile profile)
    {
        var (gd, _) = PaperBSettings.Fig3(profile);
        ulong seed = PaperBSettings.Seed(context, "Fig. 3");
        var ratios = new List<double>();
        var rows = new List<string[]>();
        var series = new List<Series>();
        int diverged = 0;
        for (int s = 0; s < ExperimentProtocol.Seeds; s++)
        {
            var run = TrainingExperiment.Run(context, seed, gd, s);
            var measured = run.Result.Trajectory.Where(p => !double.IsNaN(p.LambdaMax)).ToList();
            var late = measured.Skip((int)(measured.Count * (1 - LateFraction))).Select(p => p.LambdaMax).ToList();
            double med = Descriptive.Median(late);
            ratios.Add(med * gd.Eta / 2);
            if (run.Result.Diverged) diverged++;
            rows.Add([s.ToString(CultureInfo.InvariantCulture), Numbers.Format(med), Numbers.Format(med * gd.Eta / 2, 4),
                Numbers.Format(late.Min()), Numbers.Format(late.Max()), run.Result.Diverged ? "yes" : "no",
                ClippedText(run.Result.ClippedSteps), Numbers.Format(run.FinalLoss)]);
            series.Add(new Series($"seed {s}", measured.Select(p => (double)p.Step).ToArray(), measured.Select(p => p.LambdaMax).ToArray(), SeriesStyle.Line));
        }
        return new Measurement(gd, ratios, diverged, rows, series);
    }

    /// <summary>The steps at which clipping acted, compactly ("none", "step 3", "steps 0-9 (10 in all)").</summary>
    internal static string ClippedText(IReadOnlyList<int> steps)
    {
        if (steps.Count == 0) return "none";
        var parts = new List<string>();
        int start = steps[0], prev = steps[0];
        foreach (int s in steps.Skip(1).Append(int.MinValue))
        {
            if (s == prev + 1) { prev = s; continue; }
            parts.Add(start == prev ? start.ToString(CultureInfo.InvariantCulture) : $"{start}-{prev}");
            if (parts.Count == 6 && s != int.MinValue) { parts.Add("…"); break; }
            start = prev = s;
        }
        return (steps.Count == 1 ? "step " : "steps ") + string.Join(", ", parts) + (steps.Count > 1 ? $" ({steps.Count} in all)" : "");
    }
}
