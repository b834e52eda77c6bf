using System.Globalization;
using Flatness.Claims.Model;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-18: Fig. 2: the log–log decay rate of the MSE in n shrinks as d grows for large-step GD, not for weight decay.</summary>
internal sealed class B18SlopesByDimension() : Claim("B-18")
{
    public override string Title => "MSE-vs-n decay rate shrinks with d for GD, not for weight decay (Fig. 2)";
    public override string Statement =>
        @"For $y=w^\top x+\mathcal N(0,1)$, $x\sim\mathrm{Unif}(B^d_1)$, width $4n$ (Fig. 2): the log–log slope of the in-sample MSE against $n$ flattens as $d$ grows for GD with $\eta=0.2$ (the curse of dimensionality of stable minima), while GD with $\eta=0.01$ and weight decay $0.1$ keeps a steeper decay at $d=5$.";
    public override string Method =>
        "Trains both arms at each (d, n), 5 seeds, and fits log10 MSE = c − s·log10 n by least squares over all seed points of a d " +
        "(s = the decay rate, positive when the MSE falls). Criterion (spec B-18): for GD the 95% interval of s(1) − s(5) " +
        "(s(1) − s(5) ± 1.96·√(SE₁² + SE₅²)) lies above 0; at d = 5 the WD arm's 95% slope interval lies above GD's and is disjoint from it.";

    internal static (int[] Ds, int[] Ns, int Seeds, int Steps) Sizes(Profile profile) => profile == Profile.Paper
        ? ([1, 2, 3, 4, 5], [32, 64, 128, 256, 512], 5, 20000)
        : ([1, 3, 5], [32, 64, 128], 5, 2000);

    public override Evidence Check(ClaimContext context)
    {
        var (ds, ns, seeds, steps) = Sizes(context.RunProfile);
        ulong seed = Flatness.Numerics.Randomness.Rng.DeriveSeed(context.RunSeed, "paper B Fig. 2");
        var b = new EvidenceBuilder();
        b.Parameter("d", string.Join(", ", ds)).Parameter("n", string.Join(", ", ns)).Parameter("width", "4n")
         .Parameter("GD arm", $"eta=0.2, wd=0, sigma=1, steps={steps}").Parameter("WD arm", $"eta=0.01, wd=0.1, sigma=1, steps={steps}")
         .Parameter("seeds", seeds.ToString(CultureInfo.InvariantCulture)).Parameter("profile", context.RunProfile.ToString().ToLowerInvariant());
        var table = b.Table("seed-median MSE", "arm", "d", "n", "in-sample MSE", "held-out MSE");
        var series = new List<Series>();
        var rates = new Dictionary<(string, int), FittedRate>();
        foreach (var (arm, eta, wd) in new[] { ("GD", 0.2, 0.0), ("WD", 0.01, 0.1) })
            foreach (int d in ds)
            {
                if (arm == "WD" && d != ds[^1] && context.RunProfile != Profile.Paper) continue;
                var x = new List<double>(); var y = new List<double>(); var mx = new List<double>(); var my = new List<double>();
                foreach (int n in ns)
                {
                    var cell = new Cell(d, n, 4 * n, eta, wd, 1, steps);
                    var runs = Enumerable.Range(0, seeds).Select(s => TrainingExperiment.Run(seed, cell, s)).ToList();
                    foreach (var r in runs) { x.Add(Math.Log10(n)); y.Add(-Math.Log10(r.CleanMse)); }
                    double med = TrainingExperiment.Median(runs.Select(r => r.CleanMse));
                    mx.Add(Math.Log10(n)); my.Add(Math.Log10(med));
                    table.Row(arm, d.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture), Numbers.Format(med, 3),
                        Numbers.Format(TrainingExperiment.Median(runs.Select(r => r.HeldOutMse)), 3));
                }
                rates[(arm, d)] = b.Rate($"{arm} d={d}: decay rate s of the in-sample MSE in n", x, y, d == 1 ? "steepest for GD" : "flatter as d grows (GD)");
                series.Add(new Series($"{arm} d={d} (s = {Numbers.Format(rates[(arm, d)].Slope, 2)})", mx, my, arm == "GD" ? SeriesStyle.LineAndMarkers : SeriesStyle.Markers));
            }
        b.Figure(new Figure("mse-vs-n", "In-sample MSE against n (seed medians)", "log10 n", "log10 MSE", series,
            "One line per dimension and arm; the legend gives the fitted decay rate s (slope of -log10 MSE in log10 n over all seed points)."));
        var g1 = rates[("GD", ds[0])]; var g5 = rates[("GD", ds[^1])]; var w5 = rates[("WD", ds[^1])];
        double diff = g1.Slope - g5.Slope, half = 1.959963984540054 * Math.Sqrt(g1.StandardError * g1.StandardError + g5.StandardError * g5.StandardError);
        bool c1 = diff - half > 0, c2 = w5.Low > g5.High;
        b.Metric("gdRateD1", g1.Slope, 3).Metric("gdRateD5", g5.Slope, 3).Metric("wdRateD5", w5.Slope, 3);
        var checks = b.Table("criteria", "criterion", "value", "holds");
        checks.Row($"GD: 95% CI of s(1) - s({ds[^1]}) above 0", $"{Numbers.Format(diff, 3)} [{Numbers.Format(diff - half, 3)}, {Numbers.Format(diff + half, 3)}]", c1 ? "yes" : "no");
        checks.Row($"d = {ds[^1]}: WD interval above GD's, disjoint", $"WD [{Numbers.Format(w5.Low, 3)}, {Numbers.Format(w5.High, 3)}] vs GD [{Numbers.Format(g5.Low, 3)}, {Numbers.Format(g5.High, 3)}]", c2 ? "yes" : "no");
        b.Note(context.RunProfile == Profile.Paper
            ? "Sizes (profile paper): the paper's d = 1..5, n = 32..512, width 4n, sigma = 1, 5 seeds; 20000 steps (unstated; Fig. 4's count)."
            : "Sizes: reduced (profile full): d in {1, 3, 5} (paper 1..5), n in {32, 64, 128} (paper up to 512), width 4n, eta and weight decay as in the paper, " +
              "2000 steps (unstated), 5 seeds; the WD arm only at d = 5, where the criterion needs it. `--profile paper` runs the paper's sizes.");
        b.Note(TrainingExperiment.Choices);
        b.Note("MSE is in-sample against the clean target (Fig. 2 does not say which; the held-out MSE is in the table). Intervals are 95% " +
               "t-intervals of least-squares slopes over all seed points (seeds treated as independent replicates).");
        bool holds = c1 && c2;
        return b.Decide(holds, VerdictMethod.Experiment,
            $"in this setting GD's decay rate falls from {Numbers.Format(g1.Slope, 2)} at d = {ds[0]} to {Numbers.Format(g5.Slope, 2)} at d = {ds[^1]}, and weight decay keeps {Numbers.Format(w5.Slope, 2)}: supports the paper's Fig. 2 observation.",
            $"in this setting GD's decay rate is {Numbers.Format(g1.Slope, 2)} at d = {ds[0]} and {Numbers.Format(g5.Slope, 2)} at d = {ds[^1]}, WD's {Numbers.Format(w5.Slope, 2)} at d = {ds[^1]}: " +
            (c1 ? "" : "the GD rates are not separated; ") + (c2 ? "" : "WD's interval is not above GD's and disjoint from it; ") + "the paper's Fig. 2 pattern is not established at these sizes.",
            $"s_GD(1) - s_GD({ds[^1]}) = {Numbers.Format(diff, 2)}");
    }
}
