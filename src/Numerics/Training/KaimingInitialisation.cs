using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Training;

/// <summary>Kaiming (He et al. 2015) initialisation of a 2-layer network, fan-in variant, normal distribution.</summary>
/// <remarks>Paper B §9 says "Kaiming initialisation" without the variant; this suite uses: hidden weights
/// wⱼₖ ~ N(0, 2/d) (fan-in d, ReLU gain √2); output weights aⱼ ~ N(0, 1/m) (fan-in m, linear gain 1); hidden biases
/// bⱼ and the output bias β ~ U(−1/√fan_in, 1/√fan_in) (fan-in d and m), PyTorch's default bias of nn.Linear.
/// Draw order: for each neuron j, wⱼ₁..wⱼd, bⱼ, aⱼ; then β.</remarks>
public static class KaimingInitialisation
{
    /// <summary>A description of the variant for reports.</summary>
    public const string Description =
        "Kaiming normal, fan-in: w ~ N(0, 2/d), a ~ N(0, 1/m); biases b ~ U(-1/sqrt(d), 1/sqrt(d)), beta ~ U(-1/sqrt(m), 1/sqrt(m))";

    /// <summary>Samples θ for the layout.</summary>
    public static double[] Sample(ParameterLayout layout, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rng);
        int d = layout.InputDimension, m = layout.Width;
        double sw = Math.Sqrt(2.0 / d), sa = Math.Sqrt(1.0 / m), bb = 1 / Math.Sqrt(d), bo = 1 / Math.Sqrt(m);
        var theta = new double[layout.Count];
        for (int j = 0; j < m; j++)
        {
            int o = layout.NeuronOffset(j);
            for (int k = 0; k < d; k++) theta[o + k] = sw * rng.NextGaussian();
            if (layout.HasHiddenBias) theta[o + d] = rng.NextUniform(-bb, bb);
            theta[layout.OutputWeightIndex(j)] = sa * rng.NextGaussian();
        }
        if (layout.HasOutputBias) theta[layout.OutputBiasIndex] = rng.NextUniform(-bo, bo);
        return theta;
    }
}
