namespace Flatness.Numerics.Statistics;

/// <summary>A sample mean with its standard error.</summary>
/// <param name="Mean">x̄ = (1/n)Σxᵢ.</param>
/// <param name="StandardError">s/√n with s² = Σ(xᵢ − x̄)²/(n − 1) (NaN for n = 1).</param>
/// <param name="Count">n.</param>
public sealed record MeanEstimate(double Mean, double StandardError, int Count)
{
    /// <summary>Normal confidence bounds x̄ ± z·SE (the central limit theorem; for heavy tails or few samples use an
    /// exact or distribution-free family instead).</summary>
    public NormalBounds Bounds() => new(Mean, StandardError, Count);

    /// <summary>Student-t bounds x̄ ± t_{n−1}·SE: the mean of a few replicates with roughly Gaussian spread (e.g. one value per
    /// seed).</summary>
    public StudentBounds StudentBounds() => new(Mean, Count > 1 ? StandardError : double.PositiveInfinity, Math.Max(Count - 1, 1));

    /// <summary>Empirical Bernstein bounds (<see cref="EmpiricalBernsteinBounds"/>) for variables known to lie in an interval
    /// of length <paramref name="range"/>: distribution-free, safe for rare events and skewed integrands. The sample variance
    /// is recovered as SE²·n (n ≥ 2).</summary>
    public EmpiricalBernsteinBounds BernsteinBounds(double range)
    {
        if (Count < 2) throw new InvalidOperationException("empirical Bernstein bounds need at least two samples");
        if (!(range > 0) || !double.IsFinite(range)) throw new ArgumentOutOfRangeException(nameof(range), range, "the range must be positive and finite");
        return new EmpiricalBernsteinBounds(Mean, StandardError * StandardError * Count, range, Count);
    }
}

/// <summary>Descriptive statistics used throughout the suite: the median, the mean with its standard error, relative
/// errors. One implementation each, tested against MathNet and closed forms.</summary>
public static class Descriptive
{
    /// <summary>The sample median: the middle order statistic, or the mean of the two middle ones for an even count
    /// (MathNet's <c>Statistics.Median</c> convention); NaN for no values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var s = values.ToArray();
        if (s.Length == 0) return double.NaN;
        Array.Sort(s);
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }

    /// <summary>The mean and its standard error s/√n of <paramref name="values"/> (n ≥ 1; SE is NaN for n = 1).</summary>
    /// <remarks>Two passes (mean, then Σ(xᵢ − x̄)²), so no cancellation for large means.</remarks>
    public static MeanEstimate Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n == 0) throw new ArgumentException("the mean of no values is undefined");
        double sum = 0;
        for (int i = 0; i < n; i++) sum += values[i];
        double mean = sum / n, ss = 0;
        for (int i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
        double se = n > 1 ? Math.Sqrt(ss / (n - 1) / n) : double.NaN;
        return new MeanEstimate(mean, se, n);
    }

    /// <summary>The mean and standard error from streamed sums Σx and Σx² of n values (for Monte Carlo loops that do not
    /// keep their samples): SE = √((Σx²/n − x̄²)·n/(n − 1)/n).</summary>
    public static MeanEstimate MeanFromSums(double sum, double sumOfSquares, long count)
    {
        if (count < 2) throw new ArgumentException("at least two values are needed for a standard error");
        double mean = sum / count;
        double variance = Math.Max(sumOfSquares / count - mean * mean, 0) * count / (count - 1.0);
        return new MeanEstimate(mean, Math.Sqrt(variance / count), (int)Math.Min(count, int.MaxValue));
    }

    /// <summary>Bounds on the difference μ_a − μ_b of two independent means: x̄_a − x̄_b with SE √(SE_a² + SE_b²) and
    /// Student's t with the Welch–Satterthwaite degrees of freedom ν = SE⁴/(SE_a⁴/(n_a − 1) + SE_b⁴/(n_b − 1)) (Welch,
    /// Biometrika 34, 1947): a difference is tested as one quantity, never as two overlapping intervals.</summary>
    public static StudentBounds WelchDifference(MeanEstimate a, MeanEstimate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count < 2 || b.Count < 2) throw new ArgumentException("each mean needs at least two values for a standard error");
        double va = a.StandardError * a.StandardError, vb = b.StandardError * b.StandardError, v = va + vb;
        double denominator = va * va / (a.Count - 1) + vb * vb / (b.Count - 1);
        double dof = denominator > 0 ? v * v / denominator : a.Count + b.Count - 2;
        return new StudentBounds(a.Mean - b.Mean, Math.Sqrt(v), Math.Max(dof, 1));
    }

    /// <summary>|actual − expected| / |expected| (|expected| floored at the smallest positive double).</summary>
    public static double RelativeError(double actual, double expected) =>
        Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);

    /// <summary>|actual − expected| / |expected|, or 0 when |actual − expected| ≤ <paramref name="absoluteFloor"/>: a relative
    /// criterion with an absolute tolerance for values at or near zero (e.g. rel. 10⁻¹⁰ + 10⁻¹⁵ abs.).</summary>
    public static double RelativeError(double actual, double expected, double absoluteFloor) =>
        Math.Abs(actual - expected) <= absoluteFloor ? 0 : RelativeError(actual, expected);

    /// <summary>maxᵢ|actualᵢ − expectedᵢ| / maxᵢ|expectedᵢ| (the absolute difference when expected is all zero).</summary>
    public static double MaxRelativeDifference(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        if (actual.Length != expected.Length) throw new ArgumentException("the arrays must have the same length");
        double scale = 0, diff = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            diff = Math.Max(diff, Math.Abs(actual[i] - expected[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }
}
