using Flatness.Numerics.Networks;
using Flatness.Numerics.Optimization;

namespace Flatness.Numerics.Curvature;

/// <summary>The smallest λ_max of the Gauss–Newton matrix found over a common rescaling of the neurons.</summary>
/// <param name="Factor">The rescaling factor α that attains it.</param>
/// <param name="LambdaMax">λ_max(G) of the rescaled network.</param>
/// <param name="Evaluations">λ_max evaluations used (grid and golden section).</param>
public sealed record RescalingMinimum(double Factor, double LambdaMax, int Evaluations);

/// <summary>λ_max of the Gauss–Newton matrix G = 2/(νn)JᵀJ minimised over the rescaling (w̃ⱼ, aⱼ) ↦ (αw̃ⱼ, α^{−k}aⱼ), one
/// α &gt; 0 for every neuron (for a one-neuron network: its whole rescaling orbit).</summary>
/// <remarks>
/// <para>The rescaling leaves f, the loss and paper B's path term |a|‖w‖ unchanged (<see cref="PerNeuronRescaling"/>) but not
/// G, so the minimum over α is the tightest case of Term A in the proof of paper B's Theorem 3.2 (spec B-02):
/// λ_max(G) ≥ 1 + 2Σₖ|aₖ|‖wₖ‖g(w̄ₖ, b̄ₖ) must hold there too.</para>
/// <para>Closed form for one ReLU neuron a·σ(wᵀx + b) with an output bias, active on a single sample x (n = 1, ν = 2, so
/// 2/(νn) = 1): G's only nonzero eigenvalue is ‖∇_θf(x)‖² = a²‖x̃‖² + z² + 1 with x̃ = (x, 1) and z = wᵀx + b; under α it is
/// a²‖x̃‖²/α² + α²z² + 1, minimal at α² = |a|‖x̃‖/|z| with value 1 + 2|a|‖x̃‖|z|.</para>
/// <para>The search: λ_max(G) (from the n×n Gram matrix, <see cref="GaussNewtonGram"/>) on the grid log α = lo, lo + h, …, hi,
/// then <see cref="GoldenSectionSearch"/> on [best − h, best + h] down to a bracket of 10⁻⁶ in log α; the smaller of the
/// grid's best and the refined value is returned. λ_max(α) need not be unimodal in general, so the grid step h bounds how
/// far apart two local minima may be resolved.</para>
/// </remarks>
public static class GaussNewtonRescaling
{
    /// <summary>λ_max(G) of <paramref name="network"/> on <paramref name="data"/>: the largest eigenvalue of 2/(νn)K.</summary>
    public static double LambdaMax(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.HalfMse) =>
        GaussNewtonGram.Spectrum(NetworkEvaluation.Evaluate(network, data, loss))[^1];

    /// <summary>The minimum of λ_max(G) over the common rescaling α ∈ [e^lo, e^hi] (see the remarks for the search).</summary>
    /// <param name="network">The network (any activation; the output weights scale by α^{−k}, k its degree).</param>
    /// <param name="data">The samples.</param>
    /// <param name="loss">The loss normalisation (default paper B's 1/(2n)).</param>
    /// <param name="logLow">lo, default −6.</param>
    /// <param name="logHigh">hi, default 6.</param>
    /// <param name="gridStep">h, default 0.5.</param>
    public static RescalingMinimum Minimize(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.HalfMse,
        double logLow = -6, double logHigh = 6, double gridStep = 0.5)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (!(logHigh > logLow) || !(gridStep > 0)) throw new ArgumentException("need logLow < logHigh and a positive grid step");
        var factors = new double[network.Width];
        int evaluations = 0;
        double F(double logAlpha)
        {
            Array.Fill(factors, Math.Exp(logAlpha));
            evaluations++;
            return LambdaMax(PerNeuronRescaling.Apply(network, factors), data, loss);
        }
        double bestLog = logLow, best = double.PositiveInfinity;
        int points = (int)Math.Floor((logHigh - logLow) / gridStep + 1e-9);
        for (int i = 0; i <= points; i++)
        {
            double l = logLow + gridStep * i, f = F(l);
            if (f < best) { best = f; bestLog = l; }
        }
        var refined = GoldenSectionSearch.Minimize(F, bestLog - gridStep, bestLog + gridStep, 1e-6);
        if (refined.Value < best) { best = refined.Value; bestLog = refined.Argument; }
        return new RescalingMinimum(Math.Exp(bestLog), best, evaluations);
    }
}
