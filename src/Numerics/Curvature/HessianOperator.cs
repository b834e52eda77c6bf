using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>The exact Hessian ∇²L̂_ν (or its Gauss–Newton part) of a 2-layer network as a matrix-free operator.</summary>
/// <remarks>
/// <para>Hv = 2/(νn) Σᵢ [(∇fᵢᵀv)∇fᵢ + rᵢ∇²fᵢv] (spec F1, "Analytic HVP"). With U = X̃V_w̃ᵀ (n×m) and
/// sᵢ = ∇fᵢᵀv = Σⱼ[σᵢⱼ v_{aⱼ} + aⱼσ'ᵢⱼUᵢⱼ] + v_β, the a-block is Σᵢ[sᵢσᵢⱼ + rᵢσ'ᵢⱼUᵢⱼ], the w̃-block is CᵀX̃ with
/// Cᵢⱼ = sᵢaⱼσ'ᵢⱼ + rᵢ(σ'ᵢⱼv_{aⱼ} + aⱼσ''ᵢⱼUᵢⱼ), and the β entry is Σᵢsᵢ. ∇²fᵢ couples aⱼ with w̃ⱼ through σ'(zᵢⱼ)x̃ᵢ
/// and (k ≥ 2) w̃ⱼ with itself through aⱼσ''(zᵢⱼ)x̃ᵢx̃ᵢᵀ.</para>
/// <para>Cost per product: two blocked matrix products of the forward pass's size (the forward pass itself is
/// cached in the <see cref="NetworkEvaluation"/>). Not thread-safe: products reuse scratch buffers.</para>
/// </remarks>
public sealed class HessianOperator : ISymmetricOperator
{
    private readonly NetworkEvaluation _e;
    private readonly double[] _vT, _u, _c, _g, _partial;
    private readonly int _chunks;

    /// <summary>Creates the operator at the evaluated parameters.</summary>
    /// <param name="evaluation">The forward pass.</param>
    /// <param name="gaussNewtonOnly">When true, drops the residual term: the operator is G = 2/(νn)JᵀJ.</param>
    public HessianOperator(NetworkEvaluation evaluation, bool gaussNewtonOnly = false)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        _e = evaluation;
        GaussNewtonOnly = gaussNewtonOnly;
        int n = evaluation.Samples, m = evaluation.Width, dt = evaluation.AugmentedDimension;
        _vT = new double[dt * m];
        _u = new double[n * m];
        _c = new double[n * m];
        _g = new double[m * dt];
        _chunks = Parallelism.ChunkCount(n, ForwardPass.RowsPerChunk);
        _partial = new double[_chunks * (m + 1)];
    }

    /// <summary>Whether the residual term is dropped.</summary>
    public bool GaussNewtonOnly { get; }

    /// <inheritdoc/>
    public int Dimension => _e.Network.Layout.Count;

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> vector, Span<double> result)
    {
        var layout = _e.Network.Layout;
        if (vector.Length != layout.Count || result.Length != layout.Count)
            throw new ArgumentException($"vectors must have length {layout.Count}");
        int n = _e.Samples, m = _e.Width, dt = _e.AugmentedDimension;
        var va = new double[m];
        for (int j = 0; j < m; j++)
        {
            int o = layout.NeuronOffset(j);
            for (int k = 0; k < dt; k++) _vT[k * m + j] = vector[o + k];
            va[j] = vector[layout.OutputWeightIndex(j)];
        }
        double vBeta = layout.HasOutputBias ? vector[layout.OutputBiasIndex] : 0.0;
        bool residual = !GaussNewtonOnly;
        var s = _e.Values;
        var s1 = _e.FirstDerivatives;
        var s2 = _e.SecondDerivatives;
        var a = _e.OutputWeights;
        var r = _e.Residuals;
        var x = _e.AugmentedInputs;
        Array.Clear(_partial);
        int rows = ForwardPass.RowsPerChunk;
        Parallelism.For(_chunks, chunk =>
        {
            int r0 = chunk * rows, r1 = Math.Min(n, r0 + rows);
            unsafe
            {
                fixed (double* px = x)
                fixed (double* pv = _vT)
                fixed (double* pu = _u)
                    Gemm.MultiplyRows(px, dt, 1, pv, m, pu, m, r0, r1, dt, m);
            }
            var pa = _partial.AsSpan(chunk * (m + 1), m);
            double sumS = 0;
            for (int i = r0; i < r1; i++)
            {
                int o = i * m;
                double si = vBeta;
                for (int j = 0; j < m; j++) si += s[o + j] * va[j] + a[j] * s1[o + j] * _u[o + j];
                double ri = residual ? r[i] : 0.0;
                for (int j = 0; j < m; j++)
                {
                    double d1 = s1[o + j], uij = _u[o + j];
                    double cij = si * a[j] * d1;
                    double aij = si * s[o + j];
                    if (residual)
                    {
                        double d2u = s2 is null ? 0.0 : a[j] * s2[o + j] * uij;
                        cij += ri * (d1 * va[j] + d2u);
                        aij += ri * d1 * uij;
                    }
                    _c[o + j] = cij;
                    pa[j] += aij;
                }
                sumS += si;
            }
            _partial[chunk * (m + 1) + m] = sumS;
        });
        Gemm.Multiply(_c, 1, m, x, dt, _g, dt, m, n, dt);
        double scale = _e.CurvatureScale;
        for (int j = 0; j < m; j++)
        {
            int o = layout.NeuronOffset(j);
            for (int k = 0; k < dt; k++) result[o + k] = scale * _g[j * dt + k];
            double sa = 0;
            for (int c = 0; c < _chunks; c++) sa += _partial[c * (m + 1) + j];
            result[layout.OutputWeightIndex(j)] = scale * sa;
        }
        if (layout.HasOutputBias)
        {
            double sb = 0;
            for (int c = 0; c < _chunks; c++) sb += _partial[c * (m + 1) + m];
            result[layout.OutputBiasIndex] = scale * sb;
        }
    }

    /// <summary>Runs the forward pass and returns the Hessian operator.</summary>
    public static HessianOperator Create(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse) =>
        new(NetworkEvaluation.Evaluate(network, data, loss));
}
