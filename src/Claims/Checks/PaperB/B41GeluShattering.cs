using System.Globalization;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-41: Fig. 8: in GELU networks trained as in Fig. 4, neurons with lower activation rates have larger weight norms.</summary>
internal sealed class B41GeluShattering() : Claim("B-41"), ITrainedClaim
{
    public IReadOnlyList<TrainingWork> Work(ClaimContext context) =>
        PaperBSettings.Computed(context).SelectMany(p =>
        {
            var (ds, template) = PaperBSettings.Fig8(p);
            return CellRun.All(PaperBSettings.Seed(context, "Fig. 8"), ds.Select(d => template with { D = d }));
        }).ToList();

    public override IReadOnlyList<string> DependsOn => ["A-36", "A-41", "A-42", "A-50"];

    public override string Title => "Neural shattering with GELU: lower activation rate, larger weight norm (Fig. 8)";
    public override string Statement =>
        @"For a two-layer GELU network of width 1024 trained on 512 samples for 20000 epochs with $\eta=0.5$, " +
        @"$d=1,\dots,6$ (Fig. 8): ""The neural shattering behavior observed for ReLU networks in Figure 4 also appears here with GeLU activations. " +
        @"In particular, we can see the trend more clearly: neurons with lower activation rates tend to develop larger weight norms, " +
        @"highlighting that the neural shattering mechanism extends beyond piecewise-linear activations"" (paper B, Appendix A.4).";
    public override string Method =>
        "Trains GELU networks (σ(z) = z·Φ(z), PyTorch's nn.GELU default) at Fig. 4's sizes, d = 1, …, 6, 5 seeds. A GELU neuron never has " +
        "r_k = 0 exactly in the ReLU sense, so the activation rate is defined as the paper's plots suggest: the share of samples with " +
        "z_ik > 0; neurons with r_k = 0 (negative on every sample) are excluded as silent, as for ReLU. Per network: Spearman's ρ between " +
        "r_k and the path weight |a_k|·‖w_k‖ over its firing neurons. Criterion, at every d: the mean of the 5 per-seed ρ is negative " +
        "(Student-t bounds; the network is the unit, its neurons are dependent).";

    public override Evidence Check(ClaimContext context)
    {
        var b = new EvidenceBuilder();
        bool paper = PaperBSettings.IsPaper(context.RunProfile);
        var m = Measure(context, context.RunProfile);
        var r = paper ? Measure(context, Profile.Full) : m;
        b.Parameter("setting", m.Template.Label.Replace("d=1, ", "", StringComparison.Ordinal)).Parameter("d", string.Join(", ", m.Ds))
         .Parameter("seeds", Numbers.Count(ExperimentProtocol.Seeds)).Parameter("profile", context.RunProfile.Name());
        var table = b.Table("per d", "d", "rho per seed", "mean rho", "firing neurons per seed", "share firing (median)", "in-sample MSE (median)");
        foreach (var row in m.Rows) table.Row(row);
        var cmp = ExperimentProtocol.Comparison(b);
        string Rhos(Measurement x) => string.Join("; ", x.Ds.Select((d, i) => $"d={d}: {Numbers.Format(Mean(x.Rho[i]), 2)}"));
        cmp.Row("mean per-seed Spearman(r_k, |a_k| ||w_k||), GELU", "\"neurons with lower activation rates tend to develop larger weight norms\"",
            paper ? Rhos(m) : ExperimentProtocol.NotRun, Rhos(r));
        for (int i = 0; i < m.Ds.Length; i++)
        {
            var finite = m.Rho[i].Where(double.IsFinite).ToList();
            string name = $"d = {m.Ds[i]}: mean per-seed Spearman rho (GELU)";
            if (finite.Count >= 2) b.Criterion(Criterion.Statistical(name, Replicates.Mean(finite), Region.Below(0)));
            else b.Criterion(Criterion.Premise(name + ": at least two networks with 4 or more firing neurons", false, $"{finite.Count} such networks"));
            b.Metric("spearman_d" + m.Ds[i].ToString(CultureInfo.InvariantCulture), Mean(m.Rho[i]), 3);
        }
        b.Note(ExperimentProtocol.SizesNote(context.RunProfile, PaperBSettings.Fig4PaperSizes + ", GELU", PaperBSettings.Fig4ReducedSizes + ", GELU"));
        b.Note(ExperimentProtocol.CommonQuote);
        b.Note(ExperimentProtocol.Choices(m.Template.Steps));
        b.Note("GELU is the erf form z·Φ(z) (PyTorch's default `nn.GELU()`; the tanh approximation is the other choice, `approximate='tanh'`). " +
               "The activation rate r_k is the share of samples with z_ik > 0 — for GELU a neuron is never exactly off, so this is the reading " +
               "of the paper's plots, fixed before running.");
        return b.Decide(VerdictMethod.Experiment,
            "at every d, GELU neurons with lower activation rates carry larger path weights, as Fig. 8 reports.", Rhos(m));
    }

    private static double Mean(double[] v) => v.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();

    private sealed record Measurement(int[] Ds, Cell Template, List<double[]> Rho, List<string[]> Rows);

    private static Measurement Measure(ClaimContext context, Profile profile)
    {
        var (ds, template) = PaperBSettings.Fig8(profile);
        ulong seed = PaperBSettings.Seed(context, "Fig. 8");
        var m = new Measurement(ds, template, [], []);
        foreach (int d in ds)
        {
            var runs = Enumerable.Range(0, ExperimentProtocol.Seeds).Select(s => TrainingExperiment.Run(context, seed, template with { D = d }, s)).ToList();
            var rho = runs.Select(x =>
            {
                var firing = x.Neurons.Firing;
                return firing.Count < 4 ? double.NaN
                    : RankCorrelation.Rho(firing.Select(k => x.Neurons.ActivationRates[k]).ToArray(), firing.Select(k => x.Neurons.PathWeights[k]).ToArray());
            }).ToArray();
            m.Rho.Add(rho);
            m.Rows.Add([Numbers.Count(d), string.Join(", ", rho.Select(v => Numbers.Format(v, 3))), Numbers.Format(Mean(rho), 3),
                string.Join(", ", runs.Select(x => Numbers.Count(x.Neurons.Firing.Count))),
                Numbers.Format(Descriptive.Median(runs.Select(x => x.Neurons.FiringShare)), 3),
                Numbers.Format(Descriptive.Median(runs.Select(x => x.CleanMse)), 4)]);
        }
        return m;
    }
}
