using System.Numerics.Tensors;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>The exact Hessian ∇²L̂_ν (or its Gauss–Newton part) of a 2-layer network as a matrix-free operator, on a
/// cached forward pass or streaming (recomputing each block's forward pass inside every product).</summary>
/// <remarks>
/// <para>Hv = 2/(νn) Σᵢ [(∇fᵢᵀv)∇fᵢ + rᵢ∇²fᵢv] (spec F1, "Analytic HVP"). With U = X̃V_w̃ᵀ (n×m) and
/// sᵢ = ∇fᵢᵀv = Σⱼ[σᵢⱼ v_{aⱼ} + aⱼσ'ᵢⱼUᵢⱼ] + v_β, the a-block is Σᵢ[sᵢσᵢⱼ + rᵢσ'ᵢⱼUᵢⱼ], the w̃-block is CᵀX̃ with
/// Cᵢⱼ = sᵢaⱼσ'ᵢⱼ + rᵢ(σ'ᵢⱼv_{aⱼ} + aⱼσ''ᵢⱼUᵢⱼ), and the β entry is Σᵢsᵢ. ∇²fᵢ couples aⱼ with w̃ⱼ through σ'(zᵢⱼ)x̃ᵢ
/// and (k ≥ 2, and every smooth activation) w̃ⱼ with itself through aⱼσ''(zᵢⱼ)x̃ᵢx̃ᵢᵀ.</para>
/// <para>The samples are processed in the fixed blocks and lanes of <see cref="SampleBlocks"/>: each block forms U and
/// C in O(block × m) scratch and adds its CᵀX̃ to its lane's m×D̃ partial sum, so a product needs no n×m array. On a
/// <see cref="NetworkEvaluation"/> σ, σ', σ'' are read from its cache (cost: two products of the forward pass's size);
/// on a <see cref="StreamingEvaluation"/> they are recomputed per block (three such products), and the two give
/// bit-identical results. Not thread-safe: products reuse the lanes' partial sums.</para>
/// </remarks>
public sealed partial class HessianOperator : ISymmetricOperator
{
    [ThreadStatic] private static double[]? t_u, t_t, t_sum;
    [ThreadStatic] private static PackedB? t_c;

    private readonly SampleRows _rows;
    private readonly double[] _vT, _va, _g, _partial;
    private readonly PackedB _v = new();
    private readonly int _lanes, _blocks;
    private readonly bool _relu;

    /// <summary>Creates the operator on a cached forward pass (memory: the evaluation's n×m arrays).</summary>
    /// <param name="evaluation">The forward pass.</param>
    /// <param name="gaussNewtonOnly">When true, drops the residual term: the operator is G = 2/(νn)JᵀJ.</param>
    public HessianOperator(NetworkEvaluation evaluation, bool gaussNewtonOnly = false)
        : this(new CachedRows(evaluation ?? throw new ArgumentNullException(nameof(evaluation))), gaussNewtonOnly)
    {
    }

    /// <summary>Creates the streaming operator (memory: O(n + L·m·d), see <see cref="SampleBlocks"/>).</summary>
    /// <param name="evaluation">The per-sample results of a streaming forward pass.</param>
    /// <param name="gaussNewtonOnly">When true, drops the residual term.</param>
    public HessianOperator(StreamingEvaluation evaluation, bool gaussNewtonOnly = false)
        : this((evaluation ?? throw new ArgumentNullException(nameof(evaluation))).Rows, gaussNewtonOnly)
    {
    }

    private HessianOperator(SampleRows rows, bool gaussNewtonOnly)
    {
        _rows = rows;
        GaussNewtonOnly = gaussNewtonOnly;
        _relu = rows.Network.Activation is Relu;
        int n = rows.Samples, m = rows.Width, dt = rows.AugmentedDimension;
        _vT = new double[dt * m];
        _va = new double[m];
        _blocks = SampleBlocks.Blocks(n);
        _lanes = SampleBlocks.Lanes(n, (long)m * dt);
        _g = new double[_lanes * dt * m];
        _partial = new double[_lanes * (m + 1)];
    }

    /// <summary>Whether the residual term is dropped.</summary>
    public bool GaussNewtonOnly { get; }

    /// <summary>Whether each product recomputes the forward pass (streaming) instead of reading a cache.</summary>
    public bool Streaming => _rows.Recomputes;

    /// <inheritdoc/>
    public int Dimension => _rows.Network.Layout.Count;

    /// <summary>Bytes the operator itself holds (partial sums and the transposed vector), excluding the evaluation and
    /// per-thread scratch of 2·128·m doubles.</summary>
    public long WorkingBytes => 8L * (_vT.Length + _va.Length + _g.Length + _partial.Length);

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> vector, Span<double> result)
    {
        var layout = _rows.Network.Layout;
        if (vector.Length != layout.Count || result.Length != layout.Count)
            throw new ArgumentException($"vectors must have length {layout.Count}");
        int n = _rows.Samples, m = _rows.Width, dt = _rows.AugmentedDimension;
        for (int j = 0; j < m; j++)
        {
            int o = layout.NeuronOffset(j);
            for (int k = 0; k < dt; k++) _vT[k * m + j] = vector[o + k];
            _va[j] = vector[layout.OutputWeightIndex(j)];
        }
        double vBeta = layout.HasOutputBias ? vector[layout.OutputBiasIndex] : 0.0;
        unsafe
        {
            fixed (double* pv = _vT) _v.Pack(pv, m, dt, m);
        }
        Array.Clear(_partial);
        Parallelism.For(_lanes, lane =>
        {
            var (b0, b1) = SampleBlocks.LaneBlocks(lane, _lanes, _blocks);
            for (int b = b0; b < b1; b++)
            {
                int r0 = b * SampleBlocks.RowsPerBlock, r1 = Math.Min(n, r0 + SampleBlocks.RowsPerBlock);
                AddBlock(lane, r0, r1, vBeta, first: b == b0);
            }
        });
        double scale = _rows.Scale;
        // The w̃-block, row k of the lanes' D̃×m sums at a time: (0 + G₀ + G₁ + …) in lane order, entry by entry.
        unsafe
        {
            fixed (double* pr = result)
            {
                nint ir = (nint)pr;
                Parallelism.For(dt, k =>
                {
                    var sum = Scratch(ref t_sum, m).AsSpan(0, m);
                    sum.Clear();
                    for (int l = 0; l < _lanes; l++) TensorPrimitives.Add(sum, _g.AsSpan((l * dt + k) * m, m), sum);
                    var res = new Span<double>((double*)ir, layout.Count);
                    for (int j = 0; j < m; j++) res[layout.NeuronOffset(j) + k] = scale * sum[j];
                });
            }
        }
        for (int j = 0; j < m; j++)
        {
            double sa = 0;
            for (int l = 0; l < _lanes; l++) sa += _partial[l * (m + 1) + j];
            result[layout.OutputWeightIndex(j)] = scale * sa;
        }
        if (layout.HasOutputBias)
        {
            double sb = 0;
            for (int l = 0; l < _lanes; l++) sb += _partial[l * (m + 1) + m];
            result[layout.OutputBiasIndex] = scale * sb;
        }
    }

    /// <summary>Adds rows [r0, r1)'s contributions to lane ℓ's partial sums.</summary>
    /// <remarks>U = X̃V̄ᵀ for the block; then, eight samples at a time, sᵢ = v_β + Σⱼ[(σᵢⱼv_{aⱼ}) + ((aⱼσ'ᵢⱼ)Uᵢⱼ)] summed in
    /// j order (the terms computed with SIMD, the sums of eight samples interleaved, each in its own order), Cᵢⱼ and the
    /// a-block terms (see <see cref="RowTerms"/>); C is written in the packed layout of the product
    /// G_ℓ += X̃_blockᵀC (D̃×m: the same FMA chain per entry as CᵀX̃; a lane's first block starts the chains from +0,
    /// as adding to a cleared G_ℓ would).</remarks>
    private void AddBlock(int lane, int r0, int r1, double vBeta, bool first)
    {
        int m = _rows.Width, dt = _rows.AugmentedDimension, count = r1 - r0;
        var view = _rows.Rows(r0, r1);
        var u = Scratch(ref t_u, SampleBlocks.RowsPerBlock * m);
        var terms = Scratch(ref t_t, Group * m).AsSpan(0, Group * m);
        var c = t_c ??= new PackedB();
        c.PrepareFill(count, m);
        int nr = c.TileColumns, stride = count * nr;
        var x = _rows.X;
        unsafe
        {
            fixed (double* px = x)
            fixed (double* pu = u)
                Gemm.MultiplyRows(_v, px + (nint)r0 * dt, dt, 1, pu, m, 0, count);
        }
        var a = _rows.A;
        bool residual = !GaussNewtonOnly;
        var pa = _partial.AsSpan(lane * (m + 1), m);
        Span<double> sums = stackalloc double[Group];
        double sumS = 0;
        for (int g0 = r0; g0 < r1; g0 += Group)
        {
            int rows = Math.Min(Group, r1 - g0);
            for (int q = 0; q < rows; q++)
            {
                int o = view.Offset + (g0 + q - r0) * m;
                DirectionalTerms(view.S.AsSpan(o, m), _va, a, _relu ? default : view.S1.AsSpan(o, m), u.AsSpan((g0 + q - r0) * m, m), terms.Slice(q * m, m));
            }
            SequentialSums(terms, m, rows, vBeta, sums);
            for (int q = 0; q < rows; q++)
            {
                int i = g0 + q, o = view.Offset + (i - r0) * m;
                double si = sums[q];
                RowTerms(si, residual ? _rows.Residuals[i] : 0.0, residual, a, _va, view.S.AsSpan(o, m), _relu ? default : view.S1.AsSpan(o, m),
                    view.S2 is null ? default : view.S2.AsSpan(o, m), u.AsSpan((i - r0) * m, m), pa, c.Data.AsSpan((i - r0) * nr), nr, stride);
                sumS += si;
            }
        }
        _partial[lane * (m + 1) + m] += sumS;
        unsafe
        {
            // G_ℓ += X̃_blockᵀC: A = X̃ᵀ (D̃ × count, row stride 1, column stride D̃), B = C packed.
            fixed (double* px = x)
            fixed (double* pg = _g)
                Gemm.MultiplyRows(c, px + (nint)r0 * dt, 1, dt, pg + (nint)lane * dt * m, m, 0, dt, accumulate: !first);
        }
    }

    private static double[] Scratch(ref double[]? buffer, int size)
    {
        if (buffer is null || buffer.Length < size) buffer = new double[size];
        return buffer;
    }

    /// <summary>Runs the forward pass and returns the Hessian operator on its cache.</summary>
    public static HessianOperator Create(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse) =>
        new(NetworkEvaluation.Evaluate(network, data, loss));

    /// <summary>Runs a streaming forward pass and returns the streaming Hessian operator.</summary>
    public static HessianOperator CreateStreaming(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse) =>
        new(StreamingEvaluation.Evaluate(network, data, loss));
}
