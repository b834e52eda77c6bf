using Flatness.Numerics.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Constructions.Interpolators;

/// <summary>A construction with its largest interpolation residual max |f(xᵢ) − yᵢ|.</summary>
/// <param name="Network">The interpolating network.</param>
/// <param name="MaxResidual">max over the sample of |f(xᵢ) − yᵢ| (+∞ when the linear system was singular).</param>
public sealed record Construction(TwoLayerNetwork Network, double MaxResidual);

/// <summary>The memorising interpolator of paper A spec A-D5: one neuron per sample, wₗ = xₗ, a = Φ⁻¹y with
/// Φᵢₗ = σ(xᵢᵀxₗ).</summary>
/// <remarks>Φ is symmetric (Φᵢₗ = σ(xᵢᵀxₗ) = Φₗᵢ) and, for n ≪ d, close to diag(σ(‖xᵢ‖²)), so invertible; then
/// f(xᵢ) = Σₗ aₗσ(xₗᵀxᵢ) = (Φa)ᵢ = yᵢ. Its F* ≈ (2/ν)2√2√(d(n+1))·mean|y| (ReLU), orderwise above the teacher's.</remarks>
public static class Memoriser
{
    /// <summary>Builds the memoriser of <paramref name="data"/> with activation σ.</summary>
    public static Construction Build(Activation activation, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Count, d = data.InputDimension;
        var phi = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int l = 0; l <= i; l++)
            {
                double v = activation.Value(System.Numerics.Tensors.TensorPrimitives.Dot(data.Input(i), data.Input(l)));
                phi[i, l] = v;
                phi[l, i] = v;
            }
        var y = Vector<double>.Build.Dense(n, data.Target);
        var a = phi.Solve(y);
        var rows = Enumerable.Range(0, n).Select(l => (IReadOnlyList<double>)data.Input(l).ToArray()).ToArray();
        var net = TwoLayerNetwork.FromWeights(activation, a.ToArray(), rows);
        return new Construction(net, Residual.Max(net, data));
    }
}

/// <summary>max |f(xᵢ) − yᵢ|.</summary>
public static class Residual
{
    /// <summary>The largest interpolation residual of <paramref name="network"/> on <paramref name="data"/> (+∞ if not finite).</summary>
    public static double Max(TwoLayerNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var f = network.Predict(data);
        double r = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double e = Math.Abs(f[i] - data.Target(i));
            if (!double.IsFinite(e)) return double.PositiveInfinity;
            r = Math.Max(r, e);
        }
        return r;
    }
}
