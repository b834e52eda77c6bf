namespace Flatness.Numerics.Statistics;

/// <summary>The standard normal density φ, distribution function Φ, upper tail Q = 1 − Φ and Mills ratio Q/φ, to a few
/// units in the last place (ulps) on the whole real line; the building blocks of the GELU activation.</summary>
/// <remarks>
/// <para>φ(x) = e^{−x²/2}/√(2π). The exponent is formed exactly: x² = h + ℓ with h = fl(x·x) and ℓ = fma(x, x, −h), and
/// e^{−x²/2} = e^{−h/2}(1 − ℓ/2) to within ℓ² ≤ 2⁻¹⁰⁶h²; h/2 is exact, so only the exponential's own rounding remains
/// (a naive e^{−fl(x²)/2} has relative error up to x²·2⁻⁵⁴, 8·10⁻¹⁴ at x = 37).</para>
/// <para>Q(x) = φ(x)·M(x) for x ≥ 0, with the Mills ratio M(x) = Q(x)/φ(x) (smooth, decreasing from √(π/2) at 0, ~1/x for
/// large x) from Chebyshev series: of M on [0, 1], [1, 2], [2, 4], [4, 8], and of x·M(x) in 64/x² on [8, ∞), with
/// coefficients computed by mpmath at 50 digits (<c>make_mills_ratio.py</c> beside this file). Q is therefore relatively
/// accurate however small it is (no 1 − Φ cancellation, no erfc of a rounded argument x/√2); Φ(z) = Q(−z) for z ≤ 0
/// and 1 − Q(z) for z &gt; 0, where Q(z) ≤ 1/2 so the subtraction loses at most one bit.</para>
/// <para>Accuracy (checked against mpmath references in StandardNormalTests): relative error at most 8 ulps for φ, Q, Φ and
/// M wherever the value is a normal double (|x| ≤ 37.5); below 2⁻¹⁰²² (subnormal) the error is at most 8·2⁻¹⁰⁷⁴, and x ≥ 38.6
/// gives φ = Q = 0, the correctly rounded result. No input overflows: φ(x) = 0 for |x| ≥ 39, where x² may not be finite.</para>
/// </remarks>
public static partial class StandardNormal
{
    /// <summary>1/√(2π), rounded to double.</summary>
    private const double InverseSqrtTwoPi = 0.39894228040143267794;

    /// <summary>|x| at and beyond which φ(x) &lt; 2⁻¹⁰⁷⁵ rounds to 0 (e^{−39²/2} ≈ 1.1·10⁻³³⁰).</summary>
    private const double DensityCutoff = 39.0;

    /// <summary>φ(x) = e^{−x²/2}/√(2π), with x² split exactly (see the remarks of the class).</summary>
    public static double Density(double x)
    {
        double ax = Math.Abs(x);
        if (!(ax < DensityCutoff)) return double.IsNaN(x) ? double.NaN : 0.0;
        double h = ax * ax;
        double l = Math.FusedMultiplyAdd(ax, ax, -h);
        return InverseSqrtTwoPi * (Math.Exp(-0.5 * h) * (1 - 0.5 * l));
    }

    /// <summary>The Mills ratio M(x) = Q(x)/φ(x) = e^{x²/2}∫ₓ^∞ e^{−t²/2} dt for x ≥ 0 (Chebyshev series, see remarks).</summary>
    /// <exception cref="ArgumentOutOfRangeException">x &lt; 0 or NaN (M grows like e^{x²/2} there; use Q instead).</exception>
    public static double MillsRatio(double x)
    {
        if (!(x >= 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "the Mills ratio is tabulated for x >= 0");
        if (x <= 1) return Clenshaw(s_interval0To1, 2 * x - 1);
        if (x <= 2) return Clenshaw(s_interval1To2, 2 * x - 3);
        if (x <= 4) return Clenshaw(s_interval2To4, x - 3);
        if (x <= 8) return Clenshaw(s_interval4To8, 0.5 * x - 3);
        return Clenshaw(s_tail, 128 / (x * x) - 1) / x;
    }

    /// <summary>The upper tail Q(x) = 1 − Φ(x) = Φ(−x), relatively accurate for every x.</summary>
    public static double UpperTail(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 1 - UpperTail(-x);
        return Density(x) * MillsRatio(x);
    }

    /// <summary>Φ(z) = P(N(0, 1) ≤ z) = ½ erfc(−z/√2).</summary>
    public static double Cdf(double z) => z <= 0 ? UpperTail(-z) : 1 - UpperTail(z);

    /// <summary>φ(z) and Φ(z) sharing one exponential: φ(|z|) and Q(|z|) = φ(|z|)M(|z|).</summary>
    /// <returns>(Φ(z), φ(z)); bit-identical to <see cref="Cdf"/> and <see cref="Density"/>.</returns>
    public static (double Cdf, double Density) CdfAndDensity(double z)
    {
        double ax = Math.Abs(z);
        double phi = Density(ax);
        double q = double.IsNaN(z) ? double.NaN : phi * MillsRatio(ax);
        return (z <= 0 ? q : 1 - q, phi);
    }

    /// <summary>Σ' cⱼTⱼ(t) by Clenshaw's recurrence (c₀ stored halved).</summary>
    private static double Clenshaw(double[] c, double t)
    {
        double b1 = 0, b2 = 0, t2 = 2 * t;
        for (int j = c.Length - 1; j >= 1; j--)
        {
            double b0 = Math.FusedMultiplyAdd(t2, b1, c[j] - b2);
            b2 = b1;
            b1 = b0;
        }
        return Math.FusedMultiplyAdd(t, b1, c[0] - b2);
    }
}
