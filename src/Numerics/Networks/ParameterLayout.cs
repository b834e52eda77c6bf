namespace Flatness.Numerics.Networks;

/// <summary>Shape of a 2-layer network and where each parameter sits in θ.</summary>
/// <remarks>θ = (w̃₁, a₁, …, w̃ₘ, aₘ, β): neuron j occupies the block [j(D̃+1), (j+1)(D̃+1)) with D̃ = d + 1 when
/// hidden biases exist and D̃ = d otherwise; β (when present) is last. P = m(D̃ + 1) + 𝟙_β.</remarks>
public sealed record ParameterLayout
{
    /// <summary>Creates a layout.</summary>
    /// <param name="width">m ≥ 1.</param>
    /// <param name="inputDimension">d ≥ 1.</param>
    /// <param name="hasHiddenBias">Whether every neuron has a bias bⱼ.</param>
    /// <param name="hasOutputBias">Whether f has an output bias β.</param>
    public ParameterLayout(int width, int inputDimension, bool hasHiddenBias, bool hasOutputBias)
    {
        if (width < 1) throw new ArgumentException("width must be at least 1");
        if (inputDimension < 1) throw new ArgumentException("input dimension must be at least 1");
        Width = width;
        InputDimension = inputDimension;
        HasHiddenBias = hasHiddenBias;
        HasOutputBias = hasOutputBias;
    }

    /// <summary>m.</summary>
    public int Width { get; }
    /// <summary>d.</summary>
    public int InputDimension { get; }
    /// <summary>Whether hidden biases exist.</summary>
    public bool HasHiddenBias { get; }
    /// <summary>Whether β exists.</summary>
    public bool HasOutputBias { get; }

    /// <summary>D̃ = d + 𝟙_b, the length of w̃ⱼ and x̃.</summary>
    public int AugmentedDimension => InputDimension + (HasHiddenBias ? 1 : 0);

    /// <summary>D̃ + 1, the parameters per neuron.</summary>
    public int NeuronBlock => AugmentedDimension + 1;

    /// <summary>P, the number of parameters.</summary>
    public int Count => Width * NeuronBlock + (HasOutputBias ? 1 : 0);

    /// <summary>Index of the first entry of w̃ⱼ.</summary>
    public int NeuronOffset(int j) => j * NeuronBlock;

    /// <summary>Index of aⱼ.</summary>
    public int OutputWeightIndex(int j) => j * NeuronBlock + AugmentedDimension;

    /// <summary>Index of β (only meaningful when <see cref="HasOutputBias"/>).</summary>
    public int OutputBiasIndex => Width * NeuronBlock;

    /// <inheritdoc/>
    public override string ToString() =>
        $"m={Width}, d={InputDimension}, hidden biases: {(HasHiddenBias ? "yes" : "no")}, output bias: {(HasOutputBias ? "yes" : "no")}";
}
