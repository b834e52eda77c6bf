namespace Flatness.Numerics.Networks;

/// <summary>A 2-layer homogeneous network f(x; θ) = Σⱼ aⱼ σ(wⱼᵀx + bⱼ) + β.</summary>
/// <remarks>
/// Paper A specification §2 and F1: hidden biases are optional (x̃ = (x, 1), w̃ⱼ = (wⱼ, bⱼ)), the output bias β is
/// optional. The parameter vector θ is laid out neuron by neuron, (w̃₁, a₁, w̃₂, a₂, …, w̃ₘ, aₘ, β), so that a
/// per-neuron rescaling (spec F2) touches one contiguous block; see <see cref="Layout"/>.
/// Instances are immutable: operations that change θ return a new network.
/// </remarks>
public sealed class TwoLayerNetwork
{
    private readonly double[] _parameters;

    /// <summary>Creates a network from a parameter vector laid out as <see cref="ParameterLayout"/> describes.</summary>
    /// <param name="activation">σ.</param>
    /// <param name="layout">Shape: width m, input dimension d, which biases exist.</param>
    /// <param name="parameters">θ, of length <see cref="ParameterLayout.Count"/>; copied; must be finite.</param>
    public TwoLayerNetwork(Activation activation, ParameterLayout layout, ReadOnlySpan<double> parameters)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(layout);
        if (parameters.Length != layout.Count)
            throw new ArgumentException($"expected {layout.Count} parameters for {layout}, got {parameters.Length}");
        foreach (double p in parameters)
            if (!double.IsFinite(p)) throw new ArgumentException("parameters must be finite");
        Activation = activation;
        Layout = layout;
        _parameters = parameters.ToArray();
    }

    /// <summary>Creates a network from its weights, in the shapes of the model file.</summary>
    /// <param name="activation">σ.</param>
    /// <param name="outputWeights">a, length m ≥ 1.</param>
    /// <param name="hiddenWeights">w₁..wₘ, each of length d ≥ 1.</param>
    /// <param name="hiddenBiases">b, length m, or null for none.</param>
    /// <param name="outputBias">β, or null for none.</param>
    public static TwoLayerNetwork FromWeights(Activation activation, IReadOnlyList<double> outputWeights,
        IReadOnlyList<IReadOnlyList<double>> hiddenWeights, IReadOnlyList<double>? hiddenBiases = null, double? outputBias = null)
    {
        ArgumentNullException.ThrowIfNull(outputWeights);
        ArgumentNullException.ThrowIfNull(hiddenWeights);
        int m = outputWeights.Count;
        if (m == 0) throw new ArgumentException("a network needs at least one neuron");
        if (hiddenWeights.Count != m) throw new ArgumentException($"{m} output weights but {hiddenWeights.Count} hidden weight rows");
        int d = hiddenWeights[0].Count;
        if (d == 0) throw new ArgumentException("hidden weight rows must not be empty");
        for (int j = 0; j < m; j++)
            if (hiddenWeights[j].Count != d) throw new ArgumentException($"hidden weight row {j} has {hiddenWeights[j].Count} entries, row 0 has {d}");
        if (hiddenBiases is not null && hiddenBiases.Count != m)
            throw new ArgumentException($"{m} neurons but {hiddenBiases.Count} hidden biases");
        var layout = new ParameterLayout(m, d, hiddenBiases is not null, outputBias is not null);
        var theta = new double[layout.Count];
        for (int j = 0; j < m; j++)
        {
            int o = layout.NeuronOffset(j);
            for (int k = 0; k < d; k++) theta[o + k] = hiddenWeights[j][k];
            if (hiddenBiases is not null) theta[o + d] = hiddenBiases[j];
            theta[layout.OutputWeightIndex(j)] = outputWeights[j];
        }
        if (outputBias is double beta) theta[layout.OutputBiasIndex] = beta;
        return new TwoLayerNetwork(activation, layout, theta);
    }

    /// <summary>σ.</summary>
    public Activation Activation { get; }

    /// <summary>Shape and parameter layout.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>Width m.</summary>
    public int Width => Layout.Width;

    /// <summary>Input dimension d.</summary>
    public int InputDimension => Layout.InputDimension;

    /// <summary>θ (read-only view).</summary>
    public ReadOnlySpan<double> Parameters => _parameters;

    /// <summary>w̃ⱼ = (wⱼ, bⱼ), of length <see cref="ParameterLayout.AugmentedDimension"/>.</summary>
    public ReadOnlySpan<double> AugmentedHiddenWeight(int j) => _parameters.AsSpan(Layout.NeuronOffset(j), Layout.AugmentedDimension);

    /// <summary>wⱼ (without bias).</summary>
    public ReadOnlySpan<double> HiddenWeight(int j) => _parameters.AsSpan(Layout.NeuronOffset(j), Layout.InputDimension);

    /// <summary>bⱼ, or 0 without hidden biases.</summary>
    public double HiddenBias(int j) => Layout.HasHiddenBias ? _parameters[Layout.NeuronOffset(j) + Layout.InputDimension] : 0.0;

    /// <summary>aⱼ.</summary>
    public double OutputWeight(int j) => _parameters[Layout.OutputWeightIndex(j)];

    /// <summary>β, or 0 without an output bias.</summary>
    public double OutputBias => Layout.HasOutputBias ? _parameters[Layout.OutputBiasIndex] : 0.0;

    /// <summary>Returns a network with the same activation and layout and another θ.</summary>
    public TwoLayerNetwork WithParameters(ReadOnlySpan<double> parameters) => new(Activation, Layout, parameters);

    /// <summary>Evaluates f at every row of <paramref name="inputs"/>.</summary>
    /// <param name="inputs">Inputs with the network's input dimension.</param>
    /// <returns>f(xᵢ) for every i.</returns>
    public double[] Predict(Dataset inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return ForwardPass.Predict(this, inputs);
    }

    /// <summary>Evaluates f at one input (reference implementation, plain loops).</summary>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        if (x.Length != InputDimension) throw new ArgumentException($"input has {x.Length} entries, the network expects {InputDimension}");
        double f = OutputBias;
        for (int j = 0; j < Width; j++)
        {
            var w = HiddenWeight(j);
            double z = HiddenBias(j);
            for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
            f += OutputWeight(j) * Activation.Value(z);
        }
        return f;
    }
}
