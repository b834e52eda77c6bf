namespace Flatness.Numerics.Statistics;

/// <summary>A least-squares line y ≈ intercept + slope·x with the slope's standard error.</summary>
/// <param name="Slope">β̂₁.</param>
/// <param name="Intercept">β̂₀.</param>
/// <param name="SlopeStandardError">√(s²/Σ(xᵢ − x̄)²) with s² = RSS/(n − 2) (∞ for n = 2).</param>
/// <param name="Points">n.</param>
public sealed record LinearFitResult(double Slope, double Intercept, double SlopeStandardError, int Points)
{
    /// <summary>Student-t bounds on the slope with n − 2 degrees of freedom (Gaussian errors, independent points).</summary>
    public StudentBounds SlopeBounds() => new(Slope, SlopeStandardError, Points - 2);
}

/// <summary>Ordinary least squares for one regressor (fitted rates on log–log axes).</summary>
public static class LinearFit
{
    /// <summary>Fits y ≈ β₀ + β₁x.</summary>
    public static LinearFitResult Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = x.Count;
        if (n != y.Count || n < 2) throw new ArgumentException("need at least two (x, y) pairs of equal length");
        double mx = x.Average(), my = y.Average();
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (sxx == 0) throw new ArgumentException("x values must not all be equal");
        double slope = sxy / sxx, intercept = my - slope * mx;
        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double r = y[i] - intercept - slope * x[i];
            rss += r * r;
        }
        double se = n > 2 ? Math.Sqrt(rss / (n - 2) / sxx) : double.PositiveInfinity;
        return new LinearFitResult(slope, intercept, se, n);
    }

    /// <summary>Normal bounds on the least-squares slope of y on x when each yᵢ carries a known, independent standard
    /// error σᵢ (e.g. each point a Monte Carlo estimate with its own SE): SE(β̂₁) = √(Σ(xᵢ − x̄)²σᵢ²)/Σ(xᵢ − x̄)².</summary>
    /// <remarks>β̂₁ = Σ(xᵢ − x̄)yᵢ/Sxx is linear in y, so Var β̂₁ = Σ(xᵢ − x̄)²σᵢ²/Sxx² for independent yᵢ; unlike
    /// <see cref="LinearFitResult.SlopeBounds"/> it does not estimate the error from the residuals (with 4 points, 2 degrees
    /// of freedom), and it contains no lack-of-fit: use it where the line is exact in the limit and only the points are noisy.</remarks>
    /// <param name="x">Abscissae (not all equal).</param>
    /// <param name="y">Ordinates.</param>
    /// <param name="yStandardErrors">σᵢ ≥ 0, one per point.</param>
    public static NormalBounds SlopeBoundsWithKnownErrors(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> yStandardErrors)
    {
        ArgumentNullException.ThrowIfNull(yStandardErrors);
        var fit = Fit(x, y);
        if (yStandardErrors.Count != x.Count) throw new ArgumentException("one standard error per point is needed");
        double mx = x.Average(), sxx = 0, v = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx;
            sxx += dx * dx;
            v += dx * dx * yStandardErrors[i] * yStandardErrors[i];
        }
        return new NormalBounds(fit.Slope, Math.Sqrt(v) / sxx, x.Count);
    }
}
