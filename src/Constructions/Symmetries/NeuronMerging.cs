using Flatness.Numerics.Networks;

namespace Flatness.Constructions.Symmetries;

/// <summary>Merges neurons whose hidden weights point in the same direction (the inverse of <see cref="NeuronSplitting"/>):
/// aσ(c₁w) + bσ(c₂w) = (a c₁^k + b c₂^k)σ(w) for c₁, c₂ &gt; 0 and a degree-k activation, so f is unchanged.</summary>
/// <remarks>For k = 1 merging M identical copies (a/M, w) leaves the orbit-minimal trace unchanged; for k &gt; 1 it
/// multiplies it by M^{(k−1)/(k+1)} (paper A spec A-D3 read backwards). Bias-free networks only.</remarks>
public static class NeuronMerging
{
    /// <summary>Merges positively parallel hidden weights (cosine ≥ 1 − <paramref name="tolerance"/>); the merged neuron has
    /// unit-norm w and output weight Σ aⱼ‖wⱼ‖^k; neurons with w = 0 are dropped (they contribute nothing).</summary>
    public static TwoLayerNetwork Merge(TwoLayerNetwork network, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Layout.HasHiddenBias || network.Layout.HasOutputBias) throw new ArgumentException("merging is implemented for bias-free networks");
        if (!network.Activation.IsHomogeneous)
            throw new ArgumentException($"merging parallel neurons needs a positively homogeneous activation, got {network.Activation}");
        int k = network.Activation.Degree;
        var directions = new List<double[]>();
        var weights = new List<double>();
        for (int j = 0; j < network.Width; j++)
        {
            var w = network.HiddenWeight(j).ToArray();
            double norm = Math.Sqrt(w.Sum(v => v * v));
            if (norm == 0) continue;
            var u = w.Select(v => v / norm).ToArray();
            double a = network.OutputWeight(j) * Math.Pow(norm, k);
            int match = directions.FindIndex(e => e.Zip(u, (p, q) => p * q).Sum() >= 1 - tolerance);
            if (match >= 0) weights[match] += a;
            else
            {
                directions.Add(u);
                weights.Add(a);
            }
        }
        if (directions.Count == 0) throw new ArgumentException("every neuron has w = 0");
        return TwoLayerNetwork.FromWeights(network.Activation, weights, directions.Select(u => (IReadOnlyList<double>)u).ToList());
    }
}
