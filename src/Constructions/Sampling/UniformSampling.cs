using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Sampling;

/// <summary>Uniform points on the unit sphere S^{d−1} and in the unit ball B^d₁, by two independent routes for the ball.</summary>
/// <remarks>
/// <see cref="Sphere"/> normalises a standard Gaussian vector (its law is rotation invariant). <see cref="Ball"/> scales a
/// uniform direction by the radius U^{1/d} (P(‖X‖ ≤ r) = r^d). <see cref="BallFromSphere"/> takes the first d coordinates of
/// a uniform point on S^{d+1} (Voelker, Gosmann &amp; Stewart 2017, "Efficiently sampling vectors and coordinates from the
/// n-sphere and n-ball"; a consequence of Archimedes' projection theorem): a route independent of the radius law, used as
/// the reference wherever a check tests a formula that rests on P(‖X‖ ≤ r) = r^d.
/// </remarks>
public static class UniformSampling
{
    /// <summary>A point uniform in the unit ball B^d₁ (direction uniform on the sphere, radius U^{1/d}).</summary>
    public static double[] Ball(int d, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var v = new double[d];
        rng.FillGaussian(v);
        double norm = Math.Sqrt(v.Sum(t => t * t));
        double radius = Math.Pow(rng.NextDouble(), 1.0 / d);
        for (int k = 0; k < d; k++) v[k] *= radius / norm;
        return v;
    }

    /// <summary>A point uniform on the unit sphere S^{d−1}.</summary>
    public static double[] Sphere(int d, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var v = new double[d];
        rng.FillGaussian(v);
        double norm = Math.Sqrt(v.Sum(t => t * t));
        for (int k = 0; k < d; k++) v[k] /= norm;
        return v;
    }

    /// <summary>A point uniform in the shell {r ≤ ‖x‖ ≤ 1}, r = <paramref name="innerRadius"/> ∈ [0, 1): the radius by inverting
    /// P(‖X‖ ≤ ρ) = (ρ^d − r^d)/(1 − r^d), i.e. ρ = (r^d + U(1 − r^d))^{1/d}, then a uniform direction (<see cref="Sphere"/>).</summary>
    /// <remarks>The shell of a boundary atom's caps is r = 1 − ε² (paper B H.3–H.4, spec B-11).</remarks>
    public static double[] Shell(int d, double innerRadius, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(innerRadius >= 0 && innerRadius < 1))
            throw new ArgumentOutOfRangeException(nameof(innerRadius), innerRadius, "the inner radius must lie in [0, 1)");
        double a = Math.Pow(innerRadius, d);
        double r = Math.Pow(a + rng.NextDouble() * (1 - a), 1.0 / d);
        var v = Sphere(d, rng);
        for (int t = 0; t < d; t++) v[t] *= r;
        return v;
    }

    /// <summary>Writes a uniform point of B^d₁ into <paramref name="target"/> (length d), using d + 2 Gaussian draws: the
    /// first d coordinates of a uniform point on S^{d+1}.</summary>
    public static void BallFromSphere(Span<double> target, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        int d = target.Length;
        double sum = 0;
        for (int k = 0; k < d; k++)
        {
            target[k] = rng.NextGaussian();
            sum += target[k] * target[k];
        }
        double e1 = rng.NextGaussian(), e2 = rng.NextGaussian();
        double norm = Math.Sqrt(sum + e1 * e1 + e2 * e2);
        for (int k = 0; k < d; k++) target[k] /= norm;
    }
}
