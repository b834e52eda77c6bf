using System.Globalization;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;
using Flatness.Numerics.Variation;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-08: Theorem E.5's rate: the sup deviation of the empirical weight ĝ_n from the population weight g_P decays
/// like Õ(√(d/n)).</summary>
internal sealed class B08WeightConcentration() : Claim("B-08")
{
    private static readonly int[] Dimensions = [2, 5];
    private const int Directions = 64;
    // The slope of mean log D_n on log n must be shown within −1/2 ± SlopeMargin (fixed in advance): its replicate-based standard
    // deviation is about 0.018 (d = 2) and 0.011 (d = 5) at the full profile, so 0.15 is about 7 standard deviations for d = 2 beyond
    // the finite-n bias of a few hundredths; it is contradicted only when shown outside ± SlopeTolerance (the rate is asymptotic).
    private const double SlopeMargin = 0.15;
    private const double SlopeTolerance = 0.1;

    /// <inheritdoc/>
    /// <remarks>Measured on this machine, one core: about 60 CPU-seconds (99.6 s wall) under <c>--profile paper</c> (n to 2¹⁶; 3 Dec 2026).</remarks>
    public override double EstimatedFlop(Profile runProfile) => runProfile == Profile.Paper ? 60 * FlopPerCpuSecond : base.EstimatedFlop(runProfile);
    public override string Title => "Theorem E.5: sup over (u, t) of |g_n - g_P| decays like sqrt(d/n) (log-log slope -1/2)";
    public override IReadOnlyList<string> DependsOn => ["B-06", "A-39", "A-40"];
    public override string Statement =>
        @"For $X$ supported in $B^d_1$: with probability at least $1-\delta$, $\sup_{u,t}|\hat g_n(u,t)-g_P(u,t)|\le C\sqrt{(d\log " +
        @"n+\log\frac1\delta)/n}=\tilde O(\sqrt{d/n})$ (halfspaces have VC dimension $d+1$, the ReLU class pseudo-dimension at most $d+2$).";
    public override string Method =>
        "X ~ Unif(B^d₁), d ∈ {2, 5}; ĝ_n the plug-in weight (P̂²-form, §3) along 64 fixed random directions at 39 thresholds t = −0.95, −0.9, …, 0.95 " +
        "(WeightProfile: sorted projections and prefix sums), g_P the closed form (B-06). D_n = max over the grid of |ĝ_n − g_P|. Full profile: n = 2⁸ … 2¹⁴ " +
        "(powers of 2), 32 independent replicates per n; paper profile: n = 2⁸ … 2¹⁶, 32 replicates. " +
        "The least-squares slope of the replicate mean of log D_n on log n, with normal bounds from its replicate-based standard deviation (delta method), " +
        "must be shown within −1/2 ± 0.15 for each d and is contradicted only when shown outside −1/2 ± 0.1. " +
        "At each n the ratio of geometric means D_n(d = 5)/D_n(d = 2) (a difference of mean logs, with the standard error of the " +
        "difference) must be shown below 2√(5/2) (E.5 is an upper bound; see the note for why the spec's two-sided ×2 band around √(5/2) is the " +
        "wrong criterion). All statistical criteria share the suite's false-refutation budget (Holm).";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        bool paper = context.RunProfile == Profile.Paper;
        int maxExponent = paper ? 16 : 14, replicates = 32;
        var sizes = Enumerable.Range(8, maxExponent - 7).Select(e => 1 << e).ToArray();
        var thresholds = Enumerable.Range(0, 39).Select(k => -0.95 + 0.05 * k).ToArray();
        var b = new EvidenceBuilder()
            .Parameter("profile", context.RunProfile.ToString().ToLowerInvariant())
            .Parameter("sizes", $"n = 2^8 … 2^{maxExponent}, {replicates} replicates each; {Directions} directions × {thresholds.Length} thresholds");
        var table = b.Table("Sup deviation of the empirical weight on the (u, t) grid", "d", "n", "mean D_n", "sd of log D_n", "sqrt(n) mean D_n");
        var checks = new List<(int D, double Slope, double Sd, int Points)>();
        var means = new Dictionary<int, double[]>();
        var logMeans = new Dictionary<int, List<double>>();
        var logVariances = new Dictionary<int, List<double>>();
        var series = new List<Series>();
        foreach (int d in Dimensions)
        {
            var dirs = Enumerable.Range(0, Directions).Select(_ => UniformSampling.Sphere(d, rng)).ToArray();
            var population = thresholds.Select(t => PopulationWeight.Weight(d, t)).ToArray();
            var logN = new List<double>(); var meanLog = new List<double>(); var variances = new List<double>();
            var meanD = new double[sizes.Length];
            for (int s = 0; s < sizes.Length; s++)
            {
                int n = sizes[s];
                var logs = new double[replicates];
                for (int r = 0; r < replicates; r++)
                {
                    var x = new double[n * d];
                    for (int i = 0; i < n; i++) UniformSampling.Ball(d, rng).CopyTo(x, i * d);
                    double sup = 0;
                    foreach (var u in dirs)
                    {
                        var g = WeightProfile.AlongDirection(x, d, u, thresholds);
                        for (int q = 0; q < g.Length; q++) sup = Math.Max(sup, Math.Abs(g[q] - population[q]));
                    }
                    logs[r] = Math.Log(sup);
                    meanD[s] += sup / replicates;
                }
                var logMean = Descriptive.Mean(logs);
                logN.Add(Math.Log(n)); meanLog.Add(logMean.Mean); variances.Add(logMean.StandardError * logMean.StandardError);
                table.Row(Numbers.Count(d), Numbers.Count(n), Numbers.Format(meanD[s], 4), Numbers.Format(logMean.StandardError * Math.Sqrt(replicates), 3),
                    Numbers.Format(Math.Sqrt(n) * meanD[s], 4));
            }
            means[d] = meanD;
            logMeans[d] = meanLog;
            logVariances[d] = variances;
            var rate = b.Rate($"log D_n vs log n, d = {d}", logN, meanLog, "-1/2");
            double mean = logN.Average(), sxx = logN.Sum(v => (v - mean) * (v - mean));
            double sd = Math.Sqrt(logN.Select((v, i) => Math.Pow((v - mean) / sxx, 2) * variances[i]).Sum());
            checks.Add((d, rate.Slope, sd, logN.Count));
            var xs = logN.Select(v => v / Math.Log(10)).ToArray();
            series.Add(new Series($"D_n, d = {d}", xs, meanLog.Select(v => v / Math.Log(10)).ToArray()));
            double c = meanLog[0] + 0.5 * logN[0];
            series.Add(new Series($"slope -1/2, d = {d}", xs, logN.Select(v => (c - 0.5 * v) / Math.Log(10)).ToArray(), SeriesStyle.Line));
        }
        b.Figure(new Figure("concentration", "Sup deviation of the empirical weight from g_P against n", "log10 n", "log10 D_n", series,
            "Markers: replicate mean of log D_n, D_n = max over 64 directions x 39 thresholds of |g_n - g_P|; dashed: slope -1/2 through the first point."));
        var ratioTable = b.Table("Dimension ratio", "n", "D_n(d = 5) / D_n(d = 2) (means)", "geometric means", "sqrt(5/2)", "limit 2 sqrt(5/2)");
        double minRatio = double.PositiveInfinity, maxRatio = 0, ratioLimit = 2 * Math.Sqrt(2.5);
        var ratioCriteria = new List<Criterion>();
        for (int s = 0; s < sizes.Length; s++)
        {
            double ratio = means[5][s] / means[2][s];
            minRatio = Math.Min(minRatio, ratio); maxRatio = Math.Max(maxRatio, ratio);
            // A ratio is a difference of logs: mean log D_n(5) − mean log D_n(2), independent replicates, SE² the sum of the two.
            double logRatio = logMeans[5][s] - logMeans[2][s], se = Math.Sqrt(logVariances[5][s] + logVariances[2][s]);
            ratioCriteria.Add(Criterion.Statistical($"log of D_n(5)/D_n(2) (geometric means), n = {sizes[s]}", new NormalBounds(logRatio, se, 2 * replicates),
                Region.Below(Math.Log(ratioLimit))));
            ratioTable.Row(Numbers.Count(sizes[s]), Numbers.Format(ratio, 4), Numbers.Format(Math.Exp(logRatio), 4),
                Numbers.Format(Math.Sqrt(2.5), 4), Numbers.Format(ratioLimit, 4));
        }
        b.Note("Why the dimension ratio is tested one-sidedly. The spec row asked for D_n(5)/D_n(2) within a factor 2 of √(5/2) ≈ 1.58. " +
            "Theorem E.5 is an upper bound, sup|ĝ_n − g_P| ≤ C√((d log n + log(1/δ))/n): the √d comes from the VC dimension d + 1 of halfspaces, " +
            "a worst case over all distributions on B^d₁, not from the size of the deviation for Unif(B^d₁). At a fixed (u, t), " +
            "ĝ_n = p̂ŝ√(1 + ‖μ̂‖²) is a smooth function of the empirical means of 1{Xᵀu > t}, (Xᵀu − t)₊ and X·1{Xᵀu > t}, " +
            "so by the delta method ĝ_n − g_P ≈ N(0, σ²(u, t)/n) with σ² built from the variances of those variables, which do not grow with d: " +
            "X₁ = uᵀX has variance 1/(d + 2), which shrinks with d, and g_P itself shrinks (g_P(u, 0) ≈ 0.115 for d = 2, 0.082 for d = 5). " +
            "Over a fixed finite grid the sup adds only a √(log(grid size)) factor. The measured ratio is therefore near 1, and a correct implementation " +
            "would fail the two-sided band at some n (ratio 0.77 at n = 1024 in a trial run with 8 replicates). What the theorem licenses, and what is " +
            "checked, is the upper side: the ratio must be shown below 2√(5/2) ≈ 3.16 at every n, together with the n^(−1/2) slope in each dimension.");
        foreach (var c in checks) b.Metric($"slope_d{c.D.ToString(CultureInfo.InvariantCulture)}", c.Slope, 4)
            .Metric($"slopeSd_d{c.D.ToString(CultureInfo.InvariantCulture)}", c.Sd, 2);
        b.Metric("minDimensionRatio", minRatio, 4).Metric("maxDimensionRatio", maxRatio, 4);
        foreach (var c in checks)
            b.Criterion(Criterion.Statistical($"slope of mean log D_n on log n, d = {c.D}", new NormalBounds(c.Slope, c.Sd, c.Points),
                Region.Near(-0.5, SlopeMargin, SlopeTolerance)));
        foreach (var c in ratioCriteria) b.Criterion(c);
        string slopes = string.Join(", ", checks.Select(c => $"d = {c.D}: {Numbers.Format(c.Slope, 4)} (sd {Numbers.Format(c.Sd, 2)})"));
        return b.Decide(VerdictMethod.Statistics,
            $"the sup deviation of the empirical weight from g_P decays with log-log slopes {slopes}, " +
            $"each shown within {Numbers.Format(SlopeMargin)} of -1/2; D_n(5)/D_n(2) lies in [{Numbers.Format(minRatio, 3)}, {Numbers.Format(maxRatio, 3)}] " +
            $"and is shown below the limit 2 sqrt(5/2) = {Numbers.Format(ratioLimit, 3)} that the upper bound allows at every n.",
            $"slopes {string.Join(" / ", checks.Select(c => Numbers.Format(c.Slope, 3)))}");
    }
}
