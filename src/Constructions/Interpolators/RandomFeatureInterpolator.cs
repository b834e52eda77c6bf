using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Interpolators;

/// <summary>A label-independent (random-feature) interpolator, spec §7 class (c): a random first layer (rows uniform on the
/// unit sphere, drawn without looking at the labels) and the minimum-norm interpolating output weights.</summary>
public static class RandomFeatureInterpolator
{
    /// <summary>Draws m ≥ n random unit rows and fits a = Φᵀ(ΦΦᵀ)⁻¹y (<see cref="MinimumNormInterpolator"/>).</summary>
    public static Construction Build(Activation activation, Dataset data, int width, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rng);
        var rows = new IReadOnlyList<double>[width];
        for (int j = 0; j < width; j++) rows[j] = Teachers.Teacher.RandomDirection(data.InputDimension, rng);
        var draft = TwoLayerNetwork.FromWeights(activation, new double[width], rows);
        var (net, residual) = MinimumNormInterpolator.Fit(draft, data);
        return new Construction(net, residual);
    }
}
