using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Variation;

/// <summary>The raw weighted path norm Σₖ |vₖ|‖wₖ‖ g(w̄ₖ, b̄ₖ) that Theorem 3.2's proof bounds (paper B spec §4).</summary>
/// <remarks>Paper B writes neurons as vₖφ(wₖᵀx − bₖ); this library's bias enters as wᵀx + b, so the threshold is
/// t = −b/‖w‖ and the direction u = w/‖w‖. The raw sum is ≥ |f_θ|_{V_g} (merging antipodal neurons can only lower
/// it); g uses the empirical plug-in weight of <see cref="DataDependentWeight"/>.</remarks>
public static class WeightedPathNorm
{
    /// <summary>Σₖ |aₖ|‖wₖ‖ g(wₖ/‖wₖ‖, −bₖ/‖wₖ‖) over the neurons with wₖ ≠ 0.</summary>
    public static double Compute(TwoLayerNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (network.Activation is not Relu) throw new ArgumentException("the V_g path norm is defined for ReLU networks");
        int d = network.InputDimension;
        double sum = 0;
        var u = new double[d];
        for (int k = 0; k < network.Width; k++)
        {
            var w = network.HiddenWeight(k);
            double norm = 0;
            foreach (double v in w) norm += v * v;
            norm = Math.Sqrt(norm);
            if (norm == 0) continue;
            for (int t = 0; t < d; t++) u[t] = w[t] / norm;
            double threshold = -network.HiddenBias(k) / norm;
            sum += Math.Abs(network.OutputWeight(k)) * norm * DataDependentWeight.Weight(data.Inputs, d, u, threshold);
        }
        return sum;
    }
}
