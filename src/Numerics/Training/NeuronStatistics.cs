using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Training;

/// <summary>Per-neuron activation rates and norms of a trained network (paper B spec §8, "Activation rate").</summary>
/// <param name="ActivationRates">rₖ = (1/n)#{i : w̃ₖᵀx̃ᵢ &gt; 0}.</param>
/// <param name="PathWeights">|aₖ|·‖wₖ‖₂ (without the bias).</param>
/// <param name="ParameterNorms">‖(wₖ, bₖ, aₖ)‖₂.</param>
public sealed record NeuronStatistics(double[] ActivationRates, double[] PathWeights, double[] ParameterNorms)
{
    /// <summary>Computes the statistics of <paramref name="network"/> on <paramref name="data"/>.</summary>
    public static NeuronStatistics Compute(TwoLayerNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var z = NetworkEvaluation.Evaluate(network, data).Preactivation;
        int n = data.Count, m = network.Width;
        var counts = new int[m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
                if (z[i * m + j] > 0) counts[j]++;
        var rates = new double[m];
        var path = new double[m];
        var norms = new double[m];
        for (int j = 0; j < m; j++)
        {
            rates[j] = counts[j] / (double)n;
            double w2 = 0;
            foreach (double v in network.HiddenWeight(j)) w2 += v * v;
            double a = network.OutputWeight(j), b = network.HiddenBias(j);
            path[j] = Math.Abs(a) * Math.Sqrt(w2);
            norms[j] = Math.Sqrt(w2 + b * b + a * a);
        }
        return new NeuronStatistics(rates, path, norms);
    }

    /// <summary>Share of neurons with 0 &lt; rₖ &lt; 1 ("active/surviving", paper B Fig. 4).</summary>
    public double InteriorShare => ActivationRates.Count(r => r > 0 && r < 1) / (double)ActivationRates.Length;
}
