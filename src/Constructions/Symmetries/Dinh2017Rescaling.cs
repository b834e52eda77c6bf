using Flatness.Numerics.Networks;

namespace Flatness.Constructions.Symmetries;

/// <summary>The layer-wise rescaling of Dinh, Pascanu, Bengio, Bengio (ICML 2017): T_α(θ₁, θ₂) = (αθ₁, α⁻¹θ₂).</summary>
/// <remarks>For k = 1, scaling every (wⱼ, bⱼ) by α and every aⱼ by 1/α leaves f unchanged (β is untouched). With
/// D_α = diag(αI₁, α⁻¹I₂): H₁₁ ↦ α⁻²H₁₁, H₂₂ ↦ α²H₂₂, H₁₂ unchanged, Tr H(α) = α⁻²Tr H₁₁ + α²Tr H₂₂ (paper A spec F3).</remarks>
public static class Dinh2017Rescaling
{
    /// <summary>Applies T_α (requires a degree-1 activation).</summary>
    public static TwoLayerNetwork Apply(TwoLayerNetwork network, double alpha)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!network.Activation.IsPiecewiseLinear) throw new ArgumentException("the layer-wise rescaling keeps f only for degree-1 activations");
        if (!(alpha > 0) || !double.IsFinite(alpha)) throw new ArgumentException("alpha must be positive and finite");
        var layout = network.Layout;
        var theta = network.Parameters.ToArray();
        for (int j = 0; j < network.Width; j++)
        {
            int o = layout.NeuronOffset(j);
            for (int t = 0; t < layout.AugmentedDimension; t++) theta[o + t] *= alpha;
            theta[layout.OutputWeightIndex(j)] /= alpha;
        }
        return network.WithParameters(theta);
    }

    /// <summary>Whether parameter p belongs to the first layer (w̃) rather than the second (a); β belongs to neither.</summary>
    public static bool IsFirstLayer(ParameterLayout layout, int p)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.HasOutputBias && p == layout.OutputBiasIndex) return false;
        return p % layout.NeuronBlock < layout.AugmentedDimension;
    }

    /// <summary>Whether parameter p is an output weight aⱼ.</summary>
    public static bool IsSecondLayer(ParameterLayout layout, int p)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.HasOutputBias && p == layout.OutputBiasIndex) return false;
        return p % layout.NeuronBlock == layout.AugmentedDimension;
    }
}
