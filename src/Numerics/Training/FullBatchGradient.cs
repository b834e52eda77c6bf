using System.Numerics.Tensors;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Training;

/// <summary>The loss L̂_ν(θ) = (1/(νn)) Σᵢ rᵢ² and its exact gradient in one fused pass, into buffers allocated once.</summary>
/// <remarks>
/// <para>For every fixed chunk of <see cref="ForwardPass.RowsPerChunk"/> samples: zᵢⱼ = w̃ⱼᵀx̃ᵢ (blocked product X̃W̃ᵀ),
/// σ(zᵢⱼ), σ'(zᵢⱼ), fᵢ = β + Σⱼaⱼσ(zᵢⱼ), rᵢ = fᵢ − yᵢ, then, while the rows are in cache, Cᵢⱼ = rᵢaⱼσ'(zᵢⱼ) and the
/// chunk's partial sums Σᵢrᵢσ(zᵢⱼ), Σᵢrᵢ, Σᵢrᵢ² and its share X̃_chunkᵀC_chunk of the w̃-block X̃ᵀC (one FMA chain per
/// entry over the chunk's samples). With the scale 2/(νn):
/// ∂L̂/∂aⱼ = 2/(νn)Σᵢrᵢσ(zᵢⱼ), ∂L̂/∂w̃ⱼ = 2/(νn)Σᵢrᵢaⱼσ'(zᵢⱼ)x̃ᵢ, ∂L̂/∂β = 2/(νn)Σᵢrᵢ (paper A spec F1; paper B spec §5).</para>
/// <para>Partial sums (including the chunks' D̃×m blocks) are combined in chunk order, so the
/// result is bit-identical at any thread count. Cost: two products of the forward pass's size. Not thread-safe.</para>
/// </remarks>
public sealed class FullBatchGradient
{
    private readonly Activation _act;
    private readonly ParameterLayout _layout;
    private readonly double[] _x, _y, _wT, _a, _z, _s, _c, _gw, _partial, _partialW, _outputs;
    private readonly int _n, _m, _dt, _chunks;
    private readonly double _scale;
    private readonly LossConvention _loss;

    /// <summary>Prepares the buffers for one network shape and one dataset.</summary>
    /// <param name="activation">σ.</param>
    /// <param name="layout">The shape of θ.</param>
    /// <param name="data">The training samples (n ≥ 1, input dimension d).</param>
    /// <param name="loss">ν: paper B uses <see cref="LossConvention.HalfMse"/>.</param>
    public FullBatchGradient(Activation activation, ParameterLayout layout, Dataset data, LossConvention loss)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputDimension != layout.InputDimension)
            throw new ArgumentException($"the data has {data.InputDimension} input columns, the network expects {layout.InputDimension}");
        _act = activation;
        _layout = layout;
        _loss = loss;
        _n = data.Count;
        _m = layout.Width;
        _dt = layout.AugmentedDimension;
        _x = data.AugmentedArray(layout.HasHiddenBias);
        _y = data.Targets.ToArray();
        _wT = new double[_dt * _m];
        _a = new double[_m];
        _z = new double[_n * _m];
        _s = new double[_n * _m];
        _c = new double[_n * _m];
        _gw = new double[_m * _dt];
        _outputs = new double[_n];
        _chunks = Parallelism.ChunkCount(_n, ForwardPass.RowsPerChunk);
        _partial = new double[_chunks * (_m + 2)];
        _partialW = new double[_chunks * _dt * _m];
        _scale = loss.CurvatureScale(_n);
    }

    /// <summary>P, the length of θ.</summary>
    public int Dimension => _layout.Count;

    /// <summary>fᵢ at the parameters of the last <see cref="Compute"/>.</summary>
    public ReadOnlySpan<double> Outputs => _outputs;

    /// <summary>zᵢⱼ (row-major n×m) at the parameters of the last <see cref="Compute"/>.</summary>
    public ReadOnlySpan<double> Preactivations => _z;

    /// <summary>Computes L̂_ν(θ) and writes ∇L̂_ν(θ) into <paramref name="gradient"/>.</summary>
    /// <param name="theta">θ in the layout's order.</param>
    /// <param name="gradient">Receives the gradient (length P).</param>
    /// <returns>L̂_ν(θ) = (1/(νn)) Σᵢ rᵢ².</returns>
    public double Compute(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        if (theta.Length != _layout.Count || gradient.Length != _layout.Count)
            throw new ArgumentException($"θ and the gradient must have length {_layout.Count}");
        int n = _n, m = _m, dt = _dt;
        for (int j = 0; j < m; j++)
        {
            int o = _layout.NeuronOffset(j);
            for (int k = 0; k < dt; k++) _wT[k * m + j] = theta[o + k];
            _a[j] = theta[_layout.OutputWeightIndex(j)];
        }
        double beta = _layout.HasOutputBias ? theta[_layout.OutputBiasIndex] : 0.0;
        Array.Clear(_partial);
        int rows = ForwardPass.RowsPerChunk;
        Parallelism.For(_chunks, chunk =>
        {
            int r0 = chunk * rows, r1 = Math.Min(n, r0 + rows);
            unsafe
            {
                fixed (double* px = _x)
                fixed (double* pw = _wT)
                fixed (double* pz = _z)
                    Gemm.MultiplyRows(px, dt, 1, pw, m, pz, m, r0, r1, dt, m);
            }
            var pa = _partial.AsSpan(chunk * (m + 2), m + 2);
            double sumR = 0, sumR2 = 0;
            for (int i = r0; i < r1; i++)
            {
                int o = i * m;
                var s = _s.AsSpan(o, m);
                var c = _c.AsSpan(o, m);
                // σ' goes into the row of C first, then is turned into Cᵢⱼ = rᵢaⱼσ'ᵢⱼ in place.
                _act.Evaluate(_z.AsSpan(o, m), s, c, Span<double>.Empty);
                double f = beta + TensorPrimitives.Dot(_a, s);
                double r = f - _y[i];
                _outputs[i] = f;
                TensorPrimitives.Multiply(c, _a, c);
                TensorPrimitives.Multiply(c, r, c);
                TensorPrimitives.MultiplyAdd(s, r, pa[..m], pa[..m]);
                sumR += r;
                sumR2 += r * r;
            }
            pa[m] = sumR;
            pa[m + 1] = sumR2;
            // This chunk's X̃ᵀC (D̃×m) while its rows of C are in cache; slots are summed in chunk order below.
            unsafe
            {
                fixed (double* px = _x)
                fixed (double* pc = _c)
                fixed (double* pg = _partialW)
                    Gemm.MultiplyRows(px + (nint)r0 * dt, 1, dt, pc + (nint)r0 * m, m, pg + (nint)chunk * dt * m, m, 0, dt, r1 - r0, m);
            }
        });
        // _gw holds (X̃ᵀC) as D̃×m: the sum of the chunk slots in chunk order.
        _partialW.AsSpan(0, dt * m).CopyTo(_gw);
        for (int c = 1; c < _chunks; c++) TensorPrimitives.Add(_gw, _partialW.AsSpan(c * dt * m, dt * m), _gw);
        double sr = 0, sr2 = 0;
        for (int c = 0; c < _chunks; c++)
        {
            sr += _partial[c * (m + 2) + m];
            sr2 += _partial[c * (m + 2) + m + 1];
        }
        for (int j = 0; j < m; j++)
        {
            int o = _layout.NeuronOffset(j);
            for (int k = 0; k < dt; k++) gradient[o + k] = _scale * _gw[k * m + j];
            double sa = 0;
            for (int c = 0; c < _chunks; c++) sa += _partial[c * (m + 2) + j];
            gradient[_layout.OutputWeightIndex(j)] = _scale * sa;
        }
        if (_layout.HasOutputBias) gradient[_layout.OutputBiasIndex] = _scale * sr;
        return sr2 / (_loss.Nu() * (double)n);
    }
}
