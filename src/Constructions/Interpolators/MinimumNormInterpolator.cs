using Flatness.Numerics.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Constructions.Interpolators;

/// <summary>Given a fixed first layer, the minimum-norm output weights that interpolate the data (paper A spec A-07).</summary>
/// <remarks>With Φᵢⱼ = σ(w̃ⱼᵀx̃ᵢ) (n×m, m ≥ n, full row rank), a = Φᵀ(ΦΦᵀ)⁻¹(y − β) solves Φa = y − β with the
/// smallest ‖a‖. The residual is reported so callers can reject ill-conditioned draws.</remarks>
public static class MinimumNormInterpolator
{
    /// <summary>Replaces the output weights of <paramref name="network"/> by the minimum-norm interpolating ones.</summary>
    /// <returns>The interpolating network and max |f(xᵢ) − yᵢ| (+∞, with the input network, when ΦΦᵀ is singular).</returns>
    public static (TwoLayerNetwork Network, double MaxResidual) Fit(TwoLayerNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Count, m = network.Width;
        if (m < n) throw new ArgumentException($"interpolation by the output layer needs m >= n (m = {m}, n = {n})");
        var phi = Matrix<double>.Build.Dense(n, m);
        for (int i = 0; i < n; i++)
        {
            var x = data.Input(i);
            for (int j = 0; j < m; j++)
            {
                var w = network.HiddenWeight(j);
                double z = network.HiddenBias(j);
                for (int k = 0; k < x.Length; k++) z += w[k] * x[k];
                phi[i, j] = network.Activation.Value(z);
            }
        }
        var y = Vector<double>.Build.Dense(n, i => data.Target(i) - network.OutputBias);
        var gram = phi * phi.Transpose();
        var a = phi.Transpose() * gram.Solve(y);
        if (a.Any(v => !double.IsFinite(v))) return (network, double.PositiveInfinity);
        var layout = network.Layout;
        var theta = network.Parameters.ToArray();
        for (int j = 0; j < m; j++) theta[layout.OutputWeightIndex(j)] = a[j];
        var fitted = network.WithParameters(theta);
        var f = fitted.Predict(data);
        double maxResidual = 0;
        for (int i = 0; i < n; i++) maxResidual = Math.Max(maxResidual, Math.Abs(f[i] - data.Target(i)));
        return (fitted, maxResidual);
    }
}
