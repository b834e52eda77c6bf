using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Training;

/// <summary>How the parameters of a 2-layer network f(x) = Σⱼ aⱼσ(wⱼᵀx + bⱼ) + β are drawn before training.</summary>
public enum InitialisationScheme
{
    /// <summary>PyTorch's default for <c>nn.Linear</c> (<c>reset_parameters</c>: <c>kaiming_uniform_(a = √5)</c> for the
    /// weight, U(±1/√fan_in) for the bias): every weight and bias of a layer ~ U(−1/√fan_in, 1/√fan_in), fan_in = d for
    /// the hidden layer and m for the output layer. "Standard Kaiming initialisation" to a PyTorch user.</summary>
    PyTorchDefault,

    /// <summary>He et al. (2015) normal, fan-in: wⱼₖ ~ N(0, 2/d) (ReLU gain √2), aⱼ ~ N(0, 1/m) (gain 1); biases as
    /// <see cref="PyTorchDefault"/> (<c>kaiming_normal_(nonlinearity='relu')</c> on the weights only).</summary>
    HeNormal,
}

/// <summary>Draws θ₀ by an <see cref="InitialisationScheme"/>. Draw order: for each neuron j, wⱼ₁..wⱼd, bⱼ, aⱼ; then β.</summary>
public static class Initialisation
{
    /// <summary>The scheme in words, for reports.</summary>
    public static string Describe(InitialisationScheme scheme) => scheme switch
    {
        InitialisationScheme.PyTorchDefault =>
            "PyTorch's nn.Linear default (kaiming_uniform_(a=sqrt 5)): w, b ~ U(-1/sqrt(d), 1/sqrt(d)); a, beta ~ U(-1/sqrt(m), 1/sqrt(m))",
        _ => "He normal, fan-in: w ~ N(0, 2/d), a ~ N(0, 1/m); biases b ~ U(-1/sqrt(d), 1/sqrt(d)), beta ~ U(-1/sqrt(m), 1/sqrt(m))",
    };

    /// <summary>Samples θ for <paramref name="layout"/>.</summary>
    public static double[] Sample(InitialisationScheme scheme, ParameterLayout layout, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rng);
        int d = layout.InputDimension, m = layout.Width;
        double hidden = 1 / Math.Sqrt(d), output = 1 / Math.Sqrt(m);
        var theta = new double[layout.Count];
        for (int j = 0; j < m; j++)
        {
            int o = layout.NeuronOffset(j);
            for (int k = 0; k < d; k++)
                theta[o + k] = scheme == InitialisationScheme.PyTorchDefault ? rng.NextUniform(-hidden, hidden) : Math.Sqrt(2.0 / d) * rng.NextGaussian();
            if (layout.HasHiddenBias) theta[o + d] = rng.NextUniform(-hidden, hidden);
            theta[layout.OutputWeightIndex(j)] = scheme == InitialisationScheme.PyTorchDefault ? rng.NextUniform(-output, output) : output * rng.NextGaussian();
        }
        if (layout.HasOutputBias) theta[layout.OutputBiasIndex] = rng.NextUniform(-output, output);
        return theta;
    }
}
