using System.Globalization;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-19: Fig. 4: at d = 1 no neuron is active (0 &lt; r_k &lt; 1); the active share rises with d; the training loss
/// falls and the training MSE rises with d.</summary>
internal sealed class B19DimensionSweep() : Claim("B-19"), ITrainedClaim
{
    public IReadOnlyList<TrainingWork> Work(ClaimContext context) =>
        PaperBSettings.Computed(context).SelectMany(p =>
        {
            var (ds, template) = PaperBSettings.Fig4(p);
            return CellRun.All(PaperBSettings.Seed(context, "Fig. 4"), ds.Select(d => template with { D = d }));
        }).ToList();

    /// <summary>"0% active" at d = 1, read as below 5 %.</summary>
    public const double NoneActive = 0.05;

    public override IReadOnlyList<string> DependsOn => ["A-36", "A-40", "A-42"];

    public override string Title => "Dimension sweep: active neurons appear and the MSE rises with d (Fig. 4)";
    public override string Statement =>
        @"For a two-layer ReLU network of width 1024 trained on 512 samples for 20000 epochs with $\eta=0.5$ (Fig. 4): ""At $d=1$, " +
        @"all neurons extrapolate (0% active), while as $d$ increases the fraction of neurons surviving training rises dramatically (up to 65% at $d=6$). " +
        @"Simultaneously, the training loss monotonically decreases whereas the training MSE increases with $d$"" (paper B, Appendix A.1).";
    public override string Method =>
        "Trains at d = 1, …, 6, 5 seeds each. Per run: the share of active neurons (0 < r_k < 1: the kink inside the data — Fig. 4's " +
        "\"surviving\"), the training loss (1/(2n))Σ(f − y)² and the in-sample MSE against the clean target. Criteria, with the 5 seeds " +
        "as independent units (Student-t bounds): (i) the mean active share at d = 1 is below 5% (\"0% active\"); (ii) the mean per-seed " +
        "least-squares slope of the active share on d is positive (\"rises\"); (iii) the slope of log10 training loss on d is negative " +
        "(\"decreases\"); (iv) the slope of log10 training MSE on d is positive (\"increases\"). The share at d = 6 is shown beside the paper's 65%.";

    public override Evidence Check(ClaimContext context)
    {
        var b = new EvidenceBuilder();
        bool paper = PaperBSettings.IsPaper(context.RunProfile);
        var m = Measure(context, context.RunProfile);
        var r = paper ? Measure(context, Profile.Full) : m;
        b.Parameter("setting", m.Template.Label.Replace("d=1, ", "", StringComparison.Ordinal)).Parameter("d", string.Join(", ", m.Ds))
         .Parameter("seeds", Numbers.Count(ExperimentProtocol.Seeds)).Parameter("profile", context.RunProfile.Name());
        var table = b.Table("seed medians per d", "d", "share active (0<r<1)", "share silent", "training loss", "in-sample MSE", "held-out MSE",
            "lambda_max * eta / 2", "seeds with loss monotone in d so far");
        foreach (var row in m.Rows) table.Row(row);
        for (int i = 0; i < m.Ds.Length; i++)
        {
            string d = m.Ds[i].ToString(CultureInfo.InvariantCulture);
            b.Metric("activeShare_d" + d, Descriptive.Median(m.Active.Select(s => s[i])), 4)
             .Metric("trainLoss_d" + d, Descriptive.Median(m.Loss.Select(s => s[i])), 4)
             .Metric("trainMse_d" + d, Descriptive.Median(m.Mse.Select(s => s[i])), 4);
        }
        b.Figure(new Figure("sweep", "Active share, training loss and MSE against d (seed medians)", "d", "value", m.Series,
            "Seed medians per dimension: the share of neurons with a kink inside the data, the training loss and the in-sample MSE."));
        var cmp = ExperimentProtocol.Comparison(b);
        string Share(Measurement x, int i) => $"{Numbers.Format(100 * Descriptive.Median(x.Active.Select(s => s[i])), 3)}%";
        cmp.Row("active share at d = 1", "\"all neurons extrapolate (0% active)\"", paper ? Share(m, 0) : ExperimentProtocol.NotRun, Share(r, 0));
        cmp.Row("active share at d = 6", "\"rises dramatically (up to 65% at d = 6)\"",
            paper ? Share(m, m.Ds.Length - 1) : ExperimentProtocol.NotRun, Share(r, r.Ds.Length - 1));
        string Trend(Measurement x) =>
            $"loss {string.Join(" → ", Enumerable.Range(0, x.Ds.Length).Select(i => Numbers.Format(Descriptive.Median(x.Loss.Select(s => s[i])), 2)))}; " +
            $"MSE {string.Join(" → ", Enumerable.Range(0, x.Ds.Length).Select(i => Numbers.Format(Descriptive.Median(x.Mse.Select(s => s[i])), 2)))}";
        cmp.Row("training loss and MSE, d = 1 → 6", "\"the training loss monotonically decreases whereas the training MSE increases with d\"",
            paper ? Trend(m) : ExperimentProtocol.NotRun, Trend(r));

        var ds = m.Ds.Select(d => (double)d).ToArray();
        b.Criterion(Criterion.Statistical("(i) active share at d = 1", Replicates.Mean(m.Active.Select(s => s[0])), Region.Below(NoneActive)));
        b.Criterion(Criterion.Statistical("(ii) slope of the active share on d", Replicates.MeanSlope(ds, m.Active), Region.Above(0)));
        b.Criterion(Criterion.Statistical("(iii) slope of log10 training loss on d",
            Replicates.MeanSlope(ds, m.Loss.Select(s => s.Select(Math.Log10).ToArray())), Region.Below(0)));
        b.Criterion(Criterion.Statistical("(iv) slope of log10 in-sample MSE on d",
            Replicates.MeanSlope(ds, m.Mse.Select(s => s.Select(Math.Log10).ToArray())), Region.Above(0)));
        b.Note(ExperimentProtocol.SizesNote(context.RunProfile, PaperBSettings.Fig4PaperSizes, PaperBSettings.Fig4ReducedSizes));
        b.Note(ExperimentProtocol.CommonQuote + " Fig. 4 itself uses width 1024 on 512 samples (2n), as its caption says.");
        b.Note(ExperimentProtocol.Choices(m.Template.Steps));
        b.Note("Readings fixed before running: \"active\"/\"surviving\" — 0 < r_k < 1; \"0% active\" — below 5%; \"rises\", \"decreases\", " +
               "\"increases\" with d — the sign of the mean per-seed least-squares slope on d (strict monotonicity per seed is in the table); " +
               "training MSE — in-sample against the clean target; training loss — the objective (1/(2n))Σ(f − y)².");
        return b.Decide(VerdictMethod.Experiment,
            "no neuron is active at d = 1, the active share rises with d, and the training loss falls while the training MSE rises with d, as Fig. 4 reports.",
            $"active share d=1 {Share(m, 0)}, d={m.Ds[^1]} {Share(m, m.Ds.Length - 1)}");
    }

    private sealed record Measurement(int[] Ds, Cell Template, List<double[]> Active, List<double[]> Loss, List<double[]> Mse,
        List<string[]> Rows, List<Series> Series);

    private static Measurement Measure(ClaimContext context, Profile profile)
    {
        var (ds, template) = PaperBSettings.Fig4(profile);
        ulong seed = PaperBSettings.Seed(context, "Fig. 4");
        var runs = ds.Select(d => Enumerable.Range(0, ExperimentProtocol.Seeds)
            .Select(s => TrainingExperiment.Run(context, seed, template with { D = d }, s)).ToList()).ToList();
        var m = new Measurement(ds, template, [], [], [], [], []);
        for (int s = 0; s < ExperimentProtocol.Seeds; s++)
        {
            m.Active.Add(runs.Select(c => c[s].Neurons.ActiveShare).ToArray());
            m.Loss.Add(runs.Select(c => c[s].FinalLoss).ToArray());
            m.Mse.Add(runs.Select(c => c[s].CleanMse).ToArray());
        }
        for (int i = 0; i < ds.Length; i++)
        {
            var c = runs[i];
            int monotone = Enumerable.Range(0, ExperimentProtocol.Seeds).Count(s => Enumerable.Range(1, i).All(j => m.Loss[s][j] < m.Loss[s][j - 1]));
            m.Rows.Add([Numbers.Count(ds[i]), Numbers.Format(Descriptive.Median(c.Select(x => x.Neurons.ActiveShare)), 3),
                Numbers.Format(Descriptive.Median(c.Select(x => x.Neurons.SilentShare)), 3), Numbers.Format(Descriptive.Median(c.Select(x => x.FinalLoss)), 4),
                Numbers.Format(Descriptive.Median(c.Select(x => x.CleanMse)), 4), Numbers.Format(Descriptive.Median(c.Select(x => x.HeldOutMse)), 4),
                Numbers.Format(Descriptive.Median(c.Select(x => x.FinalLambdaMax * x.Cell.Eta / 2)), 3), $"{monotone} of {ExperimentProtocol.Seeds}"]);
        }
        var xd = ds.Select(d => (double)d).ToArray();
        m.Series.Add(new Series("share active", xd, Enumerable.Range(0, ds.Length).Select(i => Descriptive.Median(m.Active.Select(s => s[i]))).ToArray()));
        m.Series.Add(new Series("training loss", xd, Enumerable.Range(0, ds.Length).Select(i => Descriptive.Median(m.Loss.Select(s => s[i]))).ToArray()));
        m.Series.Add(new Series("in-sample MSE", xd, Enumerable.Range(0, ds.Length).Select(i => Descriptive.Median(m.Mse.Select(s => s[i]))).ToArray()));
        return m;
    }
}
