using Flatness.Numerics.Networks;

namespace Flatness.Constructions.Symmetries;

/// <summary>Permutes the hidden neurons: f is unchanged, so is every curvature quantity (paper A spec F2, A-D6).</summary>
public static class NeuronPermutation
{
    /// <summary>Neuron j of the result is neuron <c>permutation[j]</c> of the input.</summary>
    public static TwoLayerNetwork Apply(TwoLayerNetwork network, IReadOnlyList<int> permutation)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(permutation);
        int m = network.Width;
        if (permutation.Count != m || permutation.Distinct().Count() != m || permutation.Any(p => p < 0 || p >= m))
            throw new ArgumentException($"not a permutation of 0..{m - 1}");
        var layout = network.Layout;
        var src = network.Parameters;
        var theta = new double[layout.Count];
        for (int j = 0; j < m; j++)
            src.Slice(layout.NeuronOffset(permutation[j]), layout.NeuronBlock).CopyTo(theta.AsSpan(layout.NeuronOffset(j), layout.NeuronBlock));
        if (layout.HasOutputBias) theta[layout.OutputBiasIndex] = network.OutputBias;
        return network.WithParameters(theta);
    }
}
