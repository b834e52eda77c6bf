using System.Globalization;
using Flatness.Claims.Model;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;
using MathNet.Numerics.Distributions;

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
    private const double FamilyWiseLevel = 1e-3;
    public override string Title => "Lemmas F.6-F.7: annulus mass eps <= p <= min(1, d eps) and n_A/n <= p + sqrt(3p ln(1/delta)/n) w.p. >= 1 - delta";
    public override IReadOnlyList<string> DependsOn => ["B-32"];
    public override string Statement =>
        @"For $X\sim\mathrm{Unif}(B^d_1)$ the annulus $A_\varepsilon=\{1-\varepsilon\le\|x\|\le1\}$ has mass $p=1-(1-\varepsilon)^d$ with $\varepsilon\le p\le\min(1,d\varepsilon)$ (F.6), and with $n_A$ of $n$ i.i.d. samples in $A_\varepsilon$, $n_A/n\le p+\sqrt{3p\ln(1/\delta)/n}$ with probability at least $1-\delta$ (F.7).";
    public override string Method =>
        "Deterministic: ε ≤ p ≤ min(1, dε) for p = 1 − (1 − ε)^d on a grid (d = 2..10, ε = 0.005·k, k = 1..200). Statistical, for ε ∈ {0.01, 0.05, 0.1} " +
        "and d ∈ {2, 5, 10}: 1000 trials of n = 500 points uniform in B^d₁, drawn as the first d coordinates of a uniform point on S^{d+1} " +
        "(a route independent of the radius law r^d that p rests on). (i) The pooled share of the 5·10⁵ points in the annulus against p (z-test with the " +
        "binomial standard error); (ii) the number F of trials violating F.7's bound at δ = 0.05 against Bin(1000, δ): refuted when " +
        "P(Bin(1000, δ) ≥ F) is below the per-test level (equivalently, the one-sided Clopper–Pearson lower bound on the violation probability " +
        "exceeds δ). np ≥ 3 ln(1/δ) is checked so that the Chernoff form behind F.7 applies. Bonferroni over the 18 tests: family-wise " +
        "false-refutation probability ≤ 10⁻³.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder();
        int tests = 2 * Widths.Length * Dimensions.Length;
        double perTest = FamilyWiseLevel / tests;
        double z = Normal.InvCDF(0, 1, 1 - perTest / 2);

        bool gridOk = true;
        double worstGrid = double.PositiveInfinity;
        for (int d = 2; d <= 10; d++)
            for (int k = 1; k <= 200; k++)
            {
                double eps = 0.005 * k, p = BallAnnulus.Mass(d, eps);
                double margin = Math.Min(p - eps, Math.Min(1, d * eps) - p);
                worstGrid = Math.Min(worstGrid, margin);
                if (margin < -1e-15) gridOk = false;
            }

        var table = b.Table("Annulus mass and the F.7 bound (1000 trials of n = 500)", "d", "eps", "p", "eps <= p <= min(1, d eps)", "pooled share", "z", "F.7 bound", "violations F", "P(Bin(1000, delta) >= F)", "CP lower bound on violation rate");
        double worstZ = 0, worstTail = 1;
        bool chernoffOk = true, rangeOk = true;
        int totalViolations = 0;
        var point = new double[10];
        var series = new List<Series>();
        foreach (int d in Dimensions)
        {
            var xs = new List<double>(); var observed = new List<double>();
            foreach (double eps in Widths)
            {
                double p = BallAnnulus.Mass(d, eps), bound = BallAnnulus.ShareBound(p, Samples, Delta);
                bool inRange = eps <= p && p <= Math.Min(1, d * eps);
                rangeOk &= inRange;
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
                double share = pooled / ((double)Trials * Samples);
                double score = Math.Abs(share - p) / Math.Sqrt(p * (1 - p) / ((double)Trials * Samples));
                double tail = BinomialTail.Upper(Trials, Delta, violations);
                double cpLower = BinomialTail.ClopperPearsonLower(violations, Trials, perTest);
                worstZ = Math.Max(worstZ, score);
                worstTail = Math.Min(worstTail, tail);
                totalViolations += violations;
                table.Row(Numbers.Count(d), Numbers.Format(eps), Numbers.Format(p, 6), inRange ? "yes" : "NO", Numbers.Format(share, 6), Numbers.Format(score, 2),
                    Numbers.Format(bound, 5), Numbers.Count(violations), Numbers.Format(tail, 3), Numbers.Format(cpLower, 3));
                xs.Add(Math.Log10(eps)); observed.Add(violations / (double)Trials);
            }
            series.Add(new Series($"violation frequency, d = {d}", xs, observed));
        }
        series.Add(new Series("delta = 0.05", [Math.Log10(Widths[0]), Math.Log10(Widths[^1])], [Delta, Delta], SeriesStyle.Line));
        b.Figure(new Figure("violations", "Lemma F.7: share of trials in which n_A/n exceeds p + sqrt(3p ln(1/delta)/n)", "log10 eps", "violation frequency", series,
            "Each point: 1000 trials of n = 500 uniform points. F.7 allows a violation frequency up to delta = 0.05 (dashed); the Chernoff bound is conservative, so the observed frequencies lie far below it."));
        b.Metric("minGridMargin", worstGrid, 4).Metric("maxPooledZ", worstZ, 3).Metric("minBinomialTail", worstTail, 3).Metric("totalViolations", totalViolations);
        b.Parameter("delta, n, trials", $"δ = {Delta.ToString(CultureInfo.InvariantCulture)}, n = {Samples}, {Trials} trials per (d, ε)");
        b.Parameter("false-refutation probability", $"family-wise ≤ 0.001 (Bonferroni over {tests} tests, per-test level {Numbers.Format(perTest, 3)}; pooled-share z limit {Numbers.Format(z, 4)}, violation-count test exact binomial tail); the grid check is deterministic");
        b.Note("Why the violation test is exact: the trials are independent, so the number F of trials that violate the bound is Bin(1000, q) with q the true violation probability. F.7 says q ≤ δ; under that hypothesis P(F ≥ k) ≤ P(Bin(1000, δ) ≥ k), so refuting when this tail is below the per-test level has false-refutation probability at most that level.");
        bool holds = gridOk && rangeOk && chernoffOk && worstZ <= z && worstTail > perTest;
        return b.Decide(holds, VerdictMethod.Statistics,
            $"eps <= p <= min(1, d eps) on the whole grid (smallest margin {Numbers.Format(worstGrid, 3)}); the pooled annulus share matches p within {Numbers.Format(worstZ, 2)} standard errors (limit {Numbers.Format(z, 4)}); the F.7 bound was violated in {totalViolations} of {Trials * Widths.Length * Dimensions.Length} trials, compatible with a violation probability <= delta = 0.05 in every setting (smallest binomial tail {Numbers.Format(worstTail, 3)}).",
            $"a criterion failed: grid {gridOk}, range {rangeOk}, Chernoff applicable {chernoffOk}, pooled z {Numbers.Format(worstZ, 2)} (limit {Numbers.Format(z, 4)}), smallest binomial tail {Numbers.Format(worstTail, 3)} (must exceed {Numbers.Format(perTest, 3)}).",
            $"{totalViolations} violations, max z {Numbers.Format(worstZ, 3)}");
    }
}
