using System.Globalization;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Statistics;
using Flatness.Numerics.Training;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-17: Fig. 3's statements: large-step GD shatters (firing neurons fire on ≤ 10 % of the data, norms not reduced)
/// and overfits to the noise level; weight decay keeps all neurons active, norms bounded, and a far smaller MSE.</summary>
internal sealed class B17ShatteringVsWeightDecay() : Claim("B-17"), ITrainedClaim
{
    public IReadOnlyList<TrainingWork> Work(ClaimContext context)
    {
        ulong seed = PaperBSettings.Seed(context, "Fig. 3");
        var cells = PaperBSettings.Computed(context).SelectMany(p => new[] { PaperBSettings.Fig3(p).Gd, PaperBSettings.Fig3(p).Wd })
            .Append(PaperBSettings.Fig3(context.RunProfile, InitialisationScheme.HeNormal).Gd);
        return CellRun.All(seed, cells).ToList();
    }

    /// <summary>"Far smaller": at least a factor 2.</summary>
    public const double FarSmaller = 2;

    /// <summary>"All neurons remain active": at least this share of WD neurons fire.</summary>
    public const double All = 0.95;

    public override IReadOnlyList<string> DependsOn => ["A-36", "A-42"];

    public override string Title => "Neural shattering under large-step GD vs weight decay (Fig. 3)";
    public override string Statement =>
        @"At Fig. 3's setting (width 2048, 512 samples, $\sigma=1$, $d=10$): with $\eta=0.9$ and no weight decay, " +
        @"GD ""drastically reduces each neuron's data-activation rate to $\le10\%$, rather than reducing their weight norms. " +
        @"The network overfits (train MSE $\approx1.105$, matching the noise level). In contrast, with $\eta=0.01$ plus $\ell_2$-weight-decay $\lambda=0.1$, " +
        @"all neurons remain active and weight norms stay tightly bounded, so the model avoids overfitting (train MSE $\approx0.055$)"" (paper B §4).";
    public override string Method =>
        "Trains both arms of Fig. 3 from the same 5 data sets and initialisations (the GD arm is B-16's run). Per seed: the in-sample " +
        "MSE against the clean target; the activation rate r_k = (1/n)#{i : z_ik > 0} of every neuron; among firing neurons (r_k > 0) the " +
        "share with r_k ≤ 10%; the median path weight |a_k|·‖w_k‖ of firing neurons. Criteria, each a mean over the 5 seeds with " +
        "Student-t bounds (seeds are the independent units): (i) GD in-sample MSE / σ² = 1 ± 0.25 (\"matching the noise level\"); " +
        "(ii) GD: the share of firing neurons with r_k ≤ 10% exceeds 1/2 (the typical neuron fires on at most 10%; the largest rate is " +
        "reported); (iii) log10 of GD's over WD's median path weight > 0 (GD does not reduce norms; WD keeps them bounded); (iv) WD: " +
        "the share of firing neurons exceeds 0.95 (\"all neurons remain active\"); (v) log10 MSE(GD)/MSE(WD) > log10 2 (a far smaller " +
        "MSE). The rate–norm correlation is a statement of Figs. 6–8 (B-21), not of this figure. " +
        "He-normal initialisation is run as a probe, without a verdict.";

    public override Evidence Check(ClaimContext context)
    {
        var b = new EvidenceBuilder();
        bool paper = PaperBSettings.IsPaper(context.RunProfile);
        var m = Measure(context, context.RunProfile, InitialisationScheme.PyTorchDefault);
        var r = paper ? Measure(context, Profile.Full, InitialisationScheme.PyTorchDefault) : m;
        var probe = Measure(context, context.RunProfile, InitialisationScheme.HeNormal, gdOnly: true);
        b.Parameter("GD arm", m.Gd.Label).Parameter("WD arm", m.Wd.Label).Parameter("seeds", Numbers.Count(ExperimentProtocol.Seeds))
            .Parameter("profile", context.RunProfile.Name());
        var table = b.Table("per seed (PyTorch-default initialisation)", "seed", "GD share silent", "GD share of firing with r<=10%", "GD max r_k",
            "WD share firing", "GD median |a||w| (firing)", "WD median |a||w| (firing)", "GD median ||(w,b)|| (firing)", "WD median ||(w,b)|| (firing)",
            "GD MSE in-sample", "WD MSE in-sample", "GD MSE held-out", "WD MSE held-out", "GD clipped steps", "WD clipped steps");
        foreach (var row in m.Rows) table.Row(row);
        b.Metric("gdMseInSample", Descriptive.Median(m.GdMse), 4).Metric("wdMseInSample", Descriptive.Median(m.WdMse), 4)
         .Metric("gdShareSilent", Descriptive.Median(m.GdSilent), 4).Metric("gdShareFiringAtMost10", Descriptive.Median(m.GdSmall), 4)
         .Metric("gdMaxRate", Descriptive.Median(m.GdMax), 4).Metric("wdShareFiring", Descriptive.Median(m.WdFiring), 4);
        var cmp = ExperimentProtocol.Comparison(b);
        void Row(string what, string quote, Func<Measurement, string> value) => cmp.Row(what, quote, paper ? value(m) : ExperimentProtocol.NotRun, value(r));
        Row("GD train MSE (in-sample, clean target)", "\"train MSE ≈ 1.105, matching the noise level\"", x => Numbers.Format(Descriptive.Median(x.GdMse), 3));
        Row("GD activation rates", "\"each neuron's data-activation rate to ≤ 10%\"",
            x => $"{Numbers.Format(100 * Descriptive.Median(x.GdSmall), 3)}% of firing neurons at r ≤ 10%; " +
                $"max r {Numbers.Format(Descriptive.Median(x.GdMax), 3)}; {Numbers.Format(100 * Descriptive.Median(x.GdSilent), 3)}% silent");
        Row("WD neurons active", "\"all neurons remain active\"", x => $"{Numbers.Format(100 * Descriptive.Median(x.WdFiring), 3)}% fire");
        Row("WD train MSE", "\"train MSE ≈ 0.055\"", x => Numbers.Format(Descriptive.Median(x.WdMse), 3));
        Row("weight norms", "GD: \"rather than reducing their weight norms\"; WD: \"stay tightly bounded\"",
            x => $"median |a||w| GD {Numbers.Format(Descriptive.Median(x.GdPath), 3)}, WD {Numbers.Format(Descriptive.Median(x.WdPath), 3)}");

        b.Criterion(Criterion.Statistical("(i) GD in-sample MSE / sigma^2", Replicates.Mean(m.GdMse.Select(v => v / (m.Gd.Sigma * m.Gd.Sigma))),
            Region.Near(1, 0.25, 0.25)));
        b.Criterion(Criterion.Statistical("(ii) GD: share of firing neurons with r_k <= 10%", Replicates.Mean(m.GdSmall), Region.Above(0.5)));
        b.Criterion(Criterion.Statistical("(iii) log10 (GD / WD median path weight of firing neurons)",
            Replicates.Mean(m.GdPath.Zip(m.WdPath, (g, w) => Math.Log10(g / w))), Region.Above(0)));
        b.Criterion(Criterion.Statistical("(iv) WD: share of neurons that fire", Replicates.Mean(m.WdFiring), Region.Above(All)));
        b.Criterion(Criterion.Statistical("(v) log10 MSE(GD) / MSE(WD), in-sample", Replicates.Mean(m.GdMse.Zip(m.WdMse, (g, w) => Math.Log10(g / w))),
            Region.Above(Math.Log10(FarSmaller))));

        var ptable = b.Table("probe (no verdict): He-normal initialisation, GD arm", "seed", "share silent", "share of firing with r<=10%", "max r_k",
            "median |a||w| (firing)", "MSE in-sample", "clipped steps");
        foreach (var row in probe.ProbeRows) ptable.Row(row);
        b.Figure(new Figure("activation-vs-norm", "Activation rate vs path weight, seed 0", "log10 |a_k| ||w_k||", "activation rate r_k",
            m.Scatter, "One marker per neuron of the first seed's trained network, both arms (PyTorch-default initialisation)."));
        b.Note(ExperimentProtocol.SizesNote(context.RunProfile, PaperBSettings.Fig3PaperSizes, PaperBSettings.Fig3ReducedSizes));
        b.Note(ExperimentProtocol.CommonQuote);
        b.Note(ExperimentProtocol.Choices(m.Gd.Steps));
        b.Note("Readings fixed before running: \"each neuron's rate ≤ 10%\" — the typical firing neuron (more than half of them) fires on at most " +
               "10% of the samples, silent neurons excluded and reported as their own share, the largest rate reported; \"matching the noise level\" — " +
               "in-sample MSE against the clean target within ±25% of sigma²; \"far smaller\" — by at least a factor 2; \"all neurons remain active\" — " +
               "at least 95% fire; \"norms\" — the path weight |a_k|·‖w_k‖ of firing neurons decides, ‖(w_k, b_k)‖ is in the table.");
        return b.Decide(VerdictMethod.Experiment,
            "GD's firing neurons fire on at most 10% of the samples without smaller norms and the network fits the noise level, " +
            "while weight decay keeps the neurons active with smaller norms and a far smaller MSE, as the paper reports for Fig. 3.",
            $"GD MSE {Numbers.Format(Descriptive.Median(m.GdMse), 3)}, WD {Numbers.Format(Descriptive.Median(m.WdMse), 3)}; " +
            $"GD firing at r ≤ 10%: {Numbers.Format(Descriptive.Median(m.GdSmall), 3)}");
    }

    private sealed record Measurement(Cell Gd, Cell Wd, List<double> GdMse, List<double> WdMse, List<double> GdSilent, List<double> GdSmall,
        List<double> GdMax, List<double> WdFiring, List<double> GdPath, List<double> WdPath, List<string[]> Rows,
        List<string[]> ProbeRows, List<Series> Scatter);

    private static Measurement Measure(ClaimContext context, Profile profile, InitialisationScheme init, bool gdOnly = false)
    {
        var (gd, wd) = PaperBSettings.Fig3(profile, init);
        ulong seed = PaperBSettings.Seed(context, "Fig. 3");
        var m = new Measurement(gd, wd, [], [], [], [], [], [], [], [], [], [], []);
        for (int s = 0; s < ExperimentProtocol.Seeds; s++)
        {
            var g = TrainingExperiment.Run(context, seed, gd, s);
            double gPath = FiringMedian(g.Neurons, g.Neurons.PathWeights), gHidden = FiringMedian(g.Neurons, g.Neurons.HiddenNorms);
            string sid = s.ToString(CultureInfo.InvariantCulture);
            if (gdOnly)
            {
                m.ProbeRows.Add([sid, Numbers.Format(g.Neurons.SilentShare, 3), Numbers.Format(g.Neurons.FiringShareAtMost(ExperimentProtocol.SmallSubset), 3),
                    Numbers.Format(g.Neurons.MaxRate, 3), Numbers.Format(gPath, 3), Numbers.Format(g.CleanMse, 4),
                    B16EdgeOfStability.ClippedText(g.Result.ClippedSteps)]);
                continue;
            }
            var w = TrainingExperiment.Run(context, seed, wd, s);
            double wPath = FiringMedian(w.Neurons, w.Neurons.PathWeights), wHidden = FiringMedian(w.Neurons, w.Neurons.HiddenNorms);
            m.GdMse.Add(g.CleanMse); m.WdMse.Add(w.CleanMse); m.GdSilent.Add(g.Neurons.SilentShare);
            m.GdSmall.Add(g.Neurons.FiringShareAtMost(ExperimentProtocol.SmallSubset)); m.GdMax.Add(g.Neurons.MaxRate);
            m.WdFiring.Add(w.Neurons.FiringShare); m.GdPath.Add(gPath); m.WdPath.Add(wPath);
            m.Rows.Add([sid, Numbers.Format(g.Neurons.SilentShare, 3), Numbers.Format(g.Neurons.FiringShareAtMost(ExperimentProtocol.SmallSubset), 3),
                Numbers.Format(g.Neurons.MaxRate, 3), Numbers.Format(w.Neurons.FiringShare, 3), Numbers.Format(gPath, 3), Numbers.Format(wPath, 3),
                Numbers.Format(gHidden, 3), Numbers.Format(wHidden, 3), Numbers.Format(g.CleanMse, 4), Numbers.Format(w.CleanMse, 4),
                Numbers.Format(g.HeldOutMse, 4), Numbers.Format(w.HeldOutMse, 4), B16EdgeOfStability.ClippedText(g.Result.ClippedSteps),
                B16EdgeOfStability.ClippedText(w.Result.ClippedSteps)]);
            if (s == 0)
            {
                m.Scatter.Add(new Series("GD, eta = 0.9", g.Neurons.PathWeights.Select(Log10).ToArray(), g.Neurons.ActivationRates, SeriesStyle.Markers));
                m.Scatter.Add(new Series("WD 0.1, eta = 0.01", w.Neurons.PathWeights.Select(Log10).ToArray(), w.Neurons.ActivationRates, SeriesStyle.Markers));
            }
        }
        return m;
    }

    /// <summary>The median of <paramref name="values"/> over the firing neurons (NaN when none fires).</summary>
    internal static double FiringMedian(NeuronStatistics neurons, double[] values) => Descriptive.Median(neurons.Firing.Select(k => values[k]));

    private static double Log10(double v) => Math.Log10(Math.Max(v, 1e-300));
}
