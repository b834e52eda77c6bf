namespace Flatness.Numerics.Networks;

/// <summary>Samples (xᵢ, yᵢ), i = 1..n, with xᵢ ∈ ℝᵈ stored row-major.</summary>
public sealed class Dataset
{
    private readonly double[] _inputs;
    private readonly double[] _targets;
    private double[]? _augmented;

    /// <summary>Creates a dataset.</summary>
    /// <param name="inputs">n×d inputs, row-major; copied; finite.</param>
    /// <param name="targets">n targets; copied; finite.</param>
    /// <param name="inputDimension">d ≥ 1.</param>
    public Dataset(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int inputDimension)
    {
        if (inputDimension < 1) throw new ArgumentException("input dimension must be at least 1");
        if (targets.Length == 0) throw new ArgumentException("a dataset needs at least one sample");
        if (inputs.Length != targets.Length * inputDimension)
            throw new ArgumentException($"{targets.Length} targets need {targets.Length * inputDimension} input values, got {inputs.Length}");
        foreach (double v in inputs) if (!double.IsFinite(v)) throw new ArgumentException("inputs must be finite");
        foreach (double v in targets) if (!double.IsFinite(v)) throw new ArgumentException("targets must be finite");
        _inputs = inputs.ToArray();
        _targets = targets.ToArray();
        InputDimension = inputDimension;
    }

    private Dataset(double[] inputs, double[] targets, int inputDimension, bool validated)
    {
        _ = validated;
        _inputs = inputs;
        _targets = targets;
        InputDimension = inputDimension;
    }

    /// <summary>Takes ownership of arrays that a reader has just filled and will not touch again (no copy, so a large
    /// file is held once); the same checks as the public constructor.</summary>
    internal static Dataset Adopt(double[] inputs, double[] targets, int inputDimension)
    {
        if (inputDimension < 1) throw new ArgumentException("input dimension must be at least 1");
        if (targets.Length == 0) throw new ArgumentException("a dataset needs at least one sample");
        if (inputs.LongLength != (long)targets.Length * inputDimension)
            throw new ArgumentException($"{targets.Length} targets need {(long)targets.Length * inputDimension} input values, got {inputs.LongLength}");
        foreach (double v in inputs) if (!double.IsFinite(v)) throw new ArgumentException("inputs must be finite");
        foreach (double v in targets) if (!double.IsFinite(v)) throw new ArgumentException("targets must be finite");
        return new Dataset(inputs, targets, inputDimension, validated: true);
    }

    /// <summary>n.</summary>
    public int Count => _targets.Length;

    /// <summary>d.</summary>
    public int InputDimension { get; }

    /// <summary>All inputs, row-major n×d.</summary>
    public ReadOnlySpan<double> Inputs => _inputs;

    /// <summary>All targets.</summary>
    public ReadOnlySpan<double> Targets => _targets;

    /// <summary>xᵢ.</summary>
    public ReadOnlySpan<double> Input(int i) => _inputs.AsSpan(i * InputDimension, InputDimension);

    /// <summary>yᵢ.</summary>
    public double Target(int i) => _targets[i];

    /// <summary>The same inputs with other targets (e.g. yᵢ := f(xᵢ) to make an interpolator).</summary>
    public Dataset WithTargets(ReadOnlySpan<double> targets) => new(_inputs, targets, InputDimension);

    /// <summary>x̃ᵢ = (xᵢ, 1) as an n×(d+1) row-major matrix when <paramref name="withBias"/>, else the inputs.</summary>
    internal double[] AugmentedArray(bool withBias)
    {
        if (!withBias) return _inputs;
        if (_augmented is null)
        {
            int d = InputDimension;
            var a = new double[Count * (d + 1)];
            for (int i = 0; i < Count; i++)
            {
                _inputs.AsSpan(i * d, d).CopyTo(a.AsSpan(i * (d + 1), d));
                a[i * (d + 1) + d] = 1.0;
            }
            _augmented = a;
        }
        return _augmented;
    }
}
