using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.References;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-42: the confidence-bound families every statistical verdict rests on, against their defining equations
/// and exact coverage computed from binomial probabilities (issue #16).</summary>
internal sealed class A42ConfidenceBounds() : Claim("A-42")
{
    private static readonly double[] s_alphas = [0.05, 1e-3, 1e-7];
    private static readonly double[] s_tinyAlphas = [0.05, 1e-4, 1e-8, 1e-12];

    public override string Title => "The confidence-bound families match their definitions and cover";
    public override string Statement =>
        @"Clopper–Pearson: $L(\alpha)$ solves $P(\mathrm{Bin}(n,L)\ge k)=\alpha$ and $U(\alpha)$ solves $P(\mathrm{Bin}(n,U)\le k)=\alpha$, " +
        @"so each one-sided bound fails with probability $\le\alpha$ at every $p$; Student and normal bounds use $t_{\nu,\alpha}$ and $z_\alpha$; " +
        @"Hoeffding's $\bar x\mp R\sqrt{\ln(1/\alpha)/(2n)}$ and Maurer–Pontil's empirical Bernstein $\bar " +
        @"x\mp(\sqrt{2V\ln(2/\alpha)/n}+7R\ln(2/\alpha)/(3(n-1)))$ fail with probability $\le\alpha$; the standard error of a mean is $s/\sqrt n$; " +
        @"batch means, scaled bounds, Bernstein bounds from a mean and Welch's difference are what they say.";
    public override string Method =>
        "Clopper–Pearson for n ∈ {1, 7, 30, 200} and every k (every seventh for n = 200), α ∈ {0.05, 10⁻³, 10⁻⁷}: each bound against the " +
        "root of its defining equation P(Bin(n, p) ≥ k) = α (lower) or P(Bin(n, p) ≤ k) = α (upper), found by bisection on tails summed " +
        "from the pmf recursion (`ReferenceStatistics`, no special functions; relative < 10⁻⁵, as MathNet's Beta.InvCDF behind the bounds " +
        "converges to ≈ 10⁻⁶ relative — 1.4·10⁻⁶ at n = 30, k = 1, α = 10⁻⁷, a tail 1.4·10⁻⁵ above α); the exact probability " +
        "that the bound misses p, Σₖ P(Bin(n, p) = k)·1{bound(k) misses p}, over 199 values of p, divided by α (≤ 1 + 10⁻⁴, the same " +
        "allowance); " +
        "`BinomialTail` against the same sums (absolute < 10⁻¹³: it is 1 − CDF, so its relative accuracy fades below ≈ 10⁻¹²). " +
        "Student quantiles against closed forms (ν = 1, 2, 4) and quadrature of the density (ν = 3.7, 30; Welch's degrees of freedom are fractional), " +
        "normal quantiles against the tail by quadrature, α down to 10⁻¹² (relative < 10⁻⁸). Hoeffding and empirical Bernstein bounds against their formulas " +
        "(< 10⁻¹⁴) and their exact non-coverage for Bernoulli means (n = 50, 199 values of p; ≤ α). The mean's SE against MathNet's standard deviation / √n, " +
        "and `MeanFromSums` against `Mean`. The families built on others: `BatchMeans` (mean and SE of the batch means, K − 1 degrees " +
        "of freedom) against MathNet on explicitly formed batches, `ScaledBounds` against c times its inner bounds, " +
        "`MeanEstimate.BernsteinBounds` against MathNet's sample variance in the Maurer–Pontil width, `WelchDifference` against " +
        "the Welch–Satterthwaite formula with MathNet's variances. All exact numerics: a 1 % error in any bound or quantile is orders above the tolerances.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("Clopper-Pearson", "n = 1, 7, 30, 200; alpha = 0.05, 1e-3, 1e-7")
            .Parameter("quantiles", "alpha = 0.05, 1e-4, 1e-8, 1e-12").Parameter("coverage grids", "199 values of p in (0, 1)");
        var table = b.Table("Bounds against their definitions", "family", "cases", "largest error", "largest non-coverage / alpha");
        ClopperPearson(b, table);
        Quantiles(b, table);
        Concentration(b, table);
        Means(b, table, rng);
        Derived(b, table, rng);
        return b.Decide(VerdictMethod.ExactNumerics,
            "every bound family solves its defining equation, the exact non-coverage of Clopper–Pearson, " +
            "Hoeffding and empirical Bernstein bounds is at most α, and quantiles and standard errors match their references.",
            "bounds = definitions; coverage <= alpha");
    }

    private static void ClopperPearson(EvidenceBuilder b, TableBuilder table)
    {
        double tailErr = 0, coverage = 0;
        bool ends = true;
        int cases = 0;
        foreach (int n in new[] { 1, 7, 30, 200 })
            foreach (double alpha in s_alphas)
                for (int k = 0; k <= n; k += n == 200 ? 7 : 1)
                {
                    var cp = new ClopperPearsonBounds(k, n);
                    double lo = cp.Lower(alpha), hi = cp.Upper(alpha);
                    // The reference bound solves the defining tail equation by bisection on p (tails summed from the pmf).
                    if (k == 0) ends &= lo == 0;
                    else tailErr = Math.Max(tailErr, Descriptive.RelativeError(lo, Solve(p => ReferenceStatistics.BinomialUpperTail(n, p, k), alpha, true)));
                    if (k == n) ends &= hi == 1;
                    else tailErr = Math.Max(tailErr, Descriptive.RelativeError(hi, Solve(p => ReferenceStatistics.BinomialLowerTail(n, p, k), alpha, false)));
                    cases++;
                }
        foreach (int n in new[] { 7, 30 })
            foreach (double alpha in s_alphas)
            {
                var lower = Enumerable.Range(0, n + 1).Select(k => new ClopperPearsonBounds(k, n).Lower(alpha)).ToArray();
                var upper = Enumerable.Range(0, n + 1).Select(k => new ClopperPearsonBounds(k, n).Upper(alpha)).ToArray();
                for (int q = 1; q < 200; q++)
                {
                    double p = q / 200.0;
                    var pmf = ReferenceStatistics.BinomialProbabilities(n, p);
                    double missLow = 0, missHigh = 0;
                    for (int k = 0; k <= n; k++)
                    {
                        if (lower[k] > p) missLow += pmf[k];
                        if (upper[k] < p) missHigh += pmf[k];
                    }
                    coverage = Math.Max(coverage, Math.Max(missLow, missHigh) / alpha);
                }
            }
        double tailHelper = 0;
        foreach (int n in new[] { 7, 30, 200 })
            foreach (double p in new[] { 0.03, 0.5, 0.91 })
                for (int k = 0; k <= n; k += n == 200 ? 11 : 1)
                {
                    // Absolute, at 1e-13: BinomialTail.Upper is I_p(k, n − k + 1), the pmf sums add up to rounding.
                    tailHelper = Math.Max(tailHelper, Math.Abs(BinomialTail.Upper(n, p, k) - ReferenceStatistics.BinomialUpperTail(n, p, k)));
                }
        foreach (int n in new[] { 7, 30 })
            for (int k = 1; k <= n; k++)
                tailHelper = Math.Max(tailHelper, Math.Abs(BinomialTail.ClopperPearsonLower(k, n, 1e-3) - new ClopperPearsonBounds(k, n).Lower(1e-3)));
        table.Row("Clopper-Pearson", Numbers.Count(cases), Numbers.Error(tailErr), Numbers.Format(coverage, 6));
        table.Row("BinomialTail", "tails n = 7, 30, 200", Numbers.Error(tailHelper), "");
        // The bounds are found by bisection on the regularised incomplete beta, so they solve their tail equations to rounding.
        b.Criterion(Criterion.Error("Clopper-Pearson: each bound vs the root of its defining tail equation P(Bin(n, p) >= k) = alpha or " +
            "P(Bin(n, p) <= k) = alpha (largest relative error)", tailErr, 1e-9));
        b.Criterion(Criterion.Exact("Clopper-Pearson: largest exact probability that a one-sided bound misses p, / alpha (n = 7, 30)",
            coverage, Region.Below(1 + 1e-4)));
        b.Criterion(Criterion.Condition("Clopper-Pearson: L = 0 at k = 0 and U = 1 at k = n", ends,
            ends ? "holds at every n and alpha" : "an end bound differs"));
        b.Criterion(Criterion.Error("BinomialTail.Upper vs pmf sums (absolute), ClopperPearsonLower vs ClopperPearsonBounds", tailHelper, 1e-13));
    }

    /// <summary>p with tail(p) = α by bisection (the tail increasing in p when <paramref name="increasing"/>), to the last bit.</summary>
    private static double Solve(Func<double, double> tail, double alpha, bool increasing)
    {
        double lo = 0, hi = 1;
        for (int i = 0; i < 2000 && hi - lo > 1e-17 + 1e-15 * lo; i++)
        {
            double mid = 0.5 * (lo + hi);
            if ((tail(mid) < alpha) == increasing) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static void Quantiles(EvidenceBuilder b, TableBuilder table)
    {
        double student = 0, normal = 0;
        foreach (double nu in new[] { 1.0, 2.0, 4.0, 3.7, 30.0 })
            foreach (double alpha in s_tinyAlphas)
            {
                double t = nu is 1 or 2 or 4 ? ReferenceStatistics.StudentUpperQuantileClosedForm(alpha, (int)nu)
                    : ReferenceStatistics.StudentUpperQuantile(alpha, nu);
                var sb = new StudentBounds(0.25, 2, nu);
                double err = Math.Max(Descriptive.RelativeError((sb.Upper(alpha) - 0.25) / 2, t), Descriptive.RelativeError((0.25 - sb.Lower(alpha)) / 2, t));
                student = Math.Max(student, err);
            }
        foreach (double alpha in new[] { 0.05, 0.025, 1e-3, 1e-6, 1e-9, 1e-12 })
        {
            var nb = new NormalBounds(0.5, 2, 100);
            double zUpper = (nb.Upper(alpha) - 0.5) / 2, zLower = (0.5 - nb.Lower(alpha)) / 2;
            normal = Math.Max(normal,
                Math.Max(Math.Abs(ReferenceStatistics.NormalUpperTail(zUpper) / alpha - 1), Math.Abs(ReferenceStatistics.NormalUpperTail(zLower) / alpha - 1)));
        }
        table.Row("Student t", "nu = 1, 2, 4, 3.7, 30 x 4 alphas", Numbers.Error(student), "");
        table.Row("normal", "6 alphas", Numbers.Error(normal), "");
        b.Criterion(Criterion.Error("Student bounds: t_(nu, alpha) vs closed forms (nu = 1, 2, 4) and quadrature (nu = 3.7, 30), alpha down to 1e-12",
            student, 1e-8));
        b.Criterion(Criterion.Error("normal bounds: the tail at (U(alpha) - estimate) / SE and at (estimate - L(alpha)) / SE vs alpha (quadrature), " +
            "alpha down to 1e-12", normal, 1e-8));
    }

    private static void Concentration(EvidenceBuilder b, TableBuilder table)
    {
        const int n = 50;
        double formula = 0, hoeffding = 0, bernstein = 0;
        foreach (double alpha in s_alphas)
        {
            var hLow = new double[n + 1];
            var hHigh = new double[n + 1];
            var eLow = new double[n + 1];
            var eHigh = new double[n + 1];
            for (int k = 0; k <= n; k++)
            {
                double mean = k / (double)n, variance = k * (n - k) / (n * (n - 1.0));
                var h = new HoeffdingBounds(mean, 1, n);
                var e = new EmpiricalBernsteinBounds(mean, variance, 1, n);
                double hw = Math.Sqrt(Math.Log(1 / alpha) / (2.0 * n));
                double ew = Math.Sqrt(2 * variance * Math.Log(2 / alpha) / n) + 7 * Math.Log(2 / alpha) / (3.0 * (n - 1));
                formula = Math.Max(formula, new[] { Math.Abs(h.Lower(alpha) - (mean - hw)), Math.Abs(h.Upper(alpha) - (mean + hw)),
                    Math.Abs(e.Lower(alpha) - (mean - ew)), Math.Abs(e.Upper(alpha) - (mean + ew)) }.Max());
                (hLow[k], hHigh[k], eLow[k], eHigh[k]) = (h.Lower(alpha), h.Upper(alpha), e.Lower(alpha), e.Upper(alpha));
            }
            for (int q = 1; q < 200; q++)
            {
                double p = q / 200.0;
                var pmf = ReferenceStatistics.BinomialProbabilities(n, p);
                double h1 = 0, h2 = 0, e1 = 0, e2 = 0;
                for (int k = 0; k <= n; k++)
                {
                    if (hLow[k] > p) h1 += pmf[k];
                    if (hHigh[k] < p) h2 += pmf[k];
                    if (eLow[k] > p) e1 += pmf[k];
                    if (eHigh[k] < p) e2 += pmf[k];
                }
                hoeffding = Math.Max(hoeffding, Math.Max(h1, h2) / alpha);
                bernstein = Math.Max(bernstein, Math.Max(e1, e2) / alpha);
            }
        }
        table.Row("Hoeffding", "n = 50, 3 alphas", Numbers.Error(formula), Numbers.Format(hoeffding, 4));
        table.Row("empirical Bernstein", "n = 50, 3 alphas", Numbers.Error(formula), Numbers.Format(bernstein, 4));
        b.Criterion(Criterion.Error("Hoeffding and empirical Bernstein bounds vs their formulas", formula, 1e-14));
        b.Criterion(Criterion.Exact("Hoeffding: largest exact non-coverage / alpha for Bernoulli means (n = 50)", hoeffding, Region.Below(1)));
        b.Criterion(Criterion.Exact("empirical Bernstein: largest exact non-coverage / alpha for Bernoulli means (n = 50)", bernstein, Region.Below(1)));
    }

    private static void Means(EvidenceBuilder b, TableBuilder table, Rng rng)
    {
        double twoPass = 0, onePass = 0;
        foreach (int n in new[] { 2, 10, 1000 })
        {
            var x = Enumerable.Range(0, n).Select(_ => 5 + rng.NextGaussian()).ToArray();
            var mean = Descriptive.Mean(x);
            double sd = MathNet.Numerics.Statistics.Statistics.StandardDeviation(x);
            var streamed = Descriptive.MeanFromSums(x.Sum(), x.Sum(v => v * v), n);
            twoPass = Math.Max(twoPass, Math.Max(Descriptive.RelativeError(mean.StandardError, sd / Math.Sqrt(n)),
                Descriptive.RelativeError(mean.Mean, MathNet.Numerics.Statistics.Statistics.Mean(x))));
            onePass = Math.Max(onePass,
                Math.Max(Descriptive.RelativeError(streamed.StandardError, mean.StandardError), Descriptive.RelativeError(streamed.Mean, mean.Mean)));
        }
        table.Row("mean and its SE", "n = 2, 10, 1000", Numbers.Error(Math.Max(twoPass, onePass)), "");
        b.Criterion(Criterion.Error("Descriptive.Mean: the mean and s / sqrt n vs MathNet", twoPass, 1e-12));
        // One-pass sums lose about eps (mean / sd)^2 n of the variance: 1e-11 here.
        b.Criterion(Criterion.Error("Descriptive.MeanFromSums vs Mean (one-pass sums)", onePass, 1e-8));
    }

    /// <summary>The families built on others: batch means, scaled bounds, empirical Bernstein from a mean, Welch's difference.</summary>
    private static void Derived(EvidenceBuilder b, TableBuilder table, Rng rng)
    {
        // Skewed values (exponential), N = 1000 in K = 7 batches of 142 (six dropped).
        var values = Enumerable.Range(0, 1000).Select(_ => -Math.Log(1 - rng.NextDouble())).ToArray();
        const int k = 7;
        var batchMeans = Enumerable.Range(0, k).Select(j => values.Skip(j * 142).Take(142).Average()).ToArray();
        var bm = BatchMeans.Bounds(values, k);
        double batch = new[] { Descriptive.RelativeError(bm.Value, MathNet.Numerics.Statistics.Statistics.Mean(batchMeans)),
            Descriptive.RelativeError(bm.Error, MathNet.Numerics.Statistics.Statistics.StandardDeviation(batchMeans) / Math.Sqrt(k)),
            Math.Abs(bm.DegreesOfFreedom - (k - 1)) }.Max();
        // Scaled bounds: every member times c.
        var inner = new ClopperPearsonBounds(7, 30);
        var scaled = new ScaledBounds(inner, 2.5);
        double scale = s_alphas.SelectMany(a => new[] { Math.Abs(scaled.Lower(a) - 2.5 * inner.Lower(a)), Math.Abs(scaled.Upper(a) - 2.5 * inner.Upper(a)) })
            .Append(Math.Abs(scaled.Estimate - 2.5 * inner.Estimate)).Append(Math.Abs(scaled.StandardError - 2.5 * inner.StandardError)).Max();
        // Empirical Bernstein from a mean: the sample variance recovered as SE²·n.
        var unit = values.Select(v => Math.Min(v / 8, 1)).ToArray();
        var eb = Descriptive.Mean(unit).BernsteinBounds(1);
        double variance = MathNet.Numerics.Statistics.Statistics.Variance(unit);
        double ebWidth = Math.Sqrt(2 * variance * Math.Log(2 / 1e-6) / unit.Length) + 7 * Math.Log(2 / 1e-6) / (3.0 * (unit.Length - 1));
        double bernstein = Math.Max(Descriptive.RelativeError(eb.Variance, variance), Descriptive.RelativeError(unit.Average() - eb.Lower(1e-6), ebWidth));
        // Welch's difference: ν = (vₐ/nₐ + v_b/n_b)² / ((vₐ/nₐ)²/(nₐ − 1) + (v_b/n_b)²/(n_b − 1)) with the sample variances.
        var xa = Enumerable.Range(0, 12).Select(_ => rng.NextGaussian()).ToArray();
        var xb = Enumerable.Range(0, 30).Select(_ => 0.3 + 2 * rng.NextGaussian()).ToArray();
        var welch = Descriptive.WelchDifference(Descriptive.Mean(xa), Descriptive.Mean(xb));
        double qa = MathNet.Numerics.Statistics.Statistics.Variance(xa) / xa.Length, qb = MathNet.Numerics.Statistics.Statistics.Variance(xb) / xb.Length;
        double nu = (qa + qb) * (qa + qb) / (qa * qa / (xa.Length - 1) + qb * qb / (xb.Length - 1));
        double welchErr = new[] { Descriptive.RelativeError(welch.DegreesOfFreedom, nu), Descriptive.RelativeError(welch.Error, Math.Sqrt(qa + qb)),
            Descriptive.RelativeError(welch.Value, xa.Average() - xb.Average()) }.Max();
        table.Row("batch means", "N = 1000, K = 7", Numbers.Error(batch), "");
        table.Row("scaled bounds", "Clopper-Pearson x 2.5", Numbers.Error(scale), "");
        table.Row("empirical Bernstein from a mean", "n = 1000", Numbers.Error(bernstein), "");
        table.Row("Welch difference", "n = 12, 30", Numbers.Error(welchErr), "");
        b.Criterion(Criterion.Error("BatchMeans: mean and SE of the K batch means (MathNet), K - 1 degrees of freedom", batch, 1e-12));
        b.Criterion(Criterion.Error("ScaledBounds: estimate, bounds and SE are c times the inner ones", scale, 1e-15));
        b.Criterion(Criterion.Error("MeanEstimate.BernsteinBounds: the sample variance (MathNet) and the Maurer-Pontil width", bernstein, 1e-10));
        b.Criterion(Criterion.Error("Descriptive.WelchDifference: difference, SE and Welch-Satterthwaite degrees of freedom", welchErr, 1e-10));
    }
}
