using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Sampling;

/// <summary>Uniform points in B^d₁ by a route independent of the radius law r = U^{1/d}: the first d coordinates of a
/// uniform point on S^{d+1} (Voelker, Gosmann &amp; Stewart 2017, "Efficiently sampling vectors and coordinates from the
/// n-sphere and n-ball"; a consequence of Archimedes' projection theorem).</summary>
/// <remarks>Used as an independent reference wherever a check tests a formula that rests on P(‖X‖ ≤ r) = r^d.</remarks>
public static class BallSampling
{
    /// <summary>Writes a uniform point of B^d₁ into <paramref name="target"/> (length d), using d + 2 Gaussian draws.</summary>
    public static void UniformBallFromSphere(Span<double> target, Rng rng)
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
