using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Variation;

namespace Flatness.Numerics.Measurement;

/// <summary>Theorem 3.2 of paper B evaluated at one network: |f_θ|_{V_g} ≤ λ_max/2 − 1/2 + (R + 1)√(2L).</summary>
/// <param name="Radius">R = maxᵢ ‖xᵢ‖.</param>
/// <param name="LambdaMax">λ_max(∇²L) of the 1/(2n) loss L (paper B's convention, whatever the user's loss flag).</param>
/// <param name="HalfMseLoss">L = (1/(2n)) Σᵢ rᵢ².</param>
/// <param name="Bound">λ_max/2 − 1/2 + (R + 1)√(2L).</param>
/// <param name="Slack">Bound − |f_θ|_{V_g} (reduced, empirical weight).</param>
/// <param name="Holds">Slack ≥ −10⁻¹²·(|λ_max|/2 + 1/2 + (R + 1)√(2L)): rounding of the eigenvalue only (a network silent on
/// the data has λ_max = 1, L = 0, |f|_{V_g} = 0 and slack exactly 0).</param>
/// <param name="Method">"dense" (P ≤ <see cref="StabilityBoundMeasurement.DenseLimit"/>) or "lanczos".</param>
public sealed record Theorem32Evaluation(double Radius, double LambdaMax, double HalfMseLoss, double Bound, double Slack, bool Holds, string Method);

/// <summary>Per-neuron activation rates rₖ = (1/n)#{i : wₖᵀxᵢ + bₖ &gt; 0} (paper B spec §8), summarised; the classes and
/// their names are <see cref="Training.NeuronStatistics"/>'s.</summary>
/// <param name="ActiveShare">Share of active neurons, 0 &lt; rₖ &lt; 1 (<see cref="Training.NeuronStatistics.ActiveShare"/>).</param>
/// <param name="MedianRate">Median of the rₖ.</param>
/// <param name="Rates">Every rₖ in neuron order.</param>
public sealed record ActivationRates(double ActiveShare, double MedianRate, IReadOnlyList<double> Rates);

/// <summary>The stability bound's quantities for a ReLU network (paper B's weighted variation |f|_{V_g}, Theorem 3.2,
/// activation rates): null fields with a reason for other activations.</summary>
/// <param name="WeightedVariation">Reduced |f_θ|_{V_g} with the empirical weight of the data.</param>
/// <param name="WeightedPathNorm">Raw Σₖ |vₖ|‖wₖ‖ g(uₖ, tₖ) (≥ the reduced value).</param>
/// <param name="Theorem32">Theorem 3.2's bound and slack.</param>
/// <param name="Activation">Activation-rate summary.</param>
/// <param name="Reason">Why the fields are null (non-ReLU activation), else null.</param>
public sealed record StabilityBoundReport(double? WeightedVariation, double? WeightedPathNorm, Theorem32Evaluation? Theorem32,
    ActivationRates? Activation, string? Reason);

/// <summary>The stability-bound part of <c>flatness measure</c> (paper B's quantities): |f|_{V_g}, the raw path norm,
/// Theorem 3.2's bound λ_max/2 − 1/2 + (R + 1)√(2L) and activation rates.</summary>
public static class StabilityBoundMeasurement
{
    /// <summary>Largest P for which λ_max comes from a dense eigendecomposition; above it, from Lanczos.</summary>
    public const int DenseLimit = 400;

    /// <summary>Measures paper B's quantities; for a non-ReLU network every field is null and <see cref="StabilityBoundReport.Reason"/> says why.</summary>
    public static StabilityBoundReport Measure(TwoLayerNetwork network, Dataset data, LanczosOptions? lanczos = null)
    {
        return Assemble(network, data, reduced => Theorem32(network, data, reduced, lanczos));
    }

    /// <summary>Paper B's quantities for a measurement that already has λ_max and the loss under its own convention ν
    /// (the streamed path of <c>flatness measure</c>): both are rescaled by ν/2 to the 1/(2n) loss, whose Hessian is
    /// (ν/2) times the ν-loss Hessian (spec F1: every curvature carries 2/ν).</summary>
    public static StabilityBoundReport Measure(TwoLayerNetwork network, Dataset data, LossConvention loss, double lambdaMax, double lossValue)
    {
        double factor = loss.Nu() / 2.0;
        return Assemble(network, data, reduced => Theorem32(data, reduced, factor * lambdaMax, factor * lossValue, "lanczos"));
    }

    private static StabilityBoundReport Assemble(TwoLayerNetwork network, Dataset data, Func<double, Theorem32Evaluation> theorem32)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (network.Activation is not Relu)
            return new StabilityBoundReport(null, null, null, null,
                $"paper B's V_g seminorm and Theorem 3.2 are for ReLU networks (this one is {network.Activation.Describe()})");
        var weight = Variation.WeightedVariation.EmpiricalWeight(data);
        double reduced = Variation.WeightedVariation.Reduced(network, weight);
        double raw = Variation.WeightedVariation.Raw(network, weight);
        return new StabilityBoundReport(reduced, raw, theorem32(reduced), Rates(network, data), null);
    }

    /// <summary>Theorem 3.2's right side λ_max/2 − 1/2 + (R + 1)√(2L) with the 1/(2n) loss, and its slack over <paramref name="variation"/>.</summary>
    public static Theorem32Evaluation Theorem32(TwoLayerNetwork network, Dataset data, double variation, LanczosOptions? lanczos = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var e = NetworkEvaluation.Evaluate(network, data, LossConvention.HalfMse);
        double lambda;
        string method;
        if (network.Layout.Count <= DenseLimit)
        {
            lambda = DenseSymmetricOperator.FromOperator(new HessianOperator(e)).Eigenvalues()[^1];
            method = "dense";
        }
        else
        {
            lambda = Lanczos.Extremes(new HessianOperator(e), lanczos).LambdaMax;
            method = "lanczos";
        }
        return Theorem32(data, variation, lambda, e.LossValue, method);
    }

    /// <summary>Theorem 3.2's right side from a λ_max and loss already computed under the 1/(2n) convention (e.g. a
    /// streamed measurement's Lanczos λ_max rescaled by ν/2): only R = maxᵢ‖xᵢ‖ is computed here.</summary>
    /// <param name="data">The samples (for R).</param>
    /// <param name="variation">|f_θ|_{V_g} to compare against.</param>
    /// <param name="lambdaMax">λ_max(∇²L) of L = (1/(2n)) Σ rᵢ².</param>
    /// <param name="halfMseLoss">L = (1/(2n)) Σ rᵢ².</param>
    /// <param name="method">How λ_max was obtained, reported as <see cref="Theorem32Evaluation.Method"/>.</param>
    public static Theorem32Evaluation Theorem32(Dataset data, double variation, double lambdaMax, double halfMseLoss, string method)
    {
        ArgumentNullException.ThrowIfNull(data);
        double lambda = lambdaMax;
        double radius = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double r2 = 0;
            foreach (double v in data.Input(i)) r2 += v * v;
            radius = Math.Max(radius, Math.Sqrt(r2));
        }
        double bound = lambda / 2 - 0.5 + (radius + 1) * Math.Sqrt(2 * halfMseLoss);
        double scale = Math.Abs(lambda) / 2 + 0.5 + (radius + 1) * Math.Sqrt(2 * halfMseLoss);
        return new Theorem32Evaluation(radius, lambda, halfMseLoss, bound, bound - variation, bound - variation >= -1e-12 * scale, method);
    }

    /// <summary>rₖ = (1/n)#{i : wₖᵀxᵢ + bₖ &gt; 0} for every neuron, with the share of 0 &lt; rₖ &lt; 1 and the median.</summary>
    public static ActivationRates Rates(TwoLayerNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var rates = new double[network.Width];
        for (int k = 0; k < network.Width; k++)
        {
            var w = network.HiddenWeight(k);
            int active = 0;
            for (int i = 0; i < data.Count; i++)
            {
                var x = data.Input(i);
                double z = network.HiddenBias(k);
                for (int j = 0; j < w.Length; j++) z += w[j] * x[j];
                if (z > 0) active++;
            }
            rates[k] = active / (double)data.Count;
        }
        // One neuron at a time over the samples (no n×m array: measure streams large data); the classes are NeuronStatistics'.
        return new ActivationRates(rates.Count(r => r > 0 && r < 1) / (double)rates.Length, Statistics.Descriptive.Median(rates), rates);
    }
}
