using MathNet.Numerics;

namespace Flatness.Numerics.Quadrature;

/// <summary>Gaussian expectations in one and two dimensions by composite Gauss–Legendre quadrature, split at the
/// integrand's kinks: references for closed forms such as the arc-cosine kernels, independent of them.</summary>
/// <remarks>
/// <para>Line: E f(x) for x ~ N(0, 1) is ∫ f(x)φ(x) dx over [−R, R], R = <see cref="Radius"/>, cut at the caller's
/// breakpoints and into panels of length at most 1, each integrated by Gauss–Legendre of the given order. The mass
/// beyond R = 12 is 2Φ̄(12) ≈ 3.6·10⁻³³, so for integrands of polynomial growth the truncation is far below rounding; on a
/// unit panel φ is entire and a 20-point rule integrates it (times a polynomial of low degree) to rounding.</para>
/// <para>Plane: E f(x) for x ~ N(0, I₂) in polar coordinates, (1/2π)∫₀^R r e^{−r²/2} ∫₀^{2π} f(r cos θ, r sin θ) dθ dr.
/// The angular integral is cut at the caller's kink angles (for bias-free units σ(wᵀx), the two angles where wᵀx = 0,
/// the same at every radius) and into panels of at most π/4, each integrated by Gauss–Legendre: between kinks a
/// ReLU-power integrand is a trigonometric polynomial of low degree (cos kθ with k ≤ 8 for products of four ReLU² units),
/// which a 20-point rule on a panel of length π/4 integrates to rounding. The radial integral is the composite rule of
/// the line.</para>
/// </remarks>
public static class GaussianQuadrature
{
    /// <summary>R = 12: the truncation radius of both rules.</summary>
    public const double Radius = 12.0;

    /// <summary>Default Gauss–Legendre order per panel or angular piece.</summary>
    public const int DefaultOrder = 20;

    private static readonly double s_invSqrt2Pi = 1 / Math.Sqrt(2 * Math.PI);

    /// <summary>E f(x) for x ~ N(0, 1).</summary>
    /// <param name="f">The integrand, smooth between <paramref name="breakpoints"/>.</param>
    /// <param name="breakpoints">Points where f has a kink or jump (those outside [−R, R] are ignored).</param>
    /// <param name="order">Gauss–Legendre order per panel (≥ 2).</param>
    public static double Line(Func<double, double> f, IEnumerable<double> breakpoints, int order = DefaultOrder)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(breakpoints);
        return Composite(x => f(x) * Math.Exp(-0.5 * x * x) * s_invSqrt2Pi, Cuts(breakpoints, -Radius, Radius), 1.0, order);
    }

    /// <summary>E f(x₁, x₂) for (x₁, x₂) ~ N(0, I₂).</summary>
    /// <param name="f">The integrand, smooth in θ between <paramref name="kinkAngles"/> on every circle.</param>
    /// <param name="kinkAngles">Angles (radians, any range) where f(r cos θ, r sin θ) has a kink, for every r.</param>
    /// <param name="order">Gauss–Legendre order per angular piece and radial panel (≥ 2).</param>
    public static double Plane(Func<double, double, double> f, IEnumerable<double> kinkAngles, int order = DefaultOrder)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(kinkAngles);
        var cuts = Cuts(kinkAngles.Select(a => ((a % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)), 0, 2 * Math.PI);
        double Angular(double r) => Composite(t => f(r * Math.Cos(t), r * Math.Sin(t)), cuts, Math.PI / 4, order);
        return Composite(r => r * Math.Exp(-0.5 * r * r) * Angular(r), Cuts([], 0, Radius), 1.0, order) / (2 * Math.PI);
    }

    /// <summary>The angles θ ∈ [0, 2π) where wᵀ(cos θ, sin θ) = 0 (none for w = 0): the kinks of σ(wᵀx) in the plane.</summary>
    public static double[] KinkAngles(double w1, double w2)
    {
        if (w1 == 0 && w2 == 0) return [];
        double a = Math.Atan2(w2, w1) + Math.PI / 2;
        return [a, a + Math.PI];
    }

    /// <summary>∫ g over [cuts₀, cuts_last] by Gauss–Legendre on panels of length ≤ <paramref name="panel"/> between the cuts.</summary>
    private static double Composite(Func<double, double> g, double[] cuts, double panel, int order)
    {
        if (order < 2) throw new ArgumentOutOfRangeException(nameof(order), order, "the order must be at least 2");
        double sum = 0;
        for (int i = 0; i + 1 < cuts.Length; i++)
        {
            double lo = cuts[i], hi = cuts[i + 1];
            int panels = (int)Math.Ceiling((hi - lo) / panel);
            for (int p = 0; p < panels; p++)
            {
                double p0 = lo + (hi - lo) * p / panels, p1 = lo + (hi - lo) * (p + 1) / panels;
                sum += Integrate.GaussLegendre(g, p0, p1, order);
            }
        }
        return sum;
    }

    private static double[] Cuts(IEnumerable<double> points, double a, double b) =>
        points.Where(t => t > a && t < b).Append(a).Append(b).Distinct().Order().ToArray();
}
