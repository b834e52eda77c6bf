using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>∇_θ f(x) and ∇²_θ f(x) of the network output at one input, with plain loops (small P).</summary>
/// <remarks>∂f/∂aⱼ = σ(zⱼ), ∂f/∂w̃ⱼ = aⱼσ'(zⱼ)x̃, ∂f/∂β = 1; ∇²f couples aⱼ with w̃ⱼ through σ'(zⱼ)x̃ and w̃ⱼ with itself
/// through aⱼσ''(zⱼ)x̃x̃ᵀ; block diagonal over neurons, zero β row (paper A spec F1, paper B spec §5: an active
/// neuron's block has eigenvalues ±‖x̃‖ = ±√(1 + ‖x‖²) for k = 1 with a bias).</remarks>
public static class OutputDerivatives
{
    /// <summary>∇_θ f(x).</summary>
    public static double[] Gradient(TwoLayerNetwork network, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layout = network.Layout;
        var g = new double[layout.Count];
        var xt = Augment(network, x);
        for (int j = 0; j < network.Width; j++)
        {
            double z = Preactivation(network, j, xt);
            int o = layout.NeuronOffset(j);
            double d1 = network.Activation.Derivative(z), aj = network.OutputWeight(j);
            for (int k = 0; k < xt.Length; k++) g[o + k] = aj * d1 * xt[k];
            g[layout.OutputWeightIndex(j)] = network.Activation.Value(z);
        }
        if (layout.HasOutputBias) g[layout.OutputBiasIndex] = 1.0;
        return g;
    }

    /// <summary>∇²_θ f(x) as a dense symmetric matrix.</summary>
    public static DenseSymmetricOperator Hessian(TwoLayerNetwork network, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layout = network.Layout;
        int p = layout.Count;
        if (p > DenseHessian.MaxParameters) throw new ArgumentException($"a dense Hessian needs P <= {DenseHessian.MaxParameters}");
        var h = new double[p * p];
        var xt = Augment(network, x);
        for (int j = 0; j < network.Width; j++)
        {
            double z = Preactivation(network, j, xt);
            int o = layout.NeuronOffset(j), ia = layout.OutputWeightIndex(j);
            double d1 = network.Activation.Derivative(z), d2 = network.Activation.SecondDerivative(z), aj = network.OutputWeight(j);
            for (int k = 0; k < xt.Length; k++)
            {
                h[ia * p + o + k] = d1 * xt[k];
                h[(o + k) * p + ia] = d1 * xt[k];
                if (d2 != 0)
                    for (int l = 0; l < xt.Length; l++) h[(o + k) * p + o + l] = aj * d2 * xt[k] * xt[l];
            }
        }
        return new DenseSymmetricOperator(h, p);
    }

    private static double[] Augment(TwoLayerNetwork network, ReadOnlySpan<double> x)
    {
        if (x.Length != network.InputDimension) throw new ArgumentException("input dimension mismatch");
        var xt = new double[network.Layout.AugmentedDimension];
        x.CopyTo(xt);
        if (network.Layout.HasHiddenBias) xt[^1] = 1.0;
        return xt;
    }

    private static double Preactivation(TwoLayerNetwork network, int j, double[] xt)
    {
        var w = network.AugmentedHiddenWeight(j);
        double z = 0;
        for (int k = 0; k < xt.Length; k++) z += w[k] * xt[k];
        return z;
    }
}
