using Flatness.Claims.Model;
using Flatness.Constructions.Sampling;
using Flatness.Constructions.Shattering;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;
using MathNet.Numerics.Distributions;
using Integrate = MathNet.Numerics.Integrate;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-12: Lemma I.1: with ε = κn^{−1/(d+1)} a cap holds np = Θ(κ^{d+1}) samples on average, independently of n, and a
/// share ≈ e^{−np} ≥ q* − δ of disjoint caps holds no sample.</summary>
internal sealed class B12EmptyCaps() : Claim("B-12")
{
    private static readonly int[] Sizes = [1_000, 10_000, 100_000];
    private static readonly int[] Dimensions = [2, 3];
    private static readonly double[] Kappas = [0.5, 1.0];
    private const int Candidates = 2000;
    private const double FamilyWiseLevel = 1e-3;
    public override string Title => "Lemma I.1: per-cap count n p = Theta(kappa^(d+1)) independent of n; empty-cap share ~ exp(-n p) >= q* - delta";
    public override IReadOnlyList<string> DependsOn => ["B-33"];
    public override string Statement =>
        @"For $d\ge2$, $\varepsilon=\kappa n^{-1/(d+1)}$, $\kappa\in(0,1]$: each cap $\{u_j^\top x>1-\varepsilon^2\}$ has mass $p\in[L^{\rm cap}_d,U^{\rm cap}_d]\varepsilon^{d+1}$ ($L^{\rm cap}_d=\frac{2v_{d-1}}{(d+1)v_d}$, $U^{\rm cap}_d=\frac{2^{(d+1)/2}v_{d-1}}{(d+1)v_d}$ [derived]), so its expected count $np\in[L^{\rm cap}_d,U^{\rm cap}_d]\kappa^{d+1}$ does not depend on $n$; among $m$ disjoint caps a share $\approx e^{-np}$, at least $q^\star-\delta$ with $q^\star=e^{-U^{\rm cap}_d\kappa^{d+1}}$, holds no sample.";
    public override string Method =>
        "d ∈ {2, 3}, n ∈ {10³, 10⁴, 10⁵} samples uniform in B^d₁, κ ∈ {0.5, 1}, ε = κn^{−1/(d+1)}; m disjoint caps from a greedy packing of 2000 random candidates. " +
        "Exact: the cap mass p = Q(1 − ε²) (closed form) against the slice integral (v_{d−1}/v_d)∫₀^{ε²}(s(2 − s))^{(d−1)/2}ds by quadrature (rel. 10⁻¹⁰), and " +
        "np/κ^{d+1} ∈ [L, U]. Statistical (36 tests, Bonferroni, family-wise false refutation ≤ 10⁻³): the total count of the m disjoint caps against its exact law " +
        "Bin(n, mp) (two-sided exact test), the empty share against q = (1 − p)ⁿ (|share − q| ≤ δ₂ = √(ln(2/α)/(2m)), two-sided Hoeffding), and share ≥ min(q, q*) − δ " +
        "with δ = √(ln(1/α)/(2m)), at the per-test level α. Caps' counts are negatively associated (multinomial), which justifies the variance bounds and Hoeffding.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("kappa", "κ ∈ {0.5, 1}");
        int tests = 3 * Sizes.Length * Dimensions.Length * Kappas.Length;
        double alpha = FamilyWiseLevel / tests;
        var table = b.Table("Caps and counts", "d", "kappa", "n", "eps", "caps m", "n p / kappa^(d+1)", "[L, U]", "p: closed form vs slice integral", "mean count", "exact p-value (total count)", "empty share", "(1-p)^n", "exp(-n p)", "|share - q| / delta2", "min(q, q*) - delta");
        bool exactOk = true;
        double worstP = 0, worstTail = 1, worstGap = 0, worstHoeffding = double.PositiveInfinity;
        var series = new List<Series>();
        foreach (int d in Dimensions)
        foreach (double kappa in Kappas)
        {
            var (lo, hi) = BoundaryAtom.CapMassConstants(d);
            double qStar = Math.Exp(-hi * Math.Pow(kappa, d + 1));
            var xs = new List<double>(); var shares = new List<double>(); var qs = new List<double>();
            foreach (int n in Sizes)
            {
                double eps = kappa * Math.Pow(n, -1.0 / (d + 1)), e2 = eps * eps;
                double p = BoundaryAtom.CapMass(d, eps);
                double slice = BoundaryAtom.BallVolume(d - 1) / BoundaryAtom.BallVolume(d)
                    * Integrate.DoubleExponential(s => Math.Pow(s * (2 - s), (d - 1) / 2.0), 0, e2, 1e-16 * Math.Pow(e2, (d + 1) / 2.0));
                double pErr = Math.Abs(p - slice) / slice;
                worstP = Math.Max(worstP, pErr);
                double scaled = n * p / Math.Pow(kappa, d + 1);
                exactOk &= lo <= scaled && scaled <= hi;
                var caps = CapPacking.Greedy(d, eps, Candidates, rng);
                int m = caps.Count;
                // Only samples with ‖x‖ > 1 − ε² can lie in a cap (uᵀx ≤ ‖x‖): count those against every cap.
                var near = new List<double>();
                for (int i = 0; i < n; i++)
                {
                    var x = UniformSampling.Ball(d, rng);
                    if (x.Sum(v => v * v) > (1 - e2) * (1 - e2)) near.AddRange(x);
                }
                var counts = CapPacking.Counts(caps, near.ToArray(), d, eps);
                double meanCount = counts.Average();
                // The caps are disjoint, so the total count is exactly Bin(n, m·p): an exact two-sided test.
                int total = counts.Sum();
                double countTail = Math.Min(1, 2 * Math.Min(BinomialTail.Upper(n, m * p, total), Binomial.CDF(m * p, n, total)));
                double share = counts.Count(c => c == 0) / (double)m, q = Math.Pow(1 - p, n);
                double delta = Math.Sqrt(Math.Log(1 / alpha) / (2.0 * m)), delta2 = Math.Sqrt(Math.Log(2 / alpha) / (2.0 * m));
                double shareGap = Math.Abs(share - q) / delta2;
                worstTail = Math.Min(worstTail, countTail);
                worstGap = Math.Max(worstGap, shareGap);
                worstHoeffding = Math.Min(worstHoeffding, share - (Math.Min(q, qStar) - delta));
                table.Row(Numbers.Count(d), Numbers.Format(kappa), Numbers.Count(n), Numbers.Format(eps, 4), Numbers.Count(m), Numbers.Format(scaled, 5), $"[{Numbers.Format(lo, 4)}, {Numbers.Format(hi, 4)}]", Numbers.Error(pErr),
                    Numbers.Format(meanCount, 4), Numbers.Format(countTail, 3), Numbers.Format(share, 4), Numbers.Format(q, 4), Numbers.Format(Math.Exp(-n * p), 4), Numbers.Format(shareGap, 3), Numbers.Format(Math.Min(q, qStar) - delta, 4));
                xs.Add(Math.Log10(n)); shares.Add(share); qs.Add(q);
            }
            series.Add(new Series($"empty share, d = {d}, kappa = {Numbers.Format(kappa)}", xs, shares));
            series.Add(new Series($"(1-p)^n, d = {d}, kappa = {Numbers.Format(kappa)}", xs, qs, SeriesStyle.Line));
            series.Add(new Series($"q*, d = {d}, kappa = {Numbers.Format(kappa)}", xs, xs.Select(_ => qStar).ToArray(), SeriesStyle.Line));
        }
        b.Figure(new Figure("empty-share", "Lemma I.1: share of disjoint caps holding no sample, against n", "log10 n", "empty share", series,
            "With eps = kappa n^(-1/(d+1)) the expected count per cap n p stays near U kappa^(d+1), so the empty share stays near (1-p)^n ~ exp(-n p) >= q* = exp(-U kappa^(d+1)) for every n."));
        b.ErrorMetric("maxCapMassError", worstP).Metric("minCountPValue", worstTail, 3).Metric("maxShareGapOverDelta2", worstGap, 3).Metric("minShareMinusLowerBound", worstHoeffding, 4);
        b.Parameter("false-refutation probability", $"family-wise ≤ 0.001 (Bonferroni over {tests} tests at per-test level α = {Numbers.Format(alpha, 3)}: exact binomial test of the total count, two-sided Hoeffding margin δ₂ = √(ln(2/α)/(2m)) for the share, one-sided δ = √(ln(1/α)/(2m)) for the lower bound); the cap-mass criteria are deterministic");
        b.Note("Variance bounds: the counts (N₁, …, N_m) of m disjoint caps are a multinomial's cells and the emptiness indicators 1{N_j = 0} are decreasing functions of disjoint sets of cells, so both families are negatively associated (Joag-Dev & Proschan 1983). Hoeffding's inequality therefore applies to the empty share: P(share < q − δ) ≤ exp(−2mδ²) = α and P(|share − q| ≥ δ₂) ≤ 2exp(−2mδ₂²) = α, with q = (1 − p)ⁿ. (A normal approximation would not be valid here: with κ = 0.5 a cap holds 0.03–0.08 samples on average, so the totals are Poisson-like with means of a few units.) The total count needs no approximation: every sample falls in the union of the disjoint caps with probability mp, independently, so the total is exactly Bin(n, mp). Since q ≥ q* (np ≤ Uκ^{d+1} and (1 − p)ⁿ ≥ e^{−np/(1−p)} ≈ e^{−np}), share ≥ q* − δ fails with probability at most α when the lemma holds.");
        bool holds = exactOk && worstP <= 1e-10 && worstTail > alpha && worstGap <= 1 && worstHoeffding >= 0;
        return b.Decide(holds, VerdictMethod.Statistics,
            $"n p / kappa^(d+1) lies in [L, U] for every n (the cap count does not grow with n), the cap mass matches the slice integral to {Numbers.Error(worstP)}, the total counts are consistent with Bin(n, m p) (smallest exact p-value {Numbers.Format(worstTail, 3)}, level {Numbers.Format(alpha, 3)}), the empty shares lie within {Numbers.Format(worstGap, 3)} of the Hoeffding margin of (1-p)^n, and the empty share exceeds min(q, q*) - delta by at least {Numbers.Format(worstHoeffding, 3)}.",
            $"a criterion failed: band {exactOk}, cap mass vs slice integral {Numbers.Error(worstP)}, smallest count p-value {Numbers.Format(worstTail, 3)} (level {Numbers.Format(alpha, 3)}), share gap {Numbers.Format(worstGap, 3)} of the Hoeffding margin (limit 1), share minus (min(q, q*) - delta) {Numbers.Format(worstHoeffding, 3)}.",
            $"min p-value {Numbers.Format(worstTail, 3)}, share gap {Numbers.Format(worstGap, 3)}");
    }
}
