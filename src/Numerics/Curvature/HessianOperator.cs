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
public sealed class HessianOperator : ISymmetricOperator
{
    [ThreadStatic] private static double[]? t_u, t_c;

    private readonly SampleRows _rows;
    private readonly double[] _vT, _va, _g, _partial;
    private readonly int _lanes, _blocks;

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
        int n = rows.Samples, m = rows.Width, dt = rows.AugmentedDimension;
        _vT = new double[dt * m];
        _va = new double[m];
        _blocks = SampleBlocks.Blocks(n);
        _lanes = SampleBlocks.Lanes(n, (long)m * dt);
        _g = new double[_lanes * m * dt];
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
        Array.Clear(_g);
        Array.Clear(_partial);
        Parallelism.For(_lanes, lane =>
        {
            var (b0, b1) = SampleBlocks.LaneBlocks(lane, _lanes, _blocks);
            for (int b = b0; b < b1; b++)
            {
                int r0 = b * SampleBlocks.RowsPerBlock, r1 = Math.Min(n, r0 + SampleBlocks.RowsPerBlock);
                AddBlock(lane, r0, r1, vBeta);
            }
        });
        double scale = _rows.Scale;
        for (int j = 0; j < m; j++)
        {
            int o = layout.NeuronOffset(j);
            for (int k = 0; k < dt; k++)
            {
                double g = 0;
                for (int l = 0; l < _lanes; l++) g += _g[(l * m + j) * dt + k];
                result[o + k] = scale * g;
            }
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
    private void AddBlock(int lane, int r0, int r1, double vBeta)
    {
        int m = _rows.Width, dt = _rows.AugmentedDimension, count = r1 - r0;
        var view = _rows.Rows(r0, r1);
        var u = Scratch(ref t_u, SampleBlocks.RowsPerBlock * m);
        var c = Scratch(ref t_c, SampleBlocks.RowsPerBlock * m);
        var x = _rows.X;
        unsafe
        {
            fixed (double* px = x)
            fixed (double* pv = _vT)
            fixed (double* pu = u)
                Gemm.MultiplyRows(px + (nint)r0 * dt, dt, 1, pv, m, pu, m, 0, count, dt, m);
        }
        var s = view.S;
        var s1 = view.S1;
        var s2 = view.S2;
        var a = _rows.A;
        var va = _va;
        bool residual = !GaussNewtonOnly;
        var pa = _partial.AsSpan(lane * (m + 1), m);
        double sumS = 0;
        for (int i = r0; i < r1; i++)
        {
            int o = view.Offset + (i - r0) * m, ou = (i - r0) * m;
            double si = vBeta;
            for (int j = 0; j < m; j++) si += s[o + j] * va[j] + a[j] * s1[o + j] * u[ou + j];
            double ri = residual ? _rows.Residuals[i] : 0.0;
            for (int j = 0; j < m; j++)
            {
                double d1 = s1[o + j], uij = u[ou + j];
                double cij = si * a[j] * d1;
                double aij = si * s[o + j];
                if (residual)
                {
                    double d2u = s2 is null ? 0.0 : a[j] * s2[o + j] * uij;
                    cij += ri * (d1 * va[j] + d2u);
                    aij += ri * d1 * uij;
                }
                c[ou + j] = cij;
                pa[j] += aij;
            }
            sumS += si;
        }
        _partial[lane * (m + 1) + m] += sumS;
        unsafe
        {
            // G_ℓ += CᵀX̃ for this block: A = Cᵀ (m × count, row stride 1, column stride m), B = X̃ rows.
            fixed (double* pc = c)
            fixed (double* px = x)
            fixed (double* pg = _g)
                Gemm.MultiplyRows(pc, 1, m, px + (nint)r0 * dt, dt, pg + (nint)lane * m * dt, dt, 0, m, count, dt, accumulate: true);
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
