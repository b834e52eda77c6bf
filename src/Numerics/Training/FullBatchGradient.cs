using System.Numerics.Tensors;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Training;

/// <summary>The loss L̂_ν(θ) = (1/(νn)) Σᵢ rᵢ² and its exact gradient in one fused pass over fixed chunks of samples,
/// with O(chunk × m) scratch per thread and no n×m array.</summary>
/// <remarks>
/// <para>For every fixed chunk of <see cref="ForwardPass.RowsPerChunk"/> samples, while its rows are in cache:
/// zᵢⱼ = w̃ⱼᵀx̃ᵢ (the blocked product X̃W̃ᵀ: one FMA chain in k order per entry), fᵢ = β + Σⱼaⱼσ(zᵢⱼ) (summed by
/// <c>TensorPrimitives.Dot</c>, whose order for double depends only on m and the vector width), rᵢ = fᵢ − yᵢ; then
/// Cᵢⱼ = (σ'(zᵢⱼ)aⱼ)rᵢ, the chunk's partial sums Σᵢσ(zᵢⱼ)rᵢ, Σᵢrᵢ, Σᵢrᵢ² in sample order, and its share X̃_chunkᵀC_chunk
/// of the w̃-block (one FMA chain per entry over the chunk's samples). With the scale 2/(νn):
/// ∂L̂/∂aⱼ = 2/(νn)Σᵢrᵢσ(zᵢⱼ), ∂L̂/∂w̃ⱼ = 2/(νn)Σᵢrᵢaⱼσ'(zᵢⱼ)x̃ᵢ, ∂L̂/∂β = 2/(νn)Σᵢrᵢ (paper A spec F1; paper B spec §5).</para>
/// <para>Chunk partial sums (including the chunks' D̃×m blocks) are combined in chunk order, so the result is
/// bit-identical at any thread count, and the same whether the network is trained alone or in a batch
/// (<see cref="GradientDescent.TrainMany"/>). ReLU runs a specialised SIMD path (<see cref="ReluRows"/>) with the
/// bits of the general path, which serves every other <see cref="Activation"/> through
/// <see cref="Activation.Evaluate"/>. Cost: two products of the forward pass's size. Not thread-safe.</para>
/// </remarks>
public sealed class FullBatchGradient
{
    /// <summary>Entries of the D̃×m slot sum per parallel piece.</summary>
    private const int SumPiece = 4096;

    [ThreadStatic] private static double[]? t_z, t_s, t_s1, t_r;
    [ThreadStatic] private static PackedB? t_c;

    private readonly Activation _act;
    private readonly bool _relu;
    private readonly ParameterLayout _layout;
    private readonly double[] _x, _y, _wT, _a, _partial, _partialW, _outputs, _totals;
    private readonly int[] _active;
    private readonly PackedB _w = new();
    private readonly int _n, _m, _dt, _chunks;
    private readonly double _scale;
    private readonly LossConvention _loss;
    private double _beta;
    private bool _folded;

    /// <summary>Prepares the buffers for one network shape and one dataset.</summary>
    /// <param name="activation">σ.</param>
    /// <param name="layout">The shape of θ.</param>
    /// <param name="data">The training samples (n ≥ 1, input dimension d).</param>
    /// <param name="loss">ν: paper B uses <see cref="LossConvention.HalfMse"/>.</param>
    public FullBatchGradient(Activation activation, ParameterLayout layout, Dataset data, LossConvention loss)
        : this(activation, layout, data, loss, specialise: true)
    {
    }

    /// <summary>As the public constructor; <paramref name="specialise"/> false forces the general path (tests compare bits).</summary>
    internal FullBatchGradient(Activation activation, ParameterLayout layout, Dataset data, LossConvention loss, bool specialise)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputDimension != layout.InputDimension)
            throw new ArgumentException($"the data has {data.InputDimension} input columns, the network expects {layout.InputDimension}");
        _act = activation;
        _relu = specialise && activation is Relu;
        _layout = layout;
        _loss = loss;
        _n = data.Count;
        _m = layout.Width;
        _dt = layout.AugmentedDimension;
        _x = data.AugmentedArray(layout.HasHiddenBias);
        _y = data.Targets.ToArray();
        _wT = new double[_dt * _m];
        _a = new double[_m];
        _outputs = new double[_n];
        _chunks = Parallelism.ChunkCount(_n, ForwardPass.RowsPerChunk);
        _partial = new double[_chunks * (_m + 2)];
        _partialW = new double[_chunks * _dt * _m];
        _active = new int[_chunks];
        _totals = new double[_m + 2];
        _scale = loss.CurvatureScale(_n);
    }

    /// <summary>P, the length of θ.</summary>
    public int Dimension => _layout.Count;

    /// <summary>fᵢ at the parameters of the last <see cref="Compute"/>.</summary>
    public ReadOnlySpan<double> Outputs => _outputs;

    /// <summary>The share of pairs (i, j) with zᵢⱼ &gt; 0 at the parameters of the last <see cref="Compute"/> (mean
    /// activation rate; counted exactly).</summary>
    public double ActiveShare
    {
        get
        {
            long on = 0;
            foreach (int c in _active) on += c;
            return on / ((double)_n * _m);
        }
    }

    /// <summary>The fixed chunks of samples.</summary>
    internal int Chunks => _chunks;

    /// <summary>Computes L̂_ν(θ) and writes ∇L̂_ν(θ) into <paramref name="gradient"/>.</summary>
    /// <param name="theta">θ in the layout's order.</param>
    /// <param name="gradient">Receives the gradient (length P).</param>
    /// <returns>L̂_ν(θ) = (1/(νn)) Σᵢ rᵢ².</returns>
    public double Compute(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Load(theta);
        Parallelism.For(_chunks, ComputeChunk);
        return Finish(gradient);
    }

    /// <summary>Step 1 of <see cref="Compute"/>: takes θ (W̃ᵀ packed for the product, a, β) and clears the partial sums.</summary>
    internal void Load(ReadOnlySpan<double> theta)
    {
        if (theta.Length != _layout.Count) throw new ArgumentException($"θ must have length {_layout.Count}");
        int m = _m, dt = _dt;
        for (int j = 0; j < m; j++)
        {
            int o = _layout.NeuronOffset(j);
            for (int k = 0; k < dt; k++) _wT[k * m + j] = theta[o + k];
            _a[j] = theta[_layout.OutputWeightIndex(j)];
        }
        _beta = _layout.HasOutputBias ? theta[_layout.OutputBiasIndex] : 0.0;
        unsafe
        {
            fixed (double* pw = _wT) _w.Pack(pw, m, dt, m);
        }
        Array.Clear(_partial);
        _folded = false;
    }

    /// <summary>Step 2: one chunk's forward pass, residuals and partial sums into the chunk's own slot (chunks are
    /// independent and may run on any thread).</summary>
    internal void ComputeChunk(int chunk) => ComputeChunk(chunk, chunk);

    /// <summary>Step 2 on the calling thread, for all chunks in order: each chunk's slot is folded into the running sums
    /// as soon as it is done (slot 0 and one scratch slot, the same additions in the same order as <see cref="Finish"/>
    /// applies to all the slots), so a network trained on one thread keeps no per-chunk D̃×m slots in memory.</summary>
    internal void ComputeAllChunks()
    {
        int m = _m, block = _dt * m;
        Array.Clear(_totals);
        for (int c = 0; c < _chunks; c++)
        {
            int slot = Math.Min(c, 1);
            if (slot == 1) _partial.AsSpan(m + 2, m + 2).Clear();
            ComputeChunk(c, slot);
            TensorPrimitives.Add(_totals, _partial.AsSpan(slot * (m + 2), m + 2), _totals);
            if (slot == 1) TensorPrimitives.Add(_partialW.AsSpan(0, block), _partialW.AsSpan(block, block), _partialW.AsSpan(0, block));
        }
        _folded = true;
    }

    private void ComputeChunk(int chunk, int slot)
    {
        int m = _m, dt = _dt, rows = ForwardPass.RowsPerChunk;
        int r0 = chunk * rows, count = Math.Min(_n, r0 + rows) - r0;
        var z = Scratch(ref t_z, rows * m);
        var r = Scratch(ref t_r, rows);
        var c = t_c ??= new PackedB();
        c.PrepareFill(count, m);
        unsafe
        {
            fixed (double* px = _x)
            fixed (double* pz = z)
                Gemm.MultiplyRows(_w, px + (nint)r0 * dt, dt, 1, pz, m, 0, count);
        }
        var pa = _partial.AsSpan(slot * (m + 2), m + 2);
        double sumR = 0, sumR2 = 0;
        int active = 0, nr = c.TileColumns, stride = count * nr;
        if (_relu)
        {
            // Row by row, so that the row of z is still in L1 when the backward terms read it again.
            var s = Scratch(ref t_s, m);
            for (int i = 0; i < count; i++)
            {
                var zi = z.AsSpan(i * m, m);
                active += ReluRows.Evaluate(zi, s.AsSpan(0, m), Span<double>.Empty);
                double ri = Residual(r0 + i, _beta + TensorPrimitives.Dot(_a, s.AsSpan(0, m)), ref sumR, ref sumR2);
                ReluRows.Backward(zi, _a, ri, pa[..m], c.Data.AsSpan(i * nr), nr, stride);
            }
        }
        else
        {
            // σ' goes into s1, then becomes Cᵢⱼ = (σ'ᵢⱼaⱼ)rᵢ in place before it is scattered into the packed tiles.
            var s = Scratch(ref t_s, rows * m);
            var s1 = Scratch(ref t_s1, rows * m);
            for (int i = 0; i < count; i++)
            {
                var zi = z.AsSpan(i * m, m);
                _act.Evaluate(zi, s.AsSpan(i * m, m), s1.AsSpan(i * m, m), Span<double>.Empty);
                active += ReluRows.CountPositive(zi);
                r[i] = Residual(r0 + i, _beta + TensorPrimitives.Dot(_a, s.AsSpan(i * m, m)), ref sumR, ref sumR2);
            }
            for (int i = 0; i < count; i++)
            {
                var ci = s1.AsSpan(i * m, m);
                TensorPrimitives.MultiplyAdd(s.AsSpan(i * m, m), r[i], pa[..m], pa[..m]);
                TensorPrimitives.Multiply(ci, _a, ci);
                TensorPrimitives.Multiply(ci, r[i], ci);
                for (int j0 = 0, t = 0; j0 < m; j0 += nr, t++)
                    ci.Slice(j0, Math.Min(nr, m - j0)).CopyTo(c.Data.AsSpan(t * stride + i * nr));
            }
        }
        pa[m] = sumR;
        pa[m + 1] = sumR2;
        _active[chunk] = active;
        // This chunk's X̃ᵀC (D̃×m) into its own slot; slots are summed in chunk order by Finish.
        unsafe
        {
            fixed (double* px = _x)
            fixed (double* pg = _partialW)
                Gemm.MultiplyRows(c, px + (nint)r0 * dt, 1, dt, pg + (nint)slot * dt * m, m, 0, dt);
        }
    }

    private double Residual(int i, double f, ref double sumR, ref double sumR2)
    {
        double r = f - _y[i];
        _outputs[i] = f;
        sumR += r;
        sumR2 += r * r;
        return r;
    }

    /// <summary>Step 3: combines the chunks' partial sums in chunk order into ∇L̂_ν; returns L̂_ν.</summary>
    internal double Finish(Span<double> gradient)
    {
        if (gradient.Length != _layout.Count) throw new ArgumentException($"the gradient must have length {_layout.Count}");
        int m = _m, dt = _dt, block = dt * m;
        if (!_folded)
        {
            // Slot 0 holds the sum so far: (X̃ᵀC) as D̃×m is slot₀ + slot₁ + … in chunk order, entry by entry (so pieces
            // of the entries can be summed on different threads); the other sums are 0 + slot₀ + slot₁ + ….
            Parallelism.For(Parallelism.ChunkCount(block, SumPiece), q =>
            {
                int e0 = q * SumPiece, length = Math.Min(SumPiece, block - e0);
                var sum = _partialW.AsSpan(e0, length);
                for (int c = 1; c < _chunks; c++) TensorPrimitives.Add(sum, _partialW.AsSpan(c * block + e0, length), sum);
            });
            Array.Clear(_totals);
            for (int c = 0; c < _chunks; c++) TensorPrimitives.Add(_totals, _partial.AsSpan(c * (m + 2), m + 2), _totals);
        }
        var gw = _partialW.AsSpan(0, block);
        double sr = _totals[m], sr2 = _totals[m + 1];
        for (int j = 0; j < m; j++)
        {
            int o = _layout.NeuronOffset(j);
            for (int k = 0; k < dt; k++) gradient[o + k] = _scale * gw[k * m + j];
            gradient[_layout.OutputWeightIndex(j)] = _scale * _totals[j];
        }
        if (_layout.HasOutputBias) gradient[_layout.OutputBiasIndex] = _scale * sr;
        return sr2 / (_loss.Nu() * (double)_n);
    }

    private static double[] Scratch(ref double[]? buffer, int size)
    {
        if (buffer is null || buffer.Length < size) buffer = new double[size];
        return buffer;
    }
}
