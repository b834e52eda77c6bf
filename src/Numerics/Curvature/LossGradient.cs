using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>The exact gradient ∇L̂_ν = 2/(νn) Σᵢ rᵢ∇fᵢ.</summary>
/// <remarks>∂fᵢ/∂aⱼ = σ(zᵢⱼ), ∂fᵢ/∂w̃ⱼ = aⱼσ'(zᵢⱼ)x̃ᵢ, ∂fᵢ/∂β = 1 (spec F1). The w̃ block is one product CᵀX̃ with
/// Cᵢⱼ = rᵢaⱼσ'(zᵢⱼ).</remarks>
public static class LossGradient
{
    /// <summary>∇L̂_ν at the evaluated parameters, in the layout of θ.</summary>
    public static double[] Compute(NetworkEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        int n = evaluation.Samples, m = evaluation.Width, dt = evaluation.AugmentedDimension;
        var layout = evaluation.Network.Layout;
        var r = evaluation.Residuals;
        var a = evaluation.OutputWeights;
        var s = evaluation.Values;
        var s1 = evaluation.FirstDerivatives;
        var coeff = new double[n * m];
        int rows = ForwardPass.RowsPerChunk;
        int chunks = Parallelism.ChunkCount(n, rows);
        var partialA = new double[chunks * m];
        Parallelism.For(chunks, chunk =>
        {
            int r0 = chunk * rows, r1 = Math.Min(n, r0 + rows);
            var pa = partialA.AsSpan(chunk * m, m);
            for (int i = r0; i < r1; i++)
            {
                double ri = r[i];
                int o = i * m;
                for (int j = 0; j < m; j++)
                {
                    coeff[o + j] = ri * a[j] * s1[o + j];
                    pa[j] += ri * s[o + j];
                }
            }
        });
        var g = new double[m * dt];
        Gemm.Multiply(coeff, 1, m, evaluation.AugmentedInputs, dt, g, dt, m, n, dt);
        double scale = evaluation.CurvatureScale;
        var grad = new double[layout.Count];
        for (int j = 0; j < m; j++)
        {
            int o = layout.NeuronOffset(j);
            for (int k = 0; k < dt; k++) grad[o + k] = scale * g[j * dt + k];
            double sa = 0;
            for (int c = 0; c < chunks; c++) sa += partialA[c * m + j];
            grad[layout.OutputWeightIndex(j)] = scale * sa;
        }
        if (layout.HasOutputBias)
        {
            double sr = 0;
            for (int i = 0; i < n; i++) sr += r[i];
            grad[layout.OutputBiasIndex] = scale * sr;
        }
        return grad;
    }

    /// <summary>Runs the forward pass and returns ∇L̂_ν.</summary>
    public static double[] Compute(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse) =>
        Compute(NetworkEvaluation.Evaluate(network, data, loss));
}
