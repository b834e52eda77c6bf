using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Interpolators;

/// <summary>A label-independent (random-feature) interpolator, spec §7 class (c): a random first layer (rows uniform on the
/// unit sphere, drawn without looking at the labels) and the minimum-norm interpolating output weights.</summary>
public static class RandomFeatureInterpolator
{
    /// <summary>Draws m ≥ n random unit rows and fits a = Φᵀ(ΦΦᵀ)⁻¹y (<see cref="MinimumNormInterpolator"/>).</summary>
    /// <remarks>A draw in which some sample has σ(uⱼᵀxᵢ) = 0 for every row (a zero row of Φ: for ReLU, probability about
    /// n·2⁻ᵐ) cannot interpolate that sample's label; it is redrawn (the next rows of the same stream), so every
    /// non-degenerate draw is the one it always was. After <see cref="MaximumDraws"/> draws (a sample no row can reach,
    /// e.g. x = 0 for ReLU) the last draw is fitted and its residual says so.</remarks>
    public static Construction Build(Activation activation, Dataset data, int width, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rng);
        var rows = new double[width][];
        int draws = 0;
        do
        {
            for (int j = 0; j < width; j++) rows[j] = Teachers.Teacher.RandomDirection(data.InputDimension, rng);
        }
        while (++draws < MaximumDraws && HasDeadSample(activation, data, rows));
        var draft = TwoLayerNetwork.FromWeights(activation, new double[width], rows);
        var (net, residual) = MinimumNormInterpolator.Fit(draft, data);
        return new Construction(net, residual);
    }

    /// <summary>How many draws of the first layer <see cref="Build"/> makes at most.</summary>
    public const int MaximumDraws = 64;

    /// <summary>Whether some sample has σ(uⱼᵀxᵢ) = 0 for every row j (a zero row of the feature matrix Φ).</summary>
    public static bool HasDeadSample(Activation activation, Dataset data, IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.Input(i);
            bool live = false;
            foreach (var u in rows)
                if (activation.Value(FixedOrder.Dot(u, x)) != 0) { live = true; break; }
            if (!live) return true;
        }
        return false;
    }
}
