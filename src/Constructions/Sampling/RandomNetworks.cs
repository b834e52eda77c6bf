using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Sampling;

/// <summary>Seeded random networks and inputs for the claims' property checks.</summary>
public static class RandomNetworks
{
    /// <summary>θ with i.i.d. N(0, 1) entries.</summary>
    public static TwoLayerNetwork Gaussian(Activation activation, ParameterLayout layout, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rng);
        var theta = new double[layout.Count];
        rng.FillGaussian(theta);
        return new TwoLayerNetwork(activation, layout, theta);
    }

    /// <summary>n inputs with i.i.d. N(0, 1) entries, redrawn until every |zᵢⱼ| ≥ <paramref name="kinkMargin"/> (so
    /// finite differences with steps well below the margin never cross a kink), with targets yᵢ = f(xᵢ) when
    /// <paramref name="interpolate"/>, else i.i.d. N(0, 1).</summary>
    public static Dataset GaussianData(TwoLayerNetwork network, int n, Rng rng, bool interpolate, double kinkMargin = 0.05)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(rng);
        int d = network.InputDimension;
        var x = new double[n * d];
        var xi = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int attempt = 0; attempt < 10000; attempt++)
            {
                rng.FillGaussian(xi);
                if (MinAbsPreactivation(network, xi) >= kinkMargin) break;
            }
            xi.CopyTo(x, i * d);
        }
        var y = new double[n];
        rng.FillGaussian(y);
        var data = new Dataset(x, y, d);
        return interpolate ? data.WithTargets(network.Predict(data)) : data;
    }

    private static double MinAbsPreactivation(TwoLayerNetwork net, double[] x)
    {
        double best = double.PositiveInfinity;
        for (int j = 0; j < net.Width; j++)
        {
            var w = net.HiddenWeight(j);
            double z = net.HiddenBias(j);
            for (int k = 0; k < x.Length; k++) z += w[k] * x[k];
            best = Math.Min(best, Math.Abs(z));
        }
        return best;
    }
}
