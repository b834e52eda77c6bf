using MathNet.Numerics;

namespace Flatness.Numerics.References;

/// <summary>Plain references for the statistics the verdicts rest on, written from the definitions and sharing no code
/// with <c>Flatness.Numerics.Statistics</c> or the MathNet routines it calls (<c>Correlation.Spearman</c>,
/// <c>StudentT.InvCDF</c>, <c>Normal.InvCDF</c>, <c>Beta.InvCDF</c>, <c>Binomial.CDF</c>).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Mid-ranks (ties share the mean of the ranks they span) and Pearson's r by two passes; Spearman's ρ is Pearson's r
/// of the mid-ranks.</item>
/// <item>Binomial probabilities by the recursion pₖ₊₁ = pₖ·(n − k)/(k + 1)·p/(1 − p) from p₀ = (1 − p)ⁿ, tails by summation
/// (no special functions).</item>
/// <item>The normal upper tail Φ̄(z) = φ(z)∫₀^∞ e^{−zu − u²/2} du by composite Gauss–Legendre on [0, 12] (the factor
/// e^{−u²/2} is below 10⁻³¹ beyond), and its inverse by bisection.</item>
/// <item>Student's upper tail P(T_ν &gt; t) = ∫₀¹ c_ν(1 + t²/(νw²))^{−(ν+1)/2} t/w² dw (s = t/w), with c_ν fixed by the
/// total mass computed the same way (no Gamma function), and its inverse by bisection; closed-form quantiles for
/// ν = 1 (t = cot πα), ν = 2 (t = (1 − 2α)/√(2α(1 − α))) and ν = 4 (t = 2√(q − 1), q = cos(⅓ arccos √(4α(1 − α)))/√(4α(1 − α))).</item>
/// </list>
/// </remarks>
public static class ReferenceStatistics
{
    /// <summary>Mid-ranks 1..n of <paramref name="x"/> (ties get the mean of the ranks they span).</summary>
    public static double[] MidRanks(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Count;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (i, j) => x[i].CompareTo(x[j]));
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end + 1 < n && x[order[end + 1]] == x[order[start]]) end++;
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>Pearson's r = Σ(xᵢ − x̄)(yᵢ − ȳ)/√(Σ(xᵢ − x̄)²Σ(yᵢ − ȳ)²), NaN when either is constant.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = x.Count;
        if (n != y.Count || n < 2) throw new ArgumentException("need two series of equal length >= 2");
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Spearman's ρ: Pearson's r of the mid-ranks.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) => Pearson(MidRanks(x), MidRanks(y));

    /// <summary>P(Bin(n, p) = k) for k = 0..n by the recursion of the remarks (p ∈ [0, 1]).</summary>
    public static double[] BinomialProbabilities(int n, double p)
    {
        if (n < 0 || !(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), "need n >= 0 and p in [0, 1]");
        var pmf = new double[n + 1];
        if (p == 0) { pmf[0] = 1; return pmf; }
        if (p == 1) { pmf[n] = 1; return pmf; }
        if (p > 0.5)
        {
            // Recurse from the other end (p₀ = (1 − p)ⁿ would underflow first): P(k; p) = P(n − k; 1 − p).
            var mirrored = BinomialProbabilities(n, 1 - p);
            for (int k = 0; k <= n; k++) pmf[k] = mirrored[n - k];
            return pmf;
        }
        // Start at the mode in log space so that nothing underflows before the mass: log pₘ by summing logs.
        int mode = (int)Math.Floor((n + 1) * p);
        if (mode > n) mode = n;
        double logMode = 0;
        for (int i = 1; i <= mode; i++) logMode += Math.Log((n - mode + i) / (double)i);
        logMode += mode * Math.Log(p) + (n - mode) * Math.Log(1 - p);
        pmf[mode] = Math.Exp(logMode);
        double ratio = p / (1 - p);
        for (int k = mode; k < n; k++) pmf[k + 1] = pmf[k] * (n - k) / (k + 1) * ratio;
        for (int k = mode; k > 0; k--) pmf[k - 1] = pmf[k] * k / (n - k + 1) / ratio;
        return pmf;
    }

    /// <summary>P(Bin(n, p) ≥ k).</summary>
    public static double BinomialUpperTail(int n, double p, int k)
    {
        if (k <= 0) return 1;
        if (k > n) return 0;
        var pmf = BinomialProbabilities(n, p);
        double s = 0;
        for (int i = n; i >= k; i--) s += pmf[i];
        return s;
    }

    /// <summary>P(Bin(n, p) ≤ k).</summary>
    public static double BinomialLowerTail(int n, double p, int k)
    {
        if (k < 0) return 0;
        if (k >= n) return 1;
        var pmf = BinomialProbabilities(n, p);
        double s = 0;
        for (int i = 0; i <= k; i++) s += pmf[i];
        return s;
    }

    /// <summary>Φ̄(z) = P(Z &gt; z) for z ≥ 0 by quadrature (see remarks).</summary>
    public static double NormalUpperTail(double z)
    {
        if (!(z >= 0)) throw new ArgumentOutOfRangeException(nameof(z), "z must be >= 0");
        double s = 0;
        for (int p = 0; p < 12; p++) s += Integrate.GaussLegendre(u => Math.Exp(-z * u - 0.5 * u * u), p, p + 1, 30);
        return Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI) * s;
    }

    /// <summary>z with Φ̄(z) = α, α ∈ (0, ½], by bisection on <see cref="NormalUpperTail"/>.</summary>
    public static double NormalUpperQuantile(double alpha) => Bisect(NormalUpperTail, alpha, 0, 40);

    /// <summary>P(T_ν &gt; t) for t ≥ 0 by quadrature (see remarks).</summary>
    public static double StudentUpperTail(double t, double nu)
    {
        if (!(t >= 0) || !(nu > 0)) throw new ArgumentOutOfRangeException(nameof(t), "need t >= 0 and nu > 0");
        // Mass of (0, ∞) is ½; P(T > t) = ½·∫_t^∞ ρ / ∫_0^∞ ρ with ρ(s) = (1 + s²/ν)^{−(ν+1)/2} unnormalised.
        return 0.5 * UnnormalisedTail(t, nu) / (UnnormalisedBody(1, nu) + UnnormalisedTail(1, nu));
    }

    /// <summary>t with P(T_ν &gt; t) = α, α ∈ (0, ½], by bisection on <see cref="StudentUpperTail"/> in log t.</summary>
    public static double StudentUpperQuantile(double alpha, double nu) =>
        Math.Exp(Bisect(l => StudentUpperTail(Math.Exp(l), nu), alpha, -40, 80));

    /// <summary>The closed-form upper α-quantile of Student's t for ν ∈ {1, 2, 4} (see remarks).</summary>
    public static double StudentUpperQuantileClosedForm(double alpha, int nu)
    {
        if (!(alpha > 0 && alpha < 0.5)) throw new ArgumentOutOfRangeException(nameof(alpha), "alpha must lie in (0, 1/2)");
        switch (nu)
        {
            case 1:
                return 1 / Math.Tan(Math.PI * alpha);
            case 2:
                return (1 - 2 * alpha) / Math.Sqrt(2 * alpha * (1 - alpha));
            case 4:
                double a = 4 * alpha * (1 - alpha), sa = Math.Sqrt(a);
                double q = Math.Cos(Math.Acos(sa) / 3) / sa;
                return 2 * Math.Sqrt(q - 1);
            default:
                throw new ArgumentOutOfRangeException(nameof(nu), nu, "closed forms are written for nu = 1, 2, 4");
        }
    }

    // ∫_t^∞ (1 + s²/ν)^{−(ν+1)/2} ds with s = t/w, w ∈ (0, 1]: ∫₀¹ ρ(t/w) t/w² dw, split into panels graded towards w = 0.
    private static double UnnormalisedTail(double t, double nu)
    {
        double Integrand(double w) => w == 0 ? 0 : Math.Pow(1 + t * t / (nu * w * w), -(nu + 1) / 2) * t / (w * w);
        double s = 0, hi = 1;
        for (int p = 0; p < 60; p++)
        {
            double lo = hi / 2;
            s += Integrate.GaussLegendre(Integrand, lo, hi, 30);
            hi = lo;
        }
        return s;
    }

    private static double UnnormalisedBody(double t, double nu)
    {
        double s = 0;
        int panels = (int)Math.Ceiling(t * 4);
        for (int p = 0; p < panels; p++)
            s += Integrate.GaussLegendre(x => Math.Pow(1 + x * x / nu, -(nu + 1) / 2), t * p / panels, t * (p + 1) / panels, 30);
        return s;
    }

    // x with f(x) = target for f decreasing on [lo, hi], bisection to the last bit (relative error of the tail ~ rounding).
    private static double Bisect(Func<double, double> f, double target, double lo, double hi)
    {
        if (!(target > 0 && target <= 0.5)) throw new ArgumentOutOfRangeException(nameof(target), "the tail probability must lie in (0, 1/2]");
        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.Max(1, Math.Abs(hi)); i++)
        {
            double mid = 0.5 * (lo + hi);
            if (f(mid) > target) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
