using MathNet.Numerics;

namespace Flatness.Constructions.Shattering;

/// <summary>Area of a spherical cap as a fraction of S^{d−1}, and the area bounds on a cap packing (paper B spec §8, H.3).</summary>
/// <remarks>For V uniform on S^{d−1} (d ≥ 2), V₁² ~ Beta(½, (d − 1)/2), so the cap {v : uᵀv ≥ cos r} of angular radius
/// r ∈ [0, π/2] has area fraction F(d, r) = ½ I_{sin²r}((d − 1)/2, ½), and F(d, r) = 1 − F(d, π − r) for r ∈ (π/2, π].
/// d = 2: F = r/π; d = 3: F = (1 − cos r)/2 (Archimedes). Packing bounds: N disjoint caps of radius ρ have N·F(d, ρ) ≤ 1;
/// a packing whose centres' 2ρ-caps cover at least a share 1 − ω of the sphere has N·F(d, 2ρ) ≥ 1 − ω.</remarks>
public static class SphericalCap
{
    /// <summary>F(d, r): the area of {v ∈ S^{d−1} : uᵀv ≥ cos r} over the area of S^{d−1}.</summary>
    /// <param name="d">Dimension of the ambient space, ≥ 2.</param>
    /// <param name="r">Angular radius in [0, π].</param>
    public static double AreaFraction(int d, double r)
    {
        if (d < 2) throw new ArgumentOutOfRangeException(nameof(d), d, "caps are defined on S^{d-1} for d >= 2");
        if (!(r >= 0 && r <= Math.PI)) throw new ArgumentOutOfRangeException(nameof(r), r, "the angular radius must lie in [0, pi]");
        if (r > Math.PI / 2) return 1 - AreaFraction(d, Math.PI - r);
        double s = Math.Sin(r);
        return 0.5 * SpecialFunctions.BetaRegularized((d - 1) / 2.0, 0.5, s * s);
    }

    /// <summary>The angular radius ρ = arccos(1 − ε²) of the cap on which the atom Φ_{u,ε²} lives.</summary>
    public static double AngularRadius(double epsilon) => Math.Acos(1 - epsilon * epsilon);
}
