using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Training;

/// <summary>Per-neuron activation rates and norms of a trained network (paper B spec §8, "Activation rate").</summary>
/// <remarks>The neuron classes, one name each: <b>silent</b> rₖ = 0 (fires on no sample), <b>firing</b> rₖ &gt; 0,
/// <b>active</b> 0 &lt; rₖ &lt; 1 (its kink lies inside the data: paper B Fig. 4's "surviving" neurons), <b>always on</b>
/// rₖ = 1. Silent neurons are a share of their own: they never enter a correlation or a "small subset" share.</remarks>
/// <param name="ActivationRates">rₖ = (1/n)#{i : w̃ₖᵀx̃ᵢ &gt; 0}.</param>
/// <param name="PathWeights">|aₖ|·‖wₖ‖₂ (without the bias).</param>
/// <param name="ParameterNorms">‖(wₖ, bₖ, aₖ)‖₂.</param>
/// <param name="HiddenNorms">‖(wₖ, bₖ)‖₂, the hidden-layer weight norm.</param>
public sealed record NeuronStatistics(double[] ActivationRates, double[] PathWeights, double[] ParameterNorms, double[] HiddenNorms)
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
        var hidden = new double[m];
        for (int j = 0; j < m; j++)
        {
            rates[j] = counts[j] / (double)n;
            double w2 = 0;
            foreach (double v in network.HiddenWeight(j)) w2 += v * v;
            double a = network.OutputWeight(j), b = network.HiddenBias(j);
            path[j] = Math.Abs(a) * Math.Sqrt(w2);
            norms[j] = Math.Sqrt(w2 + b * b + a * a);
            hidden[j] = Math.Sqrt(w2 + b * b);
        }
        return new NeuronStatistics(rates, path, norms, hidden);
    }

    /// <summary>m, the number of neurons.</summary>
    public int Count => ActivationRates.Length;

    /// <summary>Share of silent neurons (rₖ = 0).</summary>
    public double SilentShare => ActivationRates.Count(r => r == 0) / (double)Count;

    /// <summary>Share of firing neurons (rₖ &gt; 0).</summary>
    public double FiringShare => ActivationRates.Count(r => r > 0) / (double)Count;

    /// <summary>Share of active neurons (0 &lt; rₖ &lt; 1: the kink lies inside the data; paper B Fig. 4's "surviving").</summary>
    public double ActiveShare => ActivationRates.Count(r => r > 0 && r < 1) / (double)Count;

    /// <summary>Among firing neurons, the share with rₖ ≤ <paramref name="rate"/> (NaN when none fires).</summary>
    public double FiringShareAtMost(double rate)
    {
        int firing = ActivationRates.Count(r => r > 0);
        return firing == 0 ? double.NaN : ActivationRates.Count(r => r > 0 && r <= rate) / (double)firing;
    }

    /// <summary>Among all neurons, the share that fires on a small subset: 0 &lt; rₖ ≤ <paramref name="rate"/>.</summary>
    public double SmallSubsetShare(double rate) => ActivationRates.Count(r => r > 0 && r <= rate) / (double)Count;

    /// <summary>The largest rₖ.</summary>
    public double MaxRate => ActivationRates.Max();

    /// <summary>The indices of the firing neurons (rₖ &gt; 0).</summary>
    public IReadOnlyList<int> Firing => Enumerable.Range(0, Count).Where(k => ActivationRates[k] > 0).ToList();
}
