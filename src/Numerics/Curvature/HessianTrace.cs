using System.Runtime.Intrinsics;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>The exact trace of the loss Hessian of a 2-layer network, in closed form (spec F1).</summary>
/// <remarks>
/// <para>With Pⱼ = Σᵢ σ(zᵢⱼ)², Qⱼ = aⱼ² Σᵢ σ'(zᵢⱼ)²‖x̃ᵢ‖² and Rⱼ = aⱼ Σᵢ rᵢ σ''(zᵢⱼ)‖x̃ᵢ‖²:</para>
/// <para>Tr ∇²L̂_ν = 2/(νn) [ Σⱼ (Pⱼ + Qⱼ + Rⱼ) + n·𝟙_β ],</para>
/// <para>because the a–a block of ∇²fᵢ is zero, the a–w̃ blocks are off-diagonal and β has no second derivative.
/// The Gauss–Newton part is 2/(νn)[Σ(Pⱼ + Qⱼ) + n𝟙_β] = 2/(νn)Σᵢ‖∇fᵢ‖²; the residual part Σ Rⱼ vanishes for k = 1
/// (σ'' = 0 a.e.) and at interpolators, and is present off interpolation for k ≥ 2 and the smooth activations. Paper A specification §3, F1; cost: one forward
/// pass plus O(nm).</para>
/// </remarks>
public static class HessianTrace
{
    /// <summary>Computes the trace and its per-neuron parts from a cached forward pass.</summary>
    public static HessianTraceResult Compute(NetworkEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return Compute(new CachedRows(evaluation));
    }

    /// <summary>Computes the trace from a streaming forward pass, recomputing σ, σ', σ'' block by block (one more
    /// forward pass, no n×m array); bit-identical to the cached overload.</summary>
    public static HessianTraceResult Compute(StreamingEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return Compute(evaluation.Rows);
    }

    private static HessianTraceResult Compute(SampleRows source)
    {
        int n = source.Samples, m = source.Width;
        var a = source.A;
        var partial = Accumulate(n, m, (r0, r1, acc) =>
        {
            var view = source.Rows(r0, r1);
            for (int i = r0; i < r1; i++)
            {
                int o = view.Offset + (i - r0) * m;
                AccumulateRow(view.S.AsSpan(o, m), view.S1.AsSpan(o, m), view.S2 is null ? default : view.S2.AsSpan(o, m),
                    source.Residuals[i], source.InputNormsSquared[i], acc);
            }
        }, out int lanes);
        return Combine(partial, lanes, a, source.Scale, n, source.Network.Layout.HasOutputBias);
    }

    /// <summary>Computes the trace in one fused pass (forward, residuals and Pⱼ, Qⱼ, Rⱼ block by block), without
    /// storing the n×m arrays: about the cost of one forward pass, bit-identical to the other overloads.</summary>
    public static HessianTraceResult Compute(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse)
    {
        var plan = new ForwardPass.Plan(network, data);
        int n = plan.Samples, m = plan.Width, dt = plan.AugmentedDimension;
        var y = data.Targets.ToArray();
        var partial = Accumulate(n, m, (r0, r1, acc) =>
        {
            for (int c0 = r0; c0 < r1; c0 += ForwardPass.RowsPerChunk)
            {
                var rows = plan.ComputeChunk(c0 / ForwardPass.RowsPerChunk, derivatives: true);
                for (int i = rows.Start; i < rows.End; i++)
                {
                    int o = rows.Offset(i);
                    var si = rows.S.AsSpan(o, m);
                    double r = plan.Beta + FixedOrder.Dot(plan.A, si) - y[i];
                    double x2 = FixedOrder.SumOfSquares(plan.X.AsSpan(i * dt, dt));
                    AccumulateRow(si, rows.S1!.AsSpan(o, m), rows.S2 is null ? default : rows.S2.AsSpan(o, m), r, x2, acc);
                }
            }
        }, out int lanes);
        return Combine(partial, lanes, plan.A, loss.CurvatureScale(n), n, network.Layout.HasOutputBias);
    }

    /// <summary>Runs <paramref name="block"/> over the fixed blocks of <see cref="SampleBlocks"/>, each lane into its own
    /// 3m accumulators (lane-major).</summary>
    private static double[] Accumulate(int n, int m, Action<int, int, Span<double>> block, out int lanes)
    {
        int blocks = SampleBlocks.Blocks(n);
        int l = SampleBlocks.Lanes(n, 3L * m);
        var partial = new double[l * 3 * m];
        Parallelism.For(l, lane =>
        {
            var (b0, b1) = SampleBlocks.LaneBlocks(lane, l, blocks);
            for (int b = b0; b < b1; b++)
            {
                int r0 = b * SampleBlocks.RowsPerBlock, r1 = Math.Min(n, r0 + SampleBlocks.RowsPerBlock);
                block(r0, r1, partial.AsSpan(lane * 3 * m, 3 * m));
            }
        });
        lanes = l;
        return partial;
    }

    /// <summary>Adds sample i's terms σ², σ'²‖x̃‖², r σ''‖x̃‖² to the chunk's (P, Q, R) accumulators: pⱼ += σⱼσⱼ,
    /// qⱼ += (σ'ⱼσ'ⱼ)‖x̃‖², Rⱼ += (r‖x̃‖²)σ''ⱼ (elementwise, so SIMD gives the bits of the scalar loop).</summary>
    private static void AccumulateRow(ReadOnlySpan<double> s, ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, double r, double x2, Span<double> acc)
    {
        int m = s.Length, j = 0;
        var p = acc[..m];
        var q = acc.Slice(m, m);
        if (Vector256.IsHardwareAccelerated)
        {
            var xv = Vector256.Create(x2);
            for (; j + 4 <= m; j += 4)
            {
                var v = Vector256.Create(s.Slice(j, 4));
                var d1 = Vector256.Create(s1.Slice(j, 4));
                (Vector256.Create(p.Slice(j, 4)) + v * v).CopyTo(p.Slice(j, 4));
                (Vector256.Create(q.Slice(j, 4)) + d1 * d1 * xv).CopyTo(q.Slice(j, 4));
            }
        }
        for (; j < m; j++)
        {
            double v = s[j], d1 = s1[j];
            p[j] += v * v;
            q[j] += d1 * d1 * x2;
        }
        if (!s2.IsEmpty)
        {
            var res = acc.Slice(2 * m, m);
            double rx = r * x2;
            for (int k = 0; k < m; k++) res[k] += rx * s2[k];
        }
    }

    private static HessianTraceResult Combine(double[] partial, int chunks, double[] a, double scale, int n, bool hasOutputBias)
    {
        int m = a.Length;
        var pj = new double[m];
        var qj = new double[m];
        var rj = new double[m];
        for (int c = 0; c < chunks; c++)
        {
            int o = c * 3 * m;
            for (int j = 0; j < m; j++)
            {
                pj[j] += partial[o + j];
                qj[j] += partial[o + m + j];
                rj[j] += partial[o + 2 * m + j];
            }
        }
        for (int j = 0; j < m; j++)
        {
            qj[j] *= a[j] * a[j];
            rj[j] *= a[j];
        }
        return new HessianTraceResult(scale, n, hasOutputBias, pj, qj, rj);
    }
}

/// <summary>The exact Hessian trace and its parts (spec F1).</summary>
/// <param name="Scale">2/(νn).</param>
/// <param name="Samples">n.</param>
/// <param name="HasOutputBias">Whether the network has β (contributes exactly 2/ν).</param>
/// <param name="P">Pⱼ = Σᵢ σ(zᵢⱼ)².</param>
/// <param name="Q">Qⱼ = aⱼ² Σᵢ σ'(zᵢⱼ)²‖x̃ᵢ‖².</param>
/// <param name="R">Rⱼ = aⱼ Σᵢ rᵢ σ''(zᵢⱼ)‖x̃ᵢ‖² (zero for k = 1 and at interpolators).</param>
public sealed record HessianTraceResult(double Scale, int Samples, bool HasOutputBias, double[] P, double[] Q, double[] R)
{
    /// <summary>The output bias's contribution 2/(νn)·n = 2/ν (0 without β).</summary>
    public double OutputBiasTerm => HasOutputBias ? Scale * Samples : 0.0;

    /// <summary>2/(νn) Σⱼ(Pⱼ + Qⱼ) + 2/ν·𝟙_β = 2/(νn)Σᵢ‖∇fᵢ‖².</summary>
    public double GaussNewtonTrace => Scale * (P.Sum() + Q.Sum()) + OutputBiasTerm;

    /// <summary>2/(νn) Σⱼ Rⱼ = 2/(νn) Σᵢ rᵢ Tr ∇²fᵢ.</summary>
    public double ResidualTrace => Scale * R.Sum();

    /// <summary>Tr ∇²L̂_ν.</summary>
    public double Trace => GaussNewtonTrace + ResidualTrace;
}
