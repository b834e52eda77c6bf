using System.Numerics.Tensors;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>The exact trace of the loss Hessian of a 2-layer network, in closed form (spec F1).</summary>
/// <remarks>
/// <para>With Pⱼ = Σᵢ σ(zᵢⱼ)², Qⱼ = aⱼ² Σᵢ σ'(zᵢⱼ)²‖x̃ᵢ‖² and Rⱼ = aⱼ Σᵢ rᵢ σ''(zᵢⱼ)‖x̃ᵢ‖²:</para>
/// <para>Tr ∇²L̂_ν = 2/(νn) [ Σⱼ (Pⱼ + Qⱼ + Rⱼ) + n·𝟙_β ],</para>
/// <para>because the a–a block of ∇²fᵢ is zero, the a–w̃ blocks are off-diagonal and β has no second derivative.
/// The Gauss–Newton part is 2/(νn)[Σ(Pⱼ + Qⱼ) + n𝟙_β] = 2/(νn)Σᵢ‖∇fᵢ‖²; the residual part Σ Rⱼ vanishes for k = 1
/// (σ'' = 0 a.e.) and at interpolators. Paper A specification §3, F1; cost: one forward pass plus O(nm).</para>
/// </remarks>
public static class HessianTrace
{
    /// <summary>Computes the trace and its per-neuron parts from a cached forward pass.</summary>
    public static HessianTraceResult Compute(NetworkEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        int n = evaluation.Samples, m = evaluation.Width;
        int rows = ForwardPass.RowsPerChunk;
        int chunks = Parallelism.ChunkCount(n, rows);
        var partial = new double[chunks * 3 * m];
        var s = evaluation.Values;
        var s1 = evaluation.FirstDerivatives;
        var s2 = evaluation.SecondDerivatives;
        Parallelism.For(chunks, chunk =>
        {
            int r0 = chunk * rows, r1 = Math.Min(n, r0 + rows);
            var acc = partial.AsSpan(chunk * 3 * m, 3 * m);
            for (int i = r0; i < r1; i++)
                AccumulateRow(s.AsSpan(i * m, m), s1.AsSpan(i * m, m), s2 is null ? default : s2.AsSpan(i * m, m),
                    evaluation.Residuals[i], evaluation.InputNormsSquared[i], acc);
        });
        return Combine(partial, chunks, evaluation.OutputWeights, evaluation.CurvatureScale, n, evaluation.Network.Layout.HasOutputBias);
    }

    /// <summary>Computes the trace in one fused pass (forward, residuals and Pⱼ, Qⱼ, Rⱼ chunk by chunk), without
    /// storing the n×m arrays: about the cost of one forward pass.</summary>
    public static HessianTraceResult Compute(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse)
    {
        var plan = new ForwardPass.Plan(network, data);
        int n = plan.Samples, m = plan.Width, dt = plan.AugmentedDimension;
        var partial = new double[plan.Chunks * 3 * m];
        var y = data.Targets.ToArray();
        Parallelism.For(plan.Chunks, chunk =>
        {
            var rows = plan.ComputeChunk(chunk, derivatives: true);
            var acc = partial.AsSpan(chunk * 3 * m, 3 * m);
            for (int i = rows.Start; i < rows.End; i++)
            {
                int o = rows.Offset(i);
                var si = rows.S.AsSpan(o, m);
                double r = plan.Beta + TensorPrimitives.Dot(plan.A, si) - y[i];
                double x2 = TensorPrimitives.SumOfSquares(plan.X.AsSpan(i * dt, dt));
                AccumulateRow(si, rows.S1!.AsSpan(o, m), rows.S2 is null ? default : rows.S2.AsSpan(o, m), r, x2, acc);
            }
        });
        return Combine(partial, plan.Chunks, plan.A, loss.CurvatureScale(n), n, network.Layout.HasOutputBias);
    }

    /// <summary>Adds sample i's terms σ², σ'²‖x̃‖², r σ''‖x̃‖² to the chunk's (P, Q, R) accumulators.</summary>
    private static void AccumulateRow(ReadOnlySpan<double> s, ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, double r, double x2, Span<double> acc)
    {
        int m = s.Length;
        var p = acc[..m];
        var q = acc.Slice(m, m);
        for (int j = 0; j < m; j++)
        {
            double v = s[j], d1 = s1[j];
            p[j] += v * v;
            q[j] += d1 * d1 * x2;
        }
        if (!s2.IsEmpty)
        {
            var res = acc.Slice(2 * m, m);
            double rx = r * x2;
            for (int j = 0; j < m; j++) res[j] += rx * s2[j];
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
/// <param name="R">Rⱼ = aⱼ Σᵢ rᵢ σ''(zᵢⱼ)‖x̃ᵢ‖² (zero for k = 1).</param>
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
