using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>Whether the infimum of the trace over the rescaling orbit is attained, approached, or −∞.</summary>
public enum OrbitMinimumStatus
{
    /// <summary>Every neuron's minimum is attained at a finite cⱼ &gt; 0: the balanced network exists.</summary>
    Attained,

    /// <summary>The infimum is finite but some neuron only approaches it as cⱼ → 0 or ∞ (e.g. aⱼ = 0 while active).</summary>
    NotAttained,

    /// <summary>Some neuron's block trace c^{2k}P + c^{−2}Q has Q &lt; 0 (k ≥ 2 off interpolation): the infimum is −∞.</summary>
    UnboundedBelow,
}

/// <summary>The infimum of the Hessian trace over per-neuron positive rescalings, in closed form (spec F2).</summary>
/// <remarks>
/// <para>Under (w̃ⱼ, aⱼ) ↦ (cⱼw̃ⱼ, cⱼ^{−k}aⱼ), f is unchanged, Pⱼ ↦ cⱼ^{2k}Pⱼ and Qⱼ ↦ cⱼ^{−2}Qⱼ (σ' is
/// (k−1)-homogeneous); off interpolation for k ≥ 2 the residual part Rⱼ also scales by cⱼ^{−2} and joins Qⱼ. For
/// P, Q &gt; 0: min_{c&gt;0} c^{2k}P + c^{−2}Q = m_k(P, Q) = (k+1)k^{−k/(k+1)}P^{1/(k+1)}Q^{k/(k+1)}, attained at
/// c^{2k+2} = Q/(kP) (k = 1: AM–GM, 2√(PQ) at c⁴ = Q/P, the data-balanced point P = Q).</para>
/// <para>F*(θ) = 2/(νn)[Σⱼ m_k(Pⱼ, Qⱼ + Rⱼ) + n𝟙_β]. Edge cases: P = Q = 0 (dead neuron) contributes 0 at any c;
/// exactly one of P, Q zero gives infimum 0, not attained; Q + R &lt; 0 gives −∞. Paper A specification §3, F2.</para>
/// </remarks>
public static class OrbitMinimalTrace
{
    /// <summary>Null when σ is positively homogeneous; otherwise the one-line reason the orbit-minimal trace (and the
    /// balanced network of <c>rescale</c>) does not exist for it.</summary>
    public static string? NotApplicable(Activation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return activation.IsHomogeneous ? null
            : $"{activation.Name} is not positively homogeneous: no per-neuron rescaling (w, b, a) -> (cw, cb, c^-k a) keeps f, " +
                $"so there is no orbit to minimise the trace over";
    }

    /// <summary>m_k(P, Q) = (k+1)k^{−k/(k+1)}P^{1/(k+1)}Q^{k/(k+1)} for P, Q ≥ 0.</summary>
    public static double MinimumOverOrbit(double p, double q, int degree)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        if (p < 0 || q < 0) throw new ArgumentOutOfRangeException(nameof(p), "P and Q must be non-negative");
        if (p == 0 || q == 0) return 0.0;
        double k = degree;
        return (k + 1) * Math.Pow(k, -k / (k + 1)) * Math.Pow(p, 1 / (k + 1)) * Math.Pow(q, k / (k + 1));
    }

    /// <summary>The minimiser c* = (Q/(kP))^{1/(2k+2)} of c^{2k}P + c^{−2}Q, for P, Q &gt; 0.</summary>
    public static double MinimisingRescaling(double p, double q, int degree)
    {
        if (!(p > 0 && q > 0)) throw new ArgumentOutOfRangeException(nameof(p), "the minimiser exists only for P, Q > 0");
        return Math.Pow(q / (degree * p), 1.0 / (2 * degree + 2));
    }

    /// <summary>c^{2k}P + c^{−2}Q, the neuron's block trace along its orbit.</summary>
    public static double TraceAlongOrbit(double p, double q, int degree, double c) => Math.Pow(c, 2 * degree) * p + q / (c * c);

    /// <summary>Computes F*(θ) and the balancing rescaling from a trace computation.</summary>
    public static OrbitMinimalTraceResult Compute(HessianTraceResult trace, int degree)
    {
        ArgumentNullException.ThrowIfNull(trace);
        int m = trace.P.Length;
        var neurons = new NeuronOrbit[m];
        var status = OrbitMinimumStatus.Attained;
        string reason = "every neuron is balanced at a finite rescaling";
        double sum = 0;
        for (int j = 0; j < m; j++)
        {
            double p = trace.P[j], q = trace.Q[j] + trace.R[j];
            NeuronOrbit neuron;
            if (q < 0)
            {
                neuron = new NeuronOrbit(p, q, double.NegativeInfinity, double.NaN, OrbitMinimumStatus.UnboundedBelow);
                if (status != OrbitMinimumStatus.UnboundedBelow)
                    reason = $"neuron {j} has Q + R = {q:G6} < 0 (residual curvature off interpolation): its block trace goes to -infinity as c -> 0";
                status = OrbitMinimumStatus.UnboundedBelow;
            }
            else if (p == 0 && q == 0)
                neuron = new NeuronOrbit(p, q, 0.0, 1.0, OrbitMinimumStatus.Attained);
            else if (p == 0 || q == 0)
            {
                neuron = new NeuronOrbit(p, q, 0.0, double.NaN, OrbitMinimumStatus.NotAttained);
                if (status == OrbitMinimumStatus.Attained)
                {
                    status = OrbitMinimumStatus.NotAttained;
                    reason = q == 0
                        ? $"neuron {j} is active but has output weight 0 (Q = 0): its infimum 0 is approached only as c -> 0"
                        : $"neuron {j} has P = 0 but Q > 0 (samples on a kink): its infimum 0 is approached only as c -> infinity";
                }
            }
            else
                neuron = new NeuronOrbit(p, q, MinimumOverOrbit(p, q, degree), MinimisingRescaling(p, q, degree), OrbitMinimumStatus.Attained);
            neurons[j] = neuron;
            sum += neuron.Minimum;
        }
        double infimum = status == OrbitMinimumStatus.UnboundedBelow ? double.NegativeInfinity : trace.Scale * sum + trace.OutputBiasTerm;
        return new OrbitMinimalTraceResult(status, infimum, neurons, reason);
    }

    /// <summary>Runs the forward pass and computes F*(θ).</summary>
    /// <exception cref="ArgumentException">A smooth activation (gelu, gelu_tanh, silu, tanh): there is no rescaling orbit.</exception>
    public static OrbitMinimalTraceResult Compute(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (NotApplicable(network.Activation) is string reason) throw new ArgumentException(reason);
        return Compute(HessianTrace.Compute(network, data, loss), network.Activation.Degree);
    }
}

/// <summary>One neuron's orbit: its (P, Q + R), the infimum of its block trace, and the minimising cⱼ (NaN if none).</summary>
public sealed record NeuronOrbit(double P, double Q, double Minimum, double Rescaling, OrbitMinimumStatus Status);

/// <summary>The orbit-minimal trace F*(θ) (spec F2).</summary>
/// <param name="Status">Attained, not attained, or unbounded below.</param>
/// <param name="Infimum">inf over the orbit of Tr ∇²L̂ (−∞ when unbounded).</param>
/// <param name="Neurons">Per-neuron orbits.</param>
/// <param name="Reason">One sentence on why the status is what it is.</param>
public sealed record OrbitMinimalTraceResult(OrbitMinimumStatus Status, double Infimum, IReadOnlyList<NeuronOrbit> Neurons, string Reason)
{
    /// <summary>F*(θ) when the minimum is attained, otherwise null.</summary>
    public double? Value => Status == OrbitMinimumStatus.Attained ? Infimum : null;

    /// <summary>The balancing rescaling cⱼ (only when attained).</summary>
    public double[] Rescaling() => Status == OrbitMinimumStatus.Attained
        ? Neurons.Select(n => n.Rescaling).ToArray()
        : throw new InvalidOperationException("the orbit minimum is not attained: " + Reason);
}
