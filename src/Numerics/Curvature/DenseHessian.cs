using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>The dense Hessian ∇²L̂_ν assembled sample by sample with plain loops: the reference for small P.</summary>
/// <remarks>H = 2/(νn) Σᵢ [∇fᵢ∇fᵢᵀ + rᵢ∇²fᵢ] (spec F1), where ∇²fᵢ has entries σ'(zᵢⱼ)x̃ᵢₖ at (aⱼ, w̃ⱼₖ) and
/// aⱼσ''(zᵢⱼ)x̃ᵢₖx̃ᵢₗ at (w̃ⱼₖ, w̃ⱼₗ). It shares no code with <see cref="HessianOperator"/> beyond σ itself, so the two
/// check each other. O(nP²) time and O(P²) memory: use for P up to a few thousand.</remarks>
public static class DenseHessian
{
    /// <summary>Largest P accepted (a P×P matrix of this size takes 200 MB).</summary>
    public const int MaxParameters = 5000;

    /// <summary>Assembles the Hessian (or, with <paramref name="gaussNewtonOnly"/>, its Gauss–Newton part).</summary>
    public static DenseSymmetricOperator Compute(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse,
        bool gaussNewtonOnly = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var layout = network.Layout;
        int p = layout.Count, m = network.Width, d = network.InputDimension, dt = layout.AugmentedDimension;
        if (p > MaxParameters) throw new ArgumentException($"a dense Hessian needs P <= {MaxParameters}, got {p}");
        if (data.InputDimension != d) throw new ArgumentException("input dimension mismatch");
        var act = network.Activation;
        var h = new double[p * p];
        var g = new double[p];
        var xt = new double[dt];
        for (int i = 0; i < data.Count; i++)
        {
            var xi = data.Input(i);
            for (int k = 0; k < d; k++) xt[k] = xi[k];
            if (layout.HasHiddenBias) xt[d] = 1.0;
            double f = network.OutputBias;
            Array.Clear(g);
            var z = new double[m];
            for (int j = 0; j < m; j++)
            {
                var w = network.AugmentedHiddenWeight(j);
                double zj = 0;
                for (int k = 0; k < dt; k++) zj += w[k] * xt[k];
                z[j] = zj;
                double aj = network.OutputWeight(j);
                f += aj * act.Value(zj);
                int o = layout.NeuronOffset(j);
                double d1 = act.Derivative(zj);
                for (int k = 0; k < dt; k++) g[o + k] = aj * d1 * xt[k];
                g[layout.OutputWeightIndex(j)] = act.Value(zj);
            }
            if (layout.HasOutputBias) g[layout.OutputBiasIndex] = 1.0;
            double r = f - data.Target(i);
            for (int u = 0; u < p; u++)
            {
                if (g[u] == 0) continue;
                for (int v = 0; v < p; v++) h[u * p + v] += g[u] * g[v];
            }
            if (gaussNewtonOnly || r == 0) continue;
            for (int j = 0; j < m; j++)
            {
                int o = layout.NeuronOffset(j), ia = layout.OutputWeightIndex(j);
                double d1 = act.Derivative(z[j]), d2 = act.SecondDerivative(z[j]), aj = network.OutputWeight(j);
                for (int k = 0; k < dt; k++)
                {
                    h[ia * p + o + k] += r * d1 * xt[k];
                    h[(o + k) * p + ia] += r * d1 * xt[k];
                    if (d2 != 0)
                        for (int l = 0; l < dt; l++) h[(o + k) * p + o + l] += r * aj * d2 * xt[k] * xt[l];
                }
            }
        }
        double scale = loss.CurvatureScale(data.Count);
        for (int u = 0; u < h.Length; u++) h[u] *= scale;
        return new DenseSymmetricOperator(h, p);
    }
}
