using Flatness.Numerics.LinearAlgebra;

namespace Flatness.Numerics.Networks;

/// <summary>The forward pass f(xᵢ) = Σⱼ aⱼσ(w̃ⱼᵀx̃ᵢ) + β, computed in fixed chunks of rows (the unit cost benchmarks
/// compare against).</summary>
/// <remarks>Each chunk of <see cref="RowsPerChunk"/> samples computes its pre-activations X̃W̃ᵀ with the blocked
/// product (W̃ᵀ packed once per pass), applies σ (and σ', σ'' when asked; ReLU through <see cref="ReluRows"/>, same
/// bits) while the rows are still in cache, and hands them to the caller.
/// <see cref="Predict"/>, the fused <see cref="Curvature.HessianTrace"/> and <see cref="Curvature.NetworkEvaluation"/> share this code.</remarks>
public static class ForwardPass
{
    /// <summary>Samples per chunk (fixed, so reductions do not depend on the thread count).</summary>
    public const int RowsPerChunk = 32;

    [ThreadStatic] private static double[]? t_z, t_s, t_s1, t_s2;

    /// <summary>f(xᵢ) for every sample.</summary>
    public static double[] Predict(TwoLayerNetwork network, Dataset data)
    {
        var plan = new Plan(network, data);
        var f = new double[data.Count];
        Parallelism.For(plan.Chunks, chunk =>
        {
            var rows = plan.ComputeChunk(chunk, derivatives: false);
            for (int i = rows.Start; i < rows.End; i++) f[i] = plan.Beta + FixedOrder.Dot(plan.A, rows.Values(i));
        });
        return f;
    }

    /// <summary>Everything a chunked pass needs: shapes, X̃, W̃ᵀ, a, β, σ.</summary>
    internal sealed class Plan
    {
        public Plan(TwoLayerNetwork network, Dataset data)
        {
            ArgumentNullException.ThrowIfNull(network);
            ArgumentNullException.ThrowIfNull(data);
            if (data.InputDimension != network.InputDimension)
                throw new ArgumentException($"the data has {data.InputDimension} input columns, the network expects {network.InputDimension}");
            Network = network;
            Samples = data.Count;
            Width = network.Width;
            AugmentedDimension = network.Layout.AugmentedDimension;
            X = data.AugmentedArray(network.Layout.HasHiddenBias);
            WT = TransposedHiddenWeights(network);
            unsafe
            {
                fixed (double* pw = WT) PackedW.Pack(pw, Width, AugmentedDimension, Width);
            }
            Relu = network.Activation is Relu;
            A = new double[Width];
            for (int j = 0; j < Width; j++) A[j] = network.OutputWeight(j);
            Beta = network.OutputBias;
            Chunks = Parallelism.ChunkCount(Samples, RowsPerChunk);
        }

        public TwoLayerNetwork Network { get; }
        public int Samples { get; }
        public int Width { get; }
        public int AugmentedDimension { get; }
        public double[] X { get; }
        public double[] WT { get; }
        /// <summary>W̃ᵀ packed once for the product's kernel.</summary>
        public PackedB PackedW { get; } = new();
        /// <summary>Whether σ is ReLU (SIMD evaluation, same bits).</summary>
        public bool Relu { get; }
        public double[] A { get; }
        public double Beta { get; }
        public int Chunks { get; }

        /// <summary>Computes a chunk into thread-local scratch (valid until the thread's next chunk).</summary>
        public ChunkRows ComputeChunk(int chunk, bool derivatives)
        {
            int r0 = chunk * RowsPerChunk, r1 = Math.Min(Samples, r0 + RowsPerChunk);
            int size = RowsPerChunk * Width;
            var z = Scratch(ref t_z, size);
            var s = Scratch(ref t_s, size);
            var s1 = derivatives ? Scratch(ref t_s1, size) : null;
            var s2 = derivatives && !Network.Activation.IsPiecewiseLinear ? Scratch(ref t_s2, size) : null;
            ComputeInto(r0, r1, r0, z, s, s1, s2);
            return new ChunkRows(r0, r1, r0, Width, z, s, s1, s2);
        }

        /// <summary>Computes rows [r0, r1) into arrays whose row i sits at (i − origin)·m.</summary>
        public void ComputeInto(int r0, int r1, int origin, double[] z, double[] s, double[]? s1, double[]? s2)
        {
            int m = Width, dt = AugmentedDimension;
            unsafe
            {
                fixed (double* px = X)
                fixed (double* pz = z)
                    Gemm.MultiplyRows(PackedW, px + (nint)r0 * dt, dt, 1, pz + (nint)(r0 - origin) * m, m, 0, r1 - r0);
            }
            var act = Network.Activation;
            for (int i = r0; i < r1; i++)
            {
                int o = (i - origin) * m;
                if (Relu && s2 is null)
                    ReluRows.Evaluate(z.AsSpan(o, m), s.AsSpan(o, m), s1 is null ? Span<double>.Empty : s1.AsSpan(o, m));
                else
                    act.Evaluate(z.AsSpan(o, m), s.AsSpan(o, m),
                        s1 is null ? Span<double>.Empty : s1.AsSpan(o, m),
                        s2 is null ? Span<double>.Empty : s2.AsSpan(o, m));
            }
        }

        private static double[] Scratch(ref double[]? buffer, int size)
        {
            if (buffer is null || buffer.Length < size) buffer = new double[size];
            return buffer;
        }
    }

    /// <summary>Rows [Start, End) of z, σ, σ', σ'' for one chunk; row i at (i − Origin)·m.</summary>
    internal readonly record struct ChunkRows(int Start, int End, int Origin, int Width, double[] Z, double[] S, double[]? S1, double[]? S2)
    {
        public ReadOnlySpan<double> Values(int i) => S.AsSpan((i - Origin) * Width, Width);
        public int Offset(int i) => (i - Origin) * Width;
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
