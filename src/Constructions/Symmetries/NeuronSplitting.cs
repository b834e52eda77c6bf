using Flatness.Numerics.Networks;

namespace Flatness.Constructions.Symmetries;

/// <summary>Splits every neuron into M copies (aⱼ/M, w̃ⱼ): f is unchanged and the orbit-minimal trace is multiplied by
/// M^{(1−k)/(k+1)} (paper A spec A-D3: 1 for k = 1, → 0 for k &gt; 1).</summary>
public static class NeuronSplitting
{
    /// <summary>Returns the width-mM network; copies of neuron j are consecutive.</summary>
    public static TwoLayerNetwork Split(TwoLayerNetwork network, int copies)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        var src = network.Layout;
        var layout = new ParameterLayout(src.Width * copies, src.InputDimension, src.HasHiddenBias, src.HasOutputBias);
        var theta = new double[layout.Count];
        for (int j = 0; j < src.Width; j++)
            for (int c = 0; c < copies; c++)
            {
                int t = j * copies + c;
                network.AugmentedHiddenWeight(j).CopyTo(theta.AsSpan(layout.NeuronOffset(t), layout.AugmentedDimension));
                theta[layout.OutputWeightIndex(t)] = network.OutputWeight(j) / copies;
            }
        if (layout.HasOutputBias) theta[layout.OutputBiasIndex] = network.OutputBias;
        return new TwoLayerNetwork(network.Activation, layout, theta);
    }
}
