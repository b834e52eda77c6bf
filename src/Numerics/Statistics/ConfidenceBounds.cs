using MathNet.Numerics.Distributions;

namespace Flatness.Numerics.Statistics;

/// <summary>One-sided confidence bounds on an unknown quantity θ estimated from data: for every error probability α,
/// P(θ &lt; <see cref="Lower"/>(α)) ≤ α and P(θ &gt; <see cref="Upper"/>(α)) ≤ α (exactly, or asymptotically where the
/// family says so). A two-sided interval at level 1 − α is [Lower(α/2), Upper(α/2)].</summary>
/// <remarks>
/// The families differ in what they assume: <see cref="NormalBounds"/> (central limit theorem), <see cref="StudentBounds"/>
/// (Gaussian errors, few samples), <see cref="ClopperPearsonBounds"/> (exact, binomial counts), <see cref="HoeffdingBounds"/> and
/// <see cref="EmpiricalBernsteinBounds"/> (distribution-free, bounded variables: safe for rare events and heavy-tailed
/// integrands), <see cref="FisherZBounds"/> (Spearman's ρ), <see cref="PercentileBounds"/> (bootstrap; no bound beyond
/// the resolution 1/(B + 1) of its replicates), <see cref="ExactValue"/> (no sampling error).
/// <see cref="StandardError"/> and <see cref="Count"/> serve power statements only: every family's width shrinks about
/// as 1/√<see cref="Count"/>.
/// </remarks>
public abstract record ConfidenceBounds
{
    /// <summary>The point estimate θ̂.</summary>
    public abstract double Estimate { get; }

    /// <summary>A lower bound valid with error probability α ∈ (0, 1).</summary>
    public abstract double Lower(double alpha);

    /// <summary>An upper bound valid with error probability α ∈ (0, 1).</summary>
    public abstract double Upper(double alpha);

    /// <summary>The spread of θ̂ in the normal approximation, for power statements (0 for exact values).</summary>
    public abstract double StandardError { get; }

    /// <summary>The sample count the width scales with (≈ 1/√Count).</summary>
    public abstract int Count { get; }

    /// <summary>The family in words, for reports (e.g. "normal, SE 0.012, n = 400").</summary>
    public abstract string Describe();

    /// <summary>Checks α ∈ (0, 1).</summary>
    protected static void CheckAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), "the error probability must lie in (0, 1)");
    }

    /// <summary>The standard normal quantile z with P(Z &gt; z) = α.</summary>
    protected static double Z(double alpha)
    {
        CheckAlpha(alpha);
        return -Normal.InvCDF(0, 1, alpha);
    }

    /// <summary>Formats a number for <see cref="Describe"/>.</summary>
    protected static string F(double v) => v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>θ̂ ± z_α·SE: the normal approximation (means of many independent samples, delta-method statistics).</summary>
/// <param name="Value">θ̂.</param>
/// <param name="Error">Its standard error (≥ 0).</param>
/// <param name="Samples">The sample count behind it.</param>
public sealed record NormalBounds(double Value, double Error, int Samples) : ConfidenceBounds
{
    /// <inheritdoc />
    public override double Estimate => Value;
    /// <inheritdoc />
    public override double Lower(double alpha) => Value - Z(alpha) * Error;
    /// <inheritdoc />
    public override double Upper(double alpha) => Value + Z(alpha) * Error;
    /// <inheritdoc />
    public override double StandardError => Error;
    /// <inheritdoc />
    public override int Count => Samples;
    /// <inheritdoc />
    public override string Describe() => $"normal, SE {F(Error)}, n = {Samples}";
}

/// <summary>θ̂ ± t_{α,ν}·SE: Student's t with ν degrees of freedom (a mean of few Gaussian replicates, ν = n − 1; a
/// least-squares slope, ν = n − 2).</summary>
/// <param name="Value">θ̂.</param>
/// <param name="Error">Its standard error.</param>
/// <param name="DegreesOfFreedom">ν ≥ 1.</param>
public sealed record StudentBounds(double Value, double Error, double DegreesOfFreedom) : ConfidenceBounds
{
    /// <inheritdoc />
    public override double Estimate => Value;
    /// <inheritdoc />
    public override double Lower(double alpha) => Value - T(alpha) * Error;
    /// <inheritdoc />
    public override double Upper(double alpha) => Value + T(alpha) * Error;
    /// <inheritdoc />
    public override double StandardError => Error;
    /// <inheritdoc />
    public override int Count => (int)Math.Round(DegreesOfFreedom) + 1;
    /// <inheritdoc />
    public override string Describe() => $"Student t, SE {F(Error)}, {F(DegreesOfFreedom)} degrees of freedom";

    /// <summary>Bounds on θ_a − θ_b from two independent Student estimates, with Welch–Satterthwaite degrees of freedom
    /// ν = (s_a² + s_b²)² / (s_a⁴/ν_a + s_b⁴/ν_b) (Welch 1947): a difference tested as a difference.</summary>
    public static StudentBounds Difference(StudentBounds a, StudentBounds b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double va = a.Error * a.Error, vb = b.Error * b.Error;
        double se = Math.Sqrt(va + vb);
        double dof = va + vb == 0 ? a.DegreesOfFreedom + b.DegreesOfFreedom
            : (va + vb) * (va + vb) / (va * va / a.DegreesOfFreedom + vb * vb / b.DegreesOfFreedom);
        return new StudentBounds(a.Value - b.Value, se, dof);
    }

    private double T(double alpha)
    {
        CheckAlpha(alpha);
        if (!(DegreesOfFreedom >= 1)) return double.PositiveInfinity;
        return UpperQuantile(alpha, DegreesOfFreedom);
    }

    /// <summary>t with P(T_ν &gt; t) = α, by bisection on log t of the tail ½·I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz &amp; Stegun
    /// 26.7.1), which stays accurate in the far tail where MathNet's bracketed inverse fails (e.g. ν = 1, α = 10⁻¹⁰);
    /// α &gt; ½ by symmetry.</summary>
    internal static double UpperQuantile(double alpha, double nu)
    {
        if (alpha > 0.5) return -UpperQuantile(1 - alpha, nu);
        if (alpha == 0.5) return 0;
        double Tail(double t) => 0.5 * MathNet.Numerics.SpecialFunctions.BetaRegularized(nu / 2, 0.5, nu / (nu + t * t));
        double lo = Math.Log(1e-300), hi = Math.Log(1e300);
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Tail(Math.Exp(mid)) > alpha) lo = mid; else hi = mid;
        }
        return Math.Exp(0.5 * (lo + hi));
    }
}

/// <summary>Exact one-sided Clopper–Pearson bounds on a probability p from k successes in n trials: Lower(α) is the
/// α-quantile of Beta(k, n − k + 1) (0 for k = 0), Upper(α) the (1 − α)-quantile of Beta(k + 1, n − k) (1 for k = n).</summary>
/// <remarks>Lower(α) &gt; p₀ exactly when P(Bin(n, p₀) ≥ k) &lt; α, so a sign test is this family with p₀ = ½.</remarks>
/// <param name="Successes">k.</param>
/// <param name="Trials">n ≥ 1.</param>
public sealed record ClopperPearsonBounds(int Successes, int Trials) : ConfidenceBounds
{
    /// <inheritdoc />
    public override double Estimate => Trials == 0 ? double.NaN : Successes / (double)Trials;
    /// <inheritdoc />
    public override double Lower(double alpha)
    {
        CheckAlpha(alpha);
        return Successes <= 0 ? 0.0 : BetaQuantile(Successes, Trials - Successes + 1, alpha, upperTail: false);
    }
    /// <inheritdoc />
    public override double Upper(double alpha)
    {
        CheckAlpha(alpha);
        return Successes >= Trials ? 1.0 : BetaQuantile(Successes + 1, Trials - Successes, alpha, upperTail: true);
    }
    /// <inheritdoc />
    public override double StandardError
    {
        get
        {
            double p = Math.Clamp(Estimate, 0.5 / Trials, 1 - 0.5 / Trials);
            return Math.Sqrt(p * (1 - p) / Trials);
        }
    }
    /// <inheritdoc />
    public override int Count => Trials;
    /// <inheritdoc />
    public override string Describe() => $"exact binomial (Clopper–Pearson), {Successes} of {Trials}";

    /// <summary>The p with I_p(a, b) = α (lower tail) or 1 − I_p(a, b) = α (upper tail), by bisection on the regularised
    /// incomplete beta: exact to the last bits, where MathNet's Beta.InvCDF is good to about 10⁻⁶ relative.</summary>
    internal static double BetaQuantile(double a, double b, double alpha, bool upperTail)
    {
        double lo = 0, hi = 1;
        for (int i = 0; i < 200 && hi - lo > 0; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) break;
            double tail = upperTail ? MathNet.Numerics.SpecialFunctions.BetaRegularized(b, a, 1 - mid)
                : MathNet.Numerics.SpecialFunctions.BetaRegularized(a, b, mid);
            // Lower tail I_p(a, b) increases in p; the upper tail 1 − I_p(a, b) = I_{1−p}(b, a) decreases in p.
            if (upperTail ? tail > alpha : tail < alpha) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}

/// <summary>Hoeffding's bounds on the mean of n independent variables with values in an interval of length R:
/// x̄ ∓ R·√(ln(1/α)/(2n)) (Hoeffding 1963, Theorem 2). Distribution-free: right for rare events and heavy-tailed but
/// bounded integrands, where the normal approximation is not.</summary>
/// <param name="Mean">x̄.</param>
/// <param name="Range">R, the length of the interval holding every variable.</param>
/// <param name="Samples">n.</param>
public sealed record HoeffdingBounds(double Mean, double Range, int Samples) : ConfidenceBounds
{
    /// <inheritdoc />
    public override double Estimate => Mean;
    /// <inheritdoc />
    public override double Lower(double alpha) => Mean - HalfWidth(alpha);
    /// <inheritdoc />
    public override double Upper(double alpha) => Mean + HalfWidth(alpha);
    /// <inheritdoc />
    public override double StandardError => Range / 2 / Math.Sqrt(Samples);
    /// <inheritdoc />
    public override int Count => Samples;
    /// <inheritdoc />
    public override string Describe() => $"Hoeffding, range {F(Range)}, n = {Samples}";

    private double HalfWidth(double alpha)
    {
        CheckAlpha(alpha);
        return Range * Math.Sqrt(Math.Log(1 / alpha) / (2.0 * Samples));
    }
}

/// <summary>The empirical Bernstein bounds of Maurer &amp; Pontil (2009, Theorem 4) on the mean of n ≥ 2 independent
/// variables in an interval of length R: x̄ ∓ (√(2V·ln(2/α)/n) + 7R·ln(2/α)/(3(n − 1))), V the unbiased sample
/// variance. Much narrower than Hoeffding's when the variance is small (rare events).</summary>
/// <param name="Mean">x̄.</param>
/// <param name="Variance">V, the unbiased sample variance.</param>
/// <param name="Range">R.</param>
/// <param name="Samples">n ≥ 2.</param>
public sealed record EmpiricalBernsteinBounds(double Mean, double Variance, double Range, int Samples) : ConfidenceBounds
{
    /// <inheritdoc />
    public override double Estimate => Mean;
    /// <inheritdoc />
    public override double Lower(double alpha) => Mean - HalfWidth(alpha);
    /// <inheritdoc />
    public override double Upper(double alpha) => Mean + HalfWidth(alpha);
    /// <inheritdoc />
    public override double StandardError => Math.Sqrt(Math.Max(Variance, 0) / Samples);
    /// <inheritdoc />
    public override int Count => Samples;
    /// <inheritdoc />
    public override string Describe() => $"empirical Bernstein, variance {F(Variance)}, range {F(Range)}, n = {Samples}";

    private double HalfWidth(double alpha)
    {
        CheckAlpha(alpha);
        double l = Math.Log(2 / alpha);
        return Math.Sqrt(2 * Math.Max(Variance, 0) * l / Samples) + 7 * Range * l / (3.0 * (Samples - 1));
    }
}

/// <summary>Bounds on a rank correlation ρ through Fisher's z: tanh(atanh ρ̂ ∓ z_α·√(c/(m − 3))), with c = 1.06 for
/// Spearman's ρ (Fieller, Hartley &amp; Pearson, Biometrika 44, 1957; valid for m ≥ 10, |ρ| ≤ 0.8 or so) and c = 1 for
/// Pearson's. Assumes independent pairs: for dependent units (the neurons of one network) use a bootstrap over the
/// independent ones (<see cref="ClusterBootstrap"/>).</summary>
/// <param name="Rho">ρ̂.</param>
/// <param name="Pairs">m ≥ 4.</param>
/// <param name="VarianceFactor">c.</param>
public sealed record FisherZBounds(double Rho, int Pairs, double VarianceFactor = 1.06) : ConfidenceBounds
{
    /// <inheritdoc />
    public override double Estimate => Rho;
    /// <inheritdoc />
    public override double Lower(double alpha) => Math.Tanh(Math.Atanh(Math.Clamp(Rho, -1, 1)) - Z(alpha) * Spread);
    /// <inheritdoc />
    public override double Upper(double alpha) => Math.Tanh(Math.Atanh(Math.Clamp(Rho, -1, 1)) + Z(alpha) * Spread);
    /// <inheritdoc />
    public override double StandardError => (1 - Rho * Rho) * Spread;
    /// <inheritdoc />
    public override int Count => Pairs;
    /// <inheritdoc />
    public override string Describe() => $"Fisher z, {Pairs} pairs";

    private double Spread => Math.Sqrt(VarianceFactor / (Pairs - 3));
}

/// <summary>Percentile bootstrap bounds: Lower(α) is the α-quantile of the B replicate statistics and Upper(α) the
/// (1 − α)-quantile; beyond the resolution of the replicates (α &lt; 1/(B + 1)) the bound is ∓∞, so a bootstrap never
/// claims more confidence than its replicates can show.</summary>
/// <param name="Value">θ̂ on the original sample.</param>
/// <param name="Replicates">The B replicate statistics (sorted on construction).</param>
public sealed record PercentileBounds(double Value, IReadOnlyList<double> Replicates) : ConfidenceBounds
{
    private readonly double[] _sorted = Replicates.Where(double.IsFinite).Order().ToArray();

    /// <inheritdoc />
    public override double Estimate => Value;
    /// <inheritdoc />
    public override double Lower(double alpha)
    {
        CheckAlpha(alpha);
        if (_sorted.Length == 0 || alpha < 1.0 / (_sorted.Length + 1)) return double.NegativeInfinity;
        return _sorted[(int)Math.Floor(alpha * (_sorted.Length + 1)) - 1];
    }
    /// <inheritdoc />
    public override double Upper(double alpha)
    {
        CheckAlpha(alpha);
        if (_sorted.Length == 0 || alpha < 1.0 / (_sorted.Length + 1)) return double.PositiveInfinity;
        return _sorted[_sorted.Length - (int)Math.Floor(alpha * (_sorted.Length + 1))];
    }
    /// <inheritdoc />
    public override double StandardError => _sorted.Length < 2 ? double.NaN : Descriptive.Mean(_sorted).StandardError * Math.Sqrt(_sorted.Length);
    /// <inheritdoc />
    public override int Count => _sorted.Length;
    /// <inheritdoc />
    public override string Describe() => $"percentile bootstrap, {_sorted.Length} replicates";
}

/// <summary>Bounds on c·θ from bounds on θ, for a known constant c &gt; 0: every bound, the estimate and the standard error
/// scale by c (P(cθ &lt; c·L(α)) = P(θ &lt; L(α)) ≤ α). For reading an estimate on the scale of its claim, e.g. a Monte Carlo
/// mean divided by the exact value it must equal.</summary>
/// <param name="Inner">The bounds on θ.</param>
/// <param name="Factor">c &gt; 0 (finite).</param>
public sealed record ScaledBounds(ConfidenceBounds Inner, double Factor) : ConfidenceBounds
{
    private readonly ConfidenceBounds _inner = Inner ?? throw new ArgumentNullException(nameof(Inner));
    private readonly double _factor = Factor > 0 && double.IsFinite(Factor) ? Factor
        : throw new ArgumentOutOfRangeException(nameof(Factor), Factor, "the factor must be positive and finite");

    /// <inheritdoc />
    public override double Estimate => _factor * _inner.Estimate;
    /// <inheritdoc />
    public override double Lower(double alpha) => _factor * _inner.Lower(alpha);
    /// <inheritdoc />
    public override double Upper(double alpha) => _factor * _inner.Upper(alpha);
    /// <inheritdoc />
    public override double StandardError => _factor * _inner.StandardError;
    /// <inheritdoc />
    public override int Count => _inner.Count;
    /// <inheritdoc />
    public override string Describe() => $"{_inner.Describe()}, scaled by {_factor.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>A quantity computed exactly (no sampling error): both bounds are the value itself.</summary>
/// <param name="Value">The value.</param>
public sealed record ExactValue(double Value) : ConfidenceBounds
{
    /// <inheritdoc />
    public override double Estimate => Value;
    /// <inheritdoc />
    public override double Lower(double alpha) => Value;
    /// <inheritdoc />
    public override double Upper(double alpha) => Value;
    /// <inheritdoc />
    public override double StandardError => 0;
    /// <inheritdoc />
    public override int Count => 1;
    /// <inheritdoc />
    public override string Describe() => "exact";
}
