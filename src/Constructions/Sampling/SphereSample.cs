using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Sampling;

/// <summary>Samples with inputs uniform on the sphere of radius √d (the non-Gaussian probe of paper A's claim A-17).</summary>
public static class SphereSample
{
    /// <summary>n inputs uniform on √d·S^{d−1} (<see cref="SpherePopulationLoss.Sample"/>) with clean labels g(xᵢ).</summary>
    public static Dataset Draw(TwoLayerNetwork target, int samples, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        int d = target.InputDimension;
        var x = new double[samples * d];
        for (int i = 0; i < samples; i++) SpherePopulationLoss.Sample(x.AsSpan(i * d, d), rng);
        var data = new Dataset(x, new double[samples], d);
        return data.WithTargets(target.Predict(data));
    }
}
