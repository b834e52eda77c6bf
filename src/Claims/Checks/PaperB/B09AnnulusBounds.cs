using System.Globalization;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-09: Lemmas F.6–F.7 of paper B: the boundary annulus {1 − ε ≤ ‖x‖ ≤ 1} has mass p = 1 − (1 − ε)^d with
/// ε ≤ p ≤ min(1, dε), and n_A/n ≤ p + √(3p ln(1/δ)/n) with probability ≥ 1 − δ.</summary>
internal sealed class B09AnnulusBounds() : Claim("B-09")
{
    private static readonly double[] Widths = [0.01, 0.05, 0.1];
    private static readonly int[] Dimensions = [2, 5, 10];
    private const int Trials = 1000;
    private const int Samples = 500;
    private const double Delta = 0.05;
    // The pooled share must be shown within p ± ShareMarginInSe·√(p(1 − p)/N), N = 5·10⁵ points: 7 binomial standard errors at the
    // design size, so a true claim fails to be supported with probability ≲ 2·Φ(−(7 − 1.645)) ≈ 1e-7 per setting.
    private const double ShareMarginInSe = 7;
    public override string Title => "Lemmas F.6-F.7: annulus mass eps <= p <= min(1, d eps) and n_A/n <= p + sqrt(3p ln(1/delta)/n) w.p. >= 1 - delta";
    public override IReadOnlyList<string> DependsOn => ["B-32"];
    public override string Statement =>
        @"For $X\sim\mathrm{Unif}(B^d_1)$ the annulus $A_\varepsilon=\{1-\varepsilon\le\|x\|\le1\}$ has mass $p=1-(1-\varepsilon)^d$ with $\varepsilon\le " +
        @"p\le\min(1,d\varepsilon)$ (F.6), and with $n_A$ of $n$ i.i.d. samples in $A_\varepsilon$, " +
        @"$n_A/n\le p+\sqrt{3p\ln(1/\delta)/n}$ with probability at least $1-\delta$ (F.7).";
    public override string Method =>
        "Deterministic: ε ≤ p ≤ min(1, dε) for p = 1 − (1 − ε)^d on a grid (d = 2..10, ε = 0.005·k, k = 1..200). Statistical, for ε ∈ {0.01, 0.05, 0.1} " +
        "and d ∈ {2, 5, 10}: 1000 trials of n = 500 points uniform in B^d₁, drawn as the first d coordinates of a uniform point on S^{d+1} " +
        "(a route independent of the radius law r^d that p rests on). (i) The pooled share of the 5·10⁵ points in the annulus against p: " +
        "exact binomial (Clopper–Pearson) bounds, shown within p ± 7 binomial standard errors (an equivalence criterion; " +
        "contradicted when the bounds exclude p); (ii) the violation probability of F.7's bound at δ = 0.05, " +
        "from the number F of the 1000 independent trials that violate it (F ~ Bin(1000, q)): Clopper–Pearson bounds on q must show q < δ, and " +
        "contradict F.7 when the lower bound exceeds δ. np ≥ 3 ln(1/δ) is checked so that the Chernoff form behind F.7 applies. The 18 statistical " +
        "criteria share the suite's false-refutation budget (Holm).";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder();
        double worstGrid = double.PositiveInfinity;
        for (int d = 2; d <= 10; d++)
            for (int k = 1; k <= 200; k++)
            {
                double eps = 0.005 * k, p = BallAnnulus.Mass(d, eps);
                double margin = Math.Min(p - eps, Math.Min(1, d * eps) - p);
                worstGrid = Math.Min(worstGrid, margin);
            }

        var table = b.Table("Annulus mass and the F.7 bound (1000 trials of n = 500)", "d", "eps", "p", "min(p - eps, min(1, d eps) - p)", "pooled share",
            "(share - p)/SE", "F.7 bound", "violations F", "violation rate F/1000");
        double worstZ = 0;
        bool chernoffOk = true;
        var shareCriteria = new List<Criterion>();
        var violationCriteria = new List<Criterion>();
        int totalViolations = 0;
        var point = new double[10];
        var series = new List<Series>();
        foreach (int d in Dimensions)
        {
            var xs = new List<double>(); var observed = new List<double>();
            foreach (double eps in Widths)
            {
                double p = BallAnnulus.Mass(d, eps), bound = BallAnnulus.ShareBound(p, Samples, Delta);
                chernoffOk &= BallAnnulus.ChernoffApplies(p, Samples, Delta);
                double inner2 = (1 - eps) * (1 - eps);
                long pooled = 0;
                int violations = 0;
                var span = point.AsSpan(0, d);
                for (int trial = 0; trial < Trials; trial++)
                {
                    int inside = 0;
                    for (int i = 0; i < Samples; i++)
                    {
                        UniformSampling.BallFromSphere(span, rng);
                        double r2 = 0;
                        foreach (double c in span) r2 += c * c;
                        if (r2 >= inner2) inside++;
                    }
                    pooled += inside;
                    if (inside / (double)Samples > bound) violations++;
                }
                long points = (long)Trials * Samples;
                double share = pooled / (double)points;
                double score = (share - p) / Math.Sqrt(p * (1 - p) / points);
                var violationRate = new ClopperPearsonBounds(violations, Trials);
                worstZ = Math.Max(worstZ, Math.Abs(score));
                totalViolations += violations;
                shareCriteria.Add(Criterion.Statistical($"annulus share of the pooled points, d = {d}, eps = {Numbers.Format(eps)}",
                    new ClopperPearsonBounds((int)pooled, (int)points), Region.Near(p, ShareMarginInSe * Math.Sqrt(p * (1 - p) / points))));
                violationCriteria.Add(Criterion.Statistical($"probability that n_A/n exceeds F.7's bound, d = {d}, eps = {Numbers.Format(eps)}",
                    violationRate, Region.Below(Delta)));
                table.Row(Numbers.Count(d), Numbers.Format(eps), Numbers.Format(p, 6), Numbers.Format(Math.Min(p - eps, Math.Min(1, d * eps) - p), 4),
                    Numbers.Format(share, 6), Numbers.Format(score, 2), Numbers.Format(bound, 5), Numbers.Count(violations),
                    Numbers.Format(violationRate.Estimate, 3));
                xs.Add(Math.Log10(eps)); observed.Add(violations / (double)Trials);
            }
            series.Add(new Series($"violation frequency, d = {d}", xs, observed));
        }
        series.Add(new Series("delta = 0.05", [Math.Log10(Widths[0]), Math.Log10(Widths[^1])], [Delta, Delta], SeriesStyle.Line));
        b.Figure(new Figure("violations", "Lemma F.7: share of trials in which n_A/n exceeds p + sqrt(3p ln(1/delta)/n)",
            "log10 eps", "violation frequency", series, "Each point: 1000 trials of n = 500 uniform points. " +
            "F.7 allows a violation frequency up to delta = 0.05 (dashed); the Chernoff bound is conservative, so the observed frequencies lie far below it."));
        b.Metric("minGridMargin", worstGrid, 4).Metric("maxPooledZ", worstZ, 3).Metric("totalViolations", totalViolations);
        b.Parameter("delta, n, trials", $"δ = {Delta.ToString(CultureInfo.InvariantCulture)}, n = {Samples}, {Trials} trials per (d, ε)");
        b.Note("Why the violation criterion is exact: the trials are independent, so the number F of trials that violate the bound is Bin(1000, q) with q " +
            "the true violation probability, and Clopper–Pearson bounds on q are exact. F.7 says q ≤ δ; " +
            "it is contradicted only when the lower bound on q exceeds δ at the suite's false-refutation budget.");
        b.Criterion(Criterion.Exact("smallest margin of eps <= p <= min(1, d eps) on the grid d = 2..10, eps = 0.005k (k = 1..200)",
            worstGrid, Region.Above(-1e-15), 4));
        b.Criterion(Criterion.Condition("n p >= 3 ln(1/delta) at every (d, eps) (the Chernoff form behind F.7 applies)", chernoffOk,
            chernoffOk ? $"smallest n p = {Numbers.Format(Samples * BallAnnulus.Mass(2, Widths[0]), 4)} >= {Numbers.Format(3 * Math.Log(1 / Delta), 4)}"
                : "n p < 3 ln(1/delta) at some setting"));
        foreach (var c in shareCriteria) b.Criterion(c);
        foreach (var c in violationCriteria) b.Criterion(c);
        return b.Decide(VerdictMethod.Statistics,
            $"eps <= p <= min(1, d eps) on the whole grid (smallest margin {Numbers.Format(worstGrid, 3)}); the pooled annulus share is shown within 7 " +
            $"binomial standard errors of p in every setting (largest |share - p|/SE {Numbers.Format(worstZ, 2)}); the F.7 bound was violated in " +
            $"{totalViolations} of {Trials * Widths.Length * Dimensions.Length} trials, and every setting's violation probability is shown below delta = 0.05.",
            $"{totalViolations} violations, max z {Numbers.Format(worstZ, 3)}");
    }
}
