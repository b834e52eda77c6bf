using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>The per-neuron rescaling symmetry (w̃ⱼ, aⱼ) ↦ (cⱼw̃ⱼ, cⱼ^{−k}aⱼ), cⱼ &gt; 0 (spec F2).</summary>
/// <remarks>σ(cz) = c^kσ(z) for c &gt; 0 makes cⱼ^{−k}aⱼσ(cⱼw̃ⱼᵀx̃) = aⱼσ(w̃ⱼᵀx̃): f, and both losses, are
/// unchanged everywhere; β is untouched.</remarks>
public static class PerNeuronRescaling
{
    /// <summary>Applies the rescaling c (one positive factor per neuron).</summary>
    public static TwoLayerNetwork Apply(TwoLayerNetwork network, ReadOnlySpan<double> factors)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layout = network.Layout;
        if (factors.Length != network.Width) throw new ArgumentException($"need {network.Width} factors, got {factors.Length}");
        if (OrbitMinimalTrace.NotApplicable(network.Activation) is string reason) throw new ArgumentException(reason);
        int k = network.Activation.Degree, dt = layout.AugmentedDimension;
        var theta = network.Parameters.ToArray();
        for (int j = 0; j < network.Width; j++)
        {
            double c = factors[j];
            if (!(c > 0) || !double.IsFinite(c)) throw new ArgumentException($"rescaling factor {j} must be positive and finite, got {c}");
            int o = layout.NeuronOffset(j);
            for (int t = 0; t < dt; t++) theta[o + t] *= c;
            theta[layout.OutputWeightIndex(j)] *= Math.Pow(c, -k);
        }
        return network.WithParameters(theta);
    }

    /// <summary>The balanced network: the rescaling that attains F*(θ), so its trace equals the orbit minimum.</summary>
    /// <exception cref="InvalidOperationException">The minimum is not attained or is −∞ (the message says which neuron and why).</exception>
    public static TwoLayerNetwork Balance(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse)
    {
        var orbit = OrbitMinimalTrace.Compute(network, data, loss);
        return Apply(network, orbit.Rescaling());
    }
}
