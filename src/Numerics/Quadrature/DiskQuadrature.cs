using MathNet.Numerics;

namespace Flatness.Numerics.Quadrature;

/// <summary>Integrals over an annulus of the unit disk in polar coordinates, for integrands that are smooth in θ between
/// known breakpoints (kinks), e.g. sums of ReLU atoms.</summary>
/// <remarks>∫_{r₀ ≤ ‖x‖ ≤ 1} f(x) dx = ∫_{r₀}^{1} r ∫_0^{2π} f(r cos θ, r sin θ) dθ dr. The inner integral is split at the
/// breakpoints the caller supplies for each r and each piece is integrated by Gauss–Legendre (accurate, not exact, for the
/// smooth trigonometric pieces that squared ReLU atoms are between their kinks: the error shrinks quickly with the piece's
/// length — one full 2π piece of a low-degree trigonometric polynomial is off by about 4e-6 — so callers keep pieces short
/// by their kink cuts); the outer one by double-exponential
/// quadrature, which tolerates algebraic endpoint behaviour such as the onset of a cap at r₀.</remarks>
public static class DiskQuadrature
{
    /// <summary>∫ over {r₀ ≤ ‖x‖ ≤ 1} of f(x₁, x₂).</summary>
    /// <param name="f">The integrand f(x₁, x₂).</param>
    /// <param name="innerRadius">r₀ ∈ [0, 1).</param>
    /// <param name="breakpoints">For a radius r, the angles in [0, 2π) where f(r cos θ, r sin θ) has a kink.</param>
    /// <param name="order">Gauss–Legendre order per piece (default 24).</param>
    /// <param name="tolerance">Target accuracy of the outer double-exponential rule (default 1e-14).</param>
    public static double Integrate(Func<double, double, double> f, double innerRadius, Func<double, IEnumerable<double>> breakpoints,
        int order = 24, double tolerance = 1e-14)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(breakpoints);
        if (!(innerRadius >= 0 && innerRadius < 1))
            throw new ArgumentOutOfRangeException(nameof(innerRadius), innerRadius, "the inner radius must lie in [0, 1)");
        double Inner(double r)
        {
            var cuts = breakpoints(r).Select(a => ((a % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)).Append(0.0)
                .Append(2 * Math.PI).Distinct().Order().ToArray();
            double sum = 0;
            for (int i = 0; i + 1 < cuts.Length; i++)
                if (cuts[i + 1] > cuts[i])
                    sum += MathNet.Numerics.Integrate.GaussLegendre(t => f(r * Math.Cos(t), r * Math.Sin(t)), cuts[i], cuts[i + 1], order);
            return r * sum;
        }
        return MathNet.Numerics.Integrate.DoubleExponential(Inner, innerRadius, 1, tolerance);
    }
}
