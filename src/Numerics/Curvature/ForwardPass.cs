using System.Numerics.Tensors;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>The forward pass f(xᵢ) = Σⱼ aⱼσ(w̃ⱼᵀx̃ᵢ) + β without caching (the unit cost benchmarks compare against).</summary>
public static class ForwardPass
{
    /// <summary>f(xᵢ) for every sample: one blocked product X̃W̃ᵀ, then σ and the output layer, row chunk by row chunk.</summary>
    public static double[] Predict(TwoLayerNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputDimension != network.InputDimension)
            throw new ArgumentException($"the data has {data.InputDimension} input columns, the network expects {network.InputDimension}");
        int n = data.Count, m = network.Width, dt = network.Layout.AugmentedDimension;
        var x = data.AugmentedArray(network.Layout.HasHiddenBias);
        var wT = TransposedHiddenWeights(network);
        var a = new double[m];
        for (int j = 0; j < m; j++) a[j] = network.OutputWeight(j);
        double beta = network.OutputBias;
        var act = network.Activation;
        var f = new double[n];
        int rows = NetworkEvaluation.RowsPerChunk;
        Parallelism.For(Parallelism.ChunkCount(n, rows), chunk =>
        {
            int r0 = chunk * rows, r1 = Math.Min(n, r0 + rows);
            var z = new double[(r1 - r0) * m];
            var s = new double[m];
            unsafe
            {
                fixed (double* px = x)
                fixed (double* pw = wT)
                fixed (double* pz = z)
                    Gemm.MultiplyRows(px + (nint)r0 * dt, dt, 1, pw, m, pz, m, 0, r1 - r0, dt, m);
            }
            for (int i = r0; i < r1; i++)
            {
                act.Evaluate(z.AsSpan((i - r0) * m, m), s, Span<double>.Empty, Span<double>.Empty);
                f[i] = beta + TensorPrimitives.Dot(a, s);
            }
        });
        return f;
    }

    /// <summary>W̃ᵀ as a row-major D̃×m matrix (the B operand of the pre-activation product).</summary>
    internal static double[] TransposedHiddenWeights(TwoLayerNetwork network)
    {
        int m = network.Width, dt = network.Layout.AugmentedDimension;
        var wT = new double[dt * m];
        for (int j = 0; j < m; j++)
        {
            var w = network.AugmentedHiddenWeight(j);
            for (int k = 0; k < dt; k++) wT[k * m + j] = w[k];
        }
        return wT;
    }
}
