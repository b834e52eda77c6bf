using System.Globalization;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-20: Fig. 5: as η grows, more neurons fire on a small subset of the data and the remaining active neurons have
/// larger norms.</summary>
internal sealed class B20SimplicityInStepSize() : Claim("B-20"), ITrainedClaim
{
    public IReadOnlyList<TrainingWork> Work(ClaimContext context) =>
        PaperBSettings.Computed(context).SelectMany(p => CellRun.All(PaperBSettings.Seed(context, "Fig. 5"), PaperBSettings.Fig5(p))).ToList();

    public override IReadOnlyList<string> DependsOn => ["A-36", "A-40", "A-42"];

    public override string Title => "Shattering grows with the step size: sparse firing and norms up as eta grows (Fig. 5)";
    public override string Statement =>
        @"At $d=5$ with $\eta\times$epochs $=10^4$ (Fig. 5): ""as $\eta$ grows, the stability/flatness constraint forces an ever larger fraction of neurons " +
        @"to activate only on a small subset of the data (neural shattering). To further decrease the training loss, " +
        @"gradient descent correspondingly increases the weight norms of the remaining active neurons"" (paper B, Appendix A.2).";
    public override string Method =>
        "Trains GD without weight decay at η ∈ {0.1, 0.2, 0.4, 0.8, 1.6} (the suite's grid; the paper states none but shows η = 0.4) with " +
        "η × steps = 10⁴, 5 seeds, the seeds sharing data and initialisation across η. Per run: the share of all neurons that fire on a " +
        "small subset (0 < r_k ≤ 10%), and the median path weight |a_k|·‖w_k‖ of the firing neurons. Criteria, with the seeds as units " +
        "(Student-t bounds on the mean per-seed least-squares slope on log2 η): (i) the small-subset share rises with η; (ii) log10 of " +
        "the firing neurons' median path weight rises with η. The weighted path norm (Corollary 3.3, a theorem rather than this " +
        "figure's statement) and λ_max·η/2 are reported without deciding; Corollary 3.3 at these end points is B-04.";

    public override Evidence Check(ClaimContext context)
    {
        var b = new EvidenceBuilder();
        bool paper = PaperBSettings.IsPaper(context.RunProfile);
        var m = Measure(context, context.RunProfile);
        var r = paper ? Measure(context, Profile.Full) : m;
        b.Parameter("cells", string.Join("; ", m.Cells.Select(c => c.Label))).Parameter("seeds", Numbers.Count(ExperimentProtocol.Seeds))
            .Parameter("profile", context.RunProfile.Name());
        var table = b.Table("seed medians per eta", "eta", "steps", "share 0<r_k<=0.1", "median |a||w| (firing)",
            "share firing", "weighted path norm (reported)", "lambda_max * eta / 2", "loss", "in-sample MSE");
        foreach (var row in m.Rows) table.Row(row);
        var logEta = PaperBSettings.Fig5Etas.Select(Math.Log2).ToArray();
        b.Figure(new Figure("shattering-vs-eta", "Small-subset share and firing norms against eta (seed medians)", "log2 eta", "value",
            [new Series("share 0 < r_k <= 0.1", logEta,
                Enumerable.Range(0, logEta.Length).Select(i => Descriptive.Median(m.Share.Select(s => s[i]))).ToArray()),
             new Series("log10 median |a||w| (firing)", logEta,
                 Enumerable.Range(0, logEta.Length).Select(i => Descriptive.Median(m.LogNorm.Select(s => s[i]))).ToArray())],
            "Seed medians against the step size."));
        var cmp = ExperimentProtocol.Comparison(b);
        string Trend(Measurement x) =>
            $"share {string.Join(" → ", Enumerable.Range(0, logEta.Length).Select(i => Numbers.Format(Descriptive.Median(x.Share.Select(s => s[i])), 2)))}; " +
            $"log10 norm " +
            $"{string.Join(" → ", Enumerable.Range(0, logEta.Length).Select(i => Numbers.Format(Descriptive.Median(x.LogNorm.Select(s => s[i])), 2)))}";
        cmp.Row("eta = 0.1 → 1.6",
            "\"an ever larger fraction of neurons … activate only on a small subset … increases the weight norms of the remaining active neurons\"",
            paper ? Trend(m) : ExperimentProtocol.NotRun, Trend(r));
        b.Criterion(Criterion.Statistical("(i) slope of the small-subset share on log2 eta", Replicates.MeanSlope(logEta, m.Share), Region.Above(0)));
        b.Criterion(Criterion.Statistical("(ii) slope of log10 median path weight (firing) on log2 eta",
            Replicates.MeanSlope(logEta, m.LogNorm), Region.Above(0)));
        b.Note(ExperimentProtocol.SizesNote(context.RunProfile, PaperBSettings.Fig5PaperSizes, PaperBSettings.Fig5ReducedSizes));
        b.Note(ExperimentProtocol.CommonQuote);
        b.Note(ExperimentProtocol.Choices(m.Cells[0].Steps));
        b.Note("Readings fixed before running: \"a small subset\" — r_k ≤ 10% (Fig. 3's figure), silent neurons excluded; \"the remaining " +
               "active neurons\" — the firing ones (r_k > 0); \"grows\" — a positive mean per-seed slope on log2 eta. The eta grid is the " +
               "suite's own: the paper states only eta × epochs = 1e4 and shows eta = 0.4.");
        return b.Decide(VerdictMethod.Experiment,
            "as eta grows more neurons fire on at most 10% of the samples and the firing neurons' norms grow, as Fig. 5 reports.",
            Trend(m));
    }

    internal sealed record Measurement(IReadOnlyList<Cell> Cells, List<double[]> Share, List<double[]> LogNorm, List<string[]> Rows);

    private static Measurement Measure(ClaimContext context, Profile profile)
    {
        var cells = PaperBSettings.Fig5(profile);
        ulong seed = PaperBSettings.Seed(context, "Fig. 5");
        var runs = cells.Select(c => Enumerable.Range(0, ExperimentProtocol.Seeds).Select(s => TrainingExperiment.Run(context, seed, c, s)).ToList()).ToList();
        var m = new Measurement(cells, [], [], []);
        for (int s = 0; s < ExperimentProtocol.Seeds; s++)
        {
            m.Share.Add(runs.Select(c => c[s].Neurons.SmallSubsetShare(ExperimentProtocol.SmallSubset)).ToArray());
            m.LogNorm.Add(runs.Select(c => Math.Log10(B17ShatteringVsWeightDecay.FiringMedian(c[s].Neurons, c[s].Neurons.PathWeights))).ToArray());
        }
        for (int i = 0; i < cells.Count; i++)
        {
            var c = runs[i];
            m.Rows.Add([Numbers.Format(cells[i].Eta), cells[i].Steps.ToString(CultureInfo.InvariantCulture),
                Numbers.Format(Descriptive.Median(c.Select(x => x.Neurons.SmallSubsetShare(ExperimentProtocol.SmallSubset))), 3),
                Numbers.Format(Descriptive.Median(c.Select(x => B17ShatteringVsWeightDecay.FiringMedian(x.Neurons, x.Neurons.PathWeights))), 3),
                Numbers.Format(Descriptive.Median(c.Select(x => x.Neurons.FiringShare)), 3),
                Numbers.Format(Descriptive.Median(c.Select(TrainingExperiment.PathNorm)), 4), Numbers.Format(Descriptive.Median(c.Select(x => x.FinalLambdaMax
                    * x.Cell.Eta / 2)), 3), Numbers.Format(Descriptive.Median(c.Select(x => x.FinalLoss)), 3),
                Numbers.Format(Descriptive.Median(c.Select(x => x.CleanMse)), 3)]);
        }
        return m;
    }
}
