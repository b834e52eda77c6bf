using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Sampling;
using Flatness.Constructions.Shattering;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;
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
    // Margins fixed in advance. Pooled over the 12 settings the caps hold about 440 samples in all: exact binomial bounds on the
    // ratio total/expected are about ±8 % wide at 95 % and ±24 % at the refutation level, so the ratio must be shown within
    // 1 ± 0.35. The ~2000 caps' emptiness indicators are negatively associated: Hoeffding's bounds on their mean are ±0.03 at 95 %
    // and ±0.065 at the refutation level, so the empty share must be shown within its expectation ± 0.1.
    private const double CountMargin = 0.35;
    private const double ShareMargin = 0.1;
    public override string Title => "Lemma I.1: per-cap count n p = Theta(kappa^(d+1)) independent of n; empty-cap share ~ exp(-n p) >= q* - delta";
    public override IReadOnlyList<string> DependsOn => ["B-33"];
    public override string Statement =>
        @"For $d\ge2$, $\varepsilon=\kappa n^{-1/(d+1)}$, $\kappa\in(0,1]$: each cap $\{u_j^\top x>1-\varepsilon^2\}$ has mass $p\in[L^{\rm " +
        @"cap}_d,U^{\rm cap}_d]\varepsilon^{d+1}$ ($L^{\rm cap}_d=\frac{2v_{d-1}}{(d+1)v_d}$, $U^{\rm cap}_d=\frac{2^{(d+1)/2}v_{d-1}}{(d+1)v_d}$ " +
        @"[derived]), so its expected count $np\in[L^{\rm cap}_d,U^{\rm cap}_d]\kappa^{d+1}$ does not depend on $n$; " +
        @"among $m$ disjoint caps a share $\approx e^{-np}$, at least $q^\star-\delta$ with $q^\star=e^{-U^{\rm cap}_d\kappa^{d+1}}$, holds no sample.";
    public override string Method =>
        "d ∈ {2, 3}, n ∈ {10³, 10⁴, 10⁵} samples uniform in B^d₁, κ ∈ {0.5, 1}, ε = κn^{−1/(d+1)}; " +
        "m disjoint caps from a greedy packing of 2000 random candidates. Exact: the cap mass p = Q(1 − ε²) (closed form) against the slice integral " +
        "(v_{d−1}/v_d)∫₀^{ε²}(s(2 − s))^{(d−1)/2}ds by quadrature (rel. 10⁻¹⁰), and np/κ^{d+1} ∈ [L, U]. Statistical, " +
        "pooled over the 12 settings (two criteria sharing the suite's false-refutation budget): (i) the samples in the caps: each " +
        "setting's total is exactly Bin(n, mp), so the pooled total T is a sum of independent Bernoulli trials with mean μ = Σnmp, " +
        "and the ratio T/μ gets exact binomial (Clopper–Pearson) bounds (valid for such sums by Hoeffding 1956) and must be shown within 1 ± 0.35; " +
        "(ii) the share of empty caps among all caps, whose expectation is the mean of q = (1 − p)ⁿ over the caps: " +
        "Hoeffding bounds (the emptiness indicators are negatively associated within a setting and independent across settings) must show it within that " +
        "expectation ± 0.1. Since q ≈ e^{−np} ≥ q* when np ≤ Uκ^{d+1}, (ii) with the band gives the lemma's share ≥ q* − δ.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("kappa", "κ ∈ {0.5, 1}");
        var table = b.Table("Caps and counts", "d", "kappa", "n", "eps", "caps m", "n p / kappa^(d+1)", "[L, U]", "p: closed form vs slice integral",
            "mean count", "total count", "expected n m p", "empty share", "(1-p)^n", "exp(-n p)", "q*");
        double worstP = 0, worstBand = double.PositiveInfinity;
        long totalCount = 0, totalSamples = 0;
        double expectedCount = 0, expectedEmpty = 0;
        int totalCaps = 0, totalEmpty = 0;
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
                double pErr = Descriptive.RelativeError(p, slice);
                worstP = Math.Max(worstP, pErr);
                double scaled = n * p / Math.Pow(kappa, d + 1);
                worstBand = Math.Min(worstBand, Math.Min(scaled - lo, hi - scaled));
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
                // The caps are disjoint, so the total count is exactly Bin(n, m·p); each cap is empty with probability (1 − p)ⁿ.
                int total = counts.Sum(), empty = counts.Count(c => c == 0);
                double q = Math.Pow(1 - p, n);
                totalCount += total; totalSamples += n; expectedCount += (double)n * m * p;
                totalCaps += m; totalEmpty += empty; expectedEmpty += m * q;
                double share = empty / (double)m;
                table.Row(Numbers.Count(d), Numbers.Format(kappa), Numbers.Count(n), Numbers.Format(eps, 4), Numbers.Count(m), Numbers.Format(scaled, 5),
                    $"[{Numbers.Format(lo, 4)}, {Numbers.Format(hi, 4)}]", Numbers.Error(pErr), Numbers.Format(counts.Average(), 4), Numbers.Count(total),
                    Numbers.Format((double)n * m * p, 4), Numbers.Format(share, 4), Numbers.Format(q, 4),
                    Numbers.Format(Math.Exp(-n * p), 4), Numbers.Format(qStar, 4));
                xs.Add(Math.Log10(n)); shares.Add(share); qs.Add(q);
            }
            series.Add(new Series($"empty share, d = {d}, kappa = {Numbers.Format(kappa)}", xs, shares));
            series.Add(new Series($"(1-p)^n, d = {d}, kappa = {Numbers.Format(kappa)}", xs, qs, SeriesStyle.Line));
            series.Add(new Series($"q*, d = {d}, kappa = {Numbers.Format(kappa)}", xs, xs.Select(_ => qStar).ToArray(), SeriesStyle.Line));
        }
        b.Figure(new Figure("empty-share", "Lemma I.1: share of disjoint caps holding no sample, against n", "log10 n", "empty share", series,
            "With eps = kappa n^(-1/(d+1)) the expected count per cap n p stays near U kappa^(d+1), " +
            "so the empty share stays near (1-p)^n ~ exp(-n p) >= q* = exp(-U kappa^(d+1)) for every n."));
        double countRatio = totalCount / expectedCount, emptyShare = totalEmpty / (double)totalCaps, expectedShare = expectedEmpty / totalCaps;
        b.ErrorMetric("maxCapMassError", worstP).Metric("countRatio", countRatio, 4).Metric("emptyShare", emptyShare, 4)
            .Metric("expectedEmptyShare", expectedShare, 4);
        b.Parameter("pooled",
            $"{Numbers.Count(totalCount)} samples in the caps against {Numbers.Format(expectedCount, 5)} expected (n = {Numbers.Count(totalSamples)} " +
            $"samples in all); {Numbers.Count(totalEmpty)} of {Numbers.Count(totalCaps)} caps empty against {Numbers.Format(expectedEmpty, 5)} expected");
        b.Note("Why these bounds. The total count of one setting is exactly Bin(n, mp): " +
            "every sample falls in the union of the disjoint caps with probability mp, independently. Pooled over settings, " +
            "T = ΣT_k is a sum of independent Bernoulli trials with unequal probabilities; by Hoeffding (1956, Theorem 4) its tails beyond one unit from the " +
            "mean are no heavier than those of the binomial with the same mean, so Clopper–Pearson bounds computed as if T ~ Bin(N, μ/N) remain valid, " +
            "and exact for the small counts here (a normal approximation would not be: with κ = 0.5 a cap holds 0.03–0.08 samples on average). " +
            "The emptiness indicators 1{N_j = 0} of one setting are decreasing functions of disjoint cells of a multinomial, " +
            "hence negatively associated (Joag-Dev & Proschan 1983), and independent across settings, so Hoeffding's inequality bounds their mean.");
        b.Criterion(Criterion.Exact("smallest margin of n p / kappa^(d+1) inside [L, U] over the 12 settings (the count does not grow with n)",
            worstBand, Region.Above(0), 4));
        b.Criterion(Criterion.Error("cap mass p, closed form against the slice integral (relative)", worstP, 1e-10));
        b.Criterion(Criterion.Statistical("samples in the caps / expected n m p, pooled",
            new ScaledBounds(new ClopperPearsonBounds((int)totalCount, (int)totalSamples), totalSamples / expectedCount),
            Region.Near(1, CountMargin)));
        b.Criterion(Criterion.Statistical("share of empty caps, pooled (claimed: the mean of (1-p)^n over the caps)",
            new HoeffdingBounds(emptyShare, 1, totalCaps), Region.Near(expectedShare, ShareMargin)));
        return b.Decide(VerdictMethod.Statistics,
            $"n p / kappa^(d+1) lies in [L, U] for every n (the cap count does not grow with n), " +
            $"the cap mass matches the slice integral to {Numbers.Error(worstP)}, the pooled count of samples in the caps is {Numbers.Format(countRatio, 3)} " +
            $"of its expectation (shown within 1 ± {Numbers.Format(CountMargin)}), and the pooled empty share {Numbers.Format(emptyShare, 3)} is shown " +
            $"within ± {Numbers.Format(ShareMargin)} of its expectation {Numbers.Format(expectedShare, 3)}.",
            $"count ratio {Numbers.Format(countRatio, 3)}, empty share {Numbers.Format(emptyShare, 3)} vs {Numbers.Format(expectedShare, 3)}");
    }
}
