using Flatness.Numerics.Networks;

namespace Flatness.Numerics.References;

/// <summary>Plain-loop references for a 2-layer network's output, loss and gradient, written from the definitions and
/// sharing no code with the engines they check (the blocked forward pass, <c>FullBatchGradient</c>,
/// <c>LossGradient</c>, the activations' own <c>Value</c>): the foundation claims compare the engines with these.</summary>
/// <remarks>
/// σ is re-implemented here from the activation's name and parameters: ReLU z₊, leaky ReLU max(z, αz), |z|, ReLU-power
/// z₊ᵏ (paper A spec §2). f(x) = β + Σⱼ aⱼσ(wⱼᵀx + bⱼ); L̂_ν = (1/(νn))Σᵢ(f(xᵢ) − yᵢ)²; the gradient by central
/// differences (L̂(θ + heₚ) − L̂(θ − heₚ))/(2h), error O(h²) from truncation plus O(ε/h) from rounding. Slow on
/// purpose: one loop per definition, no blocking, no SIMD.
/// </remarks>
public static class ReferenceNetwork
{
    /// <summary>σ(z) written from its definition (ReLU, leaky ReLU, |z|, ReLU powers).</summary>
    /// <exception cref="ArgumentException">Another activation (no reference is written for it).</exception>
    public static double Sigma(Activation activation, double z) => activation switch
    {
        Relu => z > 0 ? z : 0,
        LeakyRelu l => z > 0 ? z : l.Slope * z,
        AbsoluteValue => z < 0 ? -z : z,
        ReluPower p => z > 0 ? Power(z, p.Degree) : 0,
        null => throw new ArgumentNullException(nameof(activation)),
        _ => throw new ArgumentException($"no reference is written for {activation}"),
    };

    /// <summary>f(x; θ) for θ laid out as <see cref="ParameterLayout"/> describes, with plain loops.</summary>
    public static double Output(Activation activation, ParameterLayout layout, ReadOnlySpan<double> theta, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(layout);
        int d = layout.InputDimension, block = d + (layout.HasHiddenBias ? 1 : 0) + 1;
        if (theta.Length != layout.Count || x.Length != d) throw new ArgumentException("θ or x has the wrong length");
        double f = layout.HasOutputBias ? theta[layout.Width * block] : 0;
        for (int j = 0; j < layout.Width; j++)
        {
            int o = j * block;
            double z = layout.HasHiddenBias ? theta[o + d] : 0;
            for (int k = 0; k < d; k++) z += theta[o + k] * x[k];
            f += theta[o + block - 1] * Sigma(activation, z);
        }
        return f;
    }

    /// <summary>L̂_ν(θ) = (1/(νn))Σᵢ(f(xᵢ; θ) − yᵢ)², with plain loops.</summary>
    public static double Loss(Activation activation, ParameterLayout layout, ReadOnlySpan<double> theta, Dataset data, LossConvention loss)
    {
        ArgumentNullException.ThrowIfNull(data);
        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double r = Output(activation, layout, theta, data.Input(i)) - data.Target(i);
            sum += r * r;
        }
        return sum / ((int)loss * (double)data.Count);
    }

    /// <summary>L̂_ν of a network (its θ read through <see cref="TwoLayerNetwork.Parameters"/>).</summary>
    public static double Loss(TwoLayerNetwork network, Dataset data, LossConvention loss)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Loss(network.Activation, network.Layout, network.Parameters, data, loss);
    }

    /// <summary>∇L̂_ν by central differences of <see cref="Loss(Activation, ParameterLayout, ReadOnlySpan{double}, Dataset, LossConvention)"/>
    /// with step <paramref name="step"/> (the caller keeps every |zᵢⱼ| well above step·‖x̃ᵢ‖ so no kink is crossed).</summary>
    public static double[] CentralDifferenceGradient(TwoLayerNetwork network, Dataset data, LossConvention loss, double step)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(step > 0)) throw new ArgumentOutOfRangeException(nameof(step), "the step must be positive");
        var theta = network.Parameters.ToArray();
        var g = new double[theta.Length];
        for (int p = 0; p < theta.Length; p++)
        {
            double t = theta[p];
            theta[p] = t + step;
            double plus = Loss(network.Activation, network.Layout, theta, data, loss);
            theta[p] = t - step;
            double minus = Loss(network.Activation, network.Layout, theta, data, loss);
            theta[p] = t;
            g[p] = (plus - minus) / (2 * step);
        }
        return g;
    }

    private static double Power(double z, int k)
    {
        double r = 1;
        for (int i = 0; i < k; i++) r *= z;
        return r;
    }
}
