using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Spectral;

namespace Flatness.Numerics.Measurement;

/// <summary>How the full spectrum was obtained.</summary>
public enum SpectrumMethod
{
    /// <summary>Dense symmetric eigendecomposition of the P×P Hessian (P ≤ <see cref="FlatnessMeasurement.DenseSpectrumLimit"/>).</summary>
    Dense,

    /// <summary>At an interpolator: the n eigenvalues of 2/(νn)K padded with zeros (spec F4).</summary>
    Gram,
}

/// <summary>Options of <see cref="FlatnessMeasurement.Measure"/>.</summary>
/// <param name="Loss">ν.</param>
/// <param name="Spectrum">Whether to compute all P eigenvalues.</param>
/// <param name="Lanczos">Lanczos settings for λ_max and λ_min.</param>
/// <param name="InterpolationTolerance">|rᵢ| ≤ tol·max(1, max|yᵢ|) for every i counts as interpolation.</param>
/// <param name="Quantities">What to compute (default: everything); Lanczos stops on the extremes asked for.</param>
/// <param name="MemoryBudgetBytes">The cached path is used when its estimate fits (see <see cref="MemoryBudget"/>);
/// otherwise the streaming path. Results are bit-identical either way.</param>
public sealed record MeasurementOptions(LossConvention Loss = LossConvention.Mse, bool Spectrum = false, LanczosOptions? Lanczos = null,
    double InterpolationTolerance = 1e-9, FlatnessQuantities Quantities = FlatnessQuantities.All,
    long MemoryBudgetBytes = MemoryBudget.DefaultBytes);

/// <summary>Every flatness quantity of one network on one dataset.</summary>
public sealed record FlatnessReport
{
    /// <summary>n.</summary>
    public required int Samples { get; init; }
    /// <summary>d.</summary>
    public required int InputDimension { get; init; }
    /// <summary>m.</summary>
    public required int Width { get; init; }
    /// <summary>P.</summary>
    public required int Parameters { get; init; }
    /// <summary>σ.</summary>
    public required Activation Activation { get; init; }
    /// <summary>ν.</summary>
    public required LossConvention Loss { get; init; }
    /// <summary>L̂_ν(θ).</summary>
    public required double LossValue { get; init; }
    /// <summary>maxᵢ|rᵢ|.</summary>
    public required double MaxAbsResidual { get; init; }
    /// <summary>Whether the network interpolates the data (see <see cref="MeasurementOptions.InterpolationTolerance"/>).</summary>
    public required bool Interpolating { get; init; }
    /// <summary>The quantities asked for; the properties of the others are null.</summary>
    public required FlatnessQuantities Quantities { get; init; }
    /// <summary>Whether the forward pass was cached or streamed.</summary>
    public required EvaluationPath Evaluation { get; init; }
    /// <summary>The budget the path was chosen against, in bytes.</summary>
    public required long MemoryBudgetBytes { get; init; }
    /// <summary>Estimated bytes of the cached path (<see cref="MemoryBudget"/>), whichever path was taken.</summary>
    public required long EstimatedCachedBytes { get; init; }
    /// <summary>Estimated bytes of the streaming path.</summary>
    public required long EstimatedStreamingBytes { get; init; }
    /// <summary>The relative tolerance Lanczos stopped on (null when no extreme was asked for).</summary>
    public double? LanczosTolerance { get; init; }
    /// <summary>The exact trace and its parts (null unless the trace or the orbit-minimal trace was asked for).</summary>
    public HessianTraceResult? Trace { get; init; }
    /// <summary>λ_max, λ_min by Lanczos on the exact Hessian-vector product (null unless an extreme was asked for; when
    /// only one was, the other is reported unconverged).</summary>
    public LanczosResult? Extremes { get; init; }
    /// <summary>The orbit-minimal trace (null unless asked for, and null for a smooth activation, see <see cref="OrbitNote"/>).</summary>
    public OrbitMinimalTraceResult? Orbit { get; init; }
    /// <summary>When the orbit-minimal trace was asked for but does not apply (σ not positively homogeneous), the one-line
    /// reason (<see cref="OrbitMinimalTrace.NotApplicable"/>); otherwise null.</summary>
    public string? OrbitNote { get; init; }
    /// <summary>The nearest kink (null unless asked for).</summary>
    public KinkDistance? Kink { get; init; }
    /// <summary>All P eigenvalues ascending, when asked for.</summary>
    public IReadOnlyList<double>? Eigenvalues { get; init; }
    /// <summary>How <see cref="Eigenvalues"/> was computed.</summary>
    public SpectrumMethod? SpectrumMethod { get; init; }

    /// <summary>The largest learning rate for which gradient descent is linearly stable here, 2/λ_max (paper B §2);
    /// null when λ_max ≤ 0.</summary>
    public double? MaxStableLearningRate => Extremes is { LambdaMax: > 0 } x ? 2 / x.LambdaMax : null;
}

/// <summary>The facade behind <c>flatness measure</c>: exact trace, extremes, orbit minimum, kinks and optionally the
/// spectrum, each from its own algorithm class.</summary>
public static class FlatnessMeasurement
{
    /// <summary>Largest P for which a dense spectrum is computed (a dense EVD at P = 2000 took 14 s here).</summary>
    public const int DenseSpectrumLimit = 1500;

    /// <summary>Largest n for the Gram route to the spectrum.</summary>
    public const int GramSpectrumLimit = 2000;

    /// <summary>Measures a network on a dataset.</summary>
    /// <exception cref="ArgumentException">Mismatched dimensions, or a spectrum that cannot be computed at this size
    /// (P above <see cref="DenseSpectrumLimit"/> off interpolation).</exception>
    public static FlatnessReport Measure(TwoLayerNetwork network, Dataset data, MeasurementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new MeasurementOptions();
        if (data.InputDimension != network.InputDimension)
            throw new ArgumentException($"the data has {data.InputDimension} input columns, the network expects {network.InputDimension}");
        var q = options.Quantities;
        var lanczosOptions = (options.Lanczos ?? new LanczosOptions()) with
        {
            Target = (q & (FlatnessQuantities.LambdaMax | FlatnessQuantities.LambdaMin)) switch
            {
                FlatnessQuantities.LambdaMax => LanczosTarget.Largest,
                FlatnessQuantities.LambdaMin => LanczosTarget.Smallest,
                _ => LanczosTarget.Both,
            },
        };
        int n = data.Count, m = network.Width, p = network.Layout.Count;
        string? orbitNote = OrbitMinimalTrace.NotApplicable(network.Activation);
        bool second = !network.Activation.IsPiecewiseLinear;
        int lanes = SampleBlocks.Lanes(n, (long)m * network.Layout.AugmentedDimension);
        long shared = MemoryBudget.SharedBytes(n, data.InputDimension, m, network.Layout.HasHiddenBias, p,
            Math.Min(lanczosOptions.MaxIterations, p), lanes);
        long cachedBytes = shared + MemoryBudget.CachedBytes(n, m, second);
        long streamingBytes = shared + MemoryBudget.StreamingBytes(n);
        var path = cachedBytes <= options.MemoryBudgetBytes ? EvaluationPath.Cached : EvaluationPath.Streaming;

        NetworkEvaluation? cached = null;
        StreamingEvaluation? streamed = null;
        double lossValue, maxAbsResidual;
        if (path == EvaluationPath.Cached)
        {
            cached = NetworkEvaluation.Evaluate(network, data, options.Loss);
            (lossValue, maxAbsResidual) = (cached.LossValue, cached.MaxAbsResidual);
        }
        else
        {
            streamed = StreamingEvaluation.Evaluate(network, data, options.Loss);
            (lossValue, maxAbsResidual) = (streamed.LossValue, streamed.MaxAbsResidual);
        }
        HessianOperator Operator() => cached is not null ? new HessianOperator(cached) : new HessianOperator(streamed!);

        double yScale = Math.Max(1.0, data.Targets.ToArray().Max(Math.Abs));
        bool interpolating = maxAbsResidual <= options.InterpolationTolerance * yScale;
        HessianTraceResult? trace = (q & (FlatnessQuantities.Trace | FlatnessQuantities.OrbitMinimalTrace)) != 0
            ? cached is not null ? HessianTrace.Compute(cached) : HessianTrace.Compute(streamed!)
            : null;
        LanczosResult? lanczos = (q & (FlatnessQuantities.LambdaMax | FlatnessQuantities.LambdaMin)) != 0
            ? Lanczos.Extremes(Operator(), lanczosOptions)
            : null;
        KinkDistance? kink = (q & FlatnessQuantities.Kink) != 0 ? cached is not null ? Kinks.Nearest(cached) : streamed!.Kink : null;

        double[]? eigenvalues = null;
        SpectrumMethod? method = null;
        if (options.Spectrum)
        {
            if (p <= DenseSpectrumLimit)
            {
                eigenvalues = DenseSymmetricOperator.FromOperator(Operator()).Eigenvalues();
                method = Measurement.SpectrumMethod.Dense;
            }
            else if (interpolating && n <= GramSpectrumLimit)
            {
                eigenvalues = GaussNewtonGram.GaussNewtonEigenvalues(cached ?? NetworkEvaluation.Evaluate(network, data, options.Loss));
                method = Measurement.SpectrumMethod.Gram;
            }
            else
                throw new ArgumentException(interpolating
                    ? $"the full spectrum needs P <= {DenseSpectrumLimit} or n <= {GramSpectrumLimit} (P = {p}, n = {n})"
                    : $"the full spectrum off interpolation needs P <= {DenseSpectrumLimit} (P = {p}); at an interpolator it comes from the n x n Gram matrix");
        }
        return new FlatnessReport
        {
            Samples = n,
            InputDimension = data.InputDimension,
            Width = m,
            Parameters = p,
            Activation = network.Activation,
            Loss = options.Loss,
            LossValue = lossValue,
            MaxAbsResidual = maxAbsResidual,
            Interpolating = interpolating,
            Quantities = q,
            Evaluation = path,
            MemoryBudgetBytes = options.MemoryBudgetBytes,
            EstimatedCachedBytes = cachedBytes,
            EstimatedStreamingBytes = streamingBytes,
            Trace = (q & FlatnessQuantities.Trace) != 0 ? trace : null,
            Extremes = lanczos,
            LanczosTolerance = lanczos is null ? null : lanczosOptions.Tolerance,
            Orbit = (q & FlatnessQuantities.OrbitMinimalTrace) != 0 && orbitNote is null ? OrbitMinimalTrace.Compute(trace!, network.Activation.Degree) : null,
            OrbitNote = (q & FlatnessQuantities.OrbitMinimalTrace) != 0 ? orbitNote : null,
            Kink = kink,
            Eigenvalues = eigenvalues,
            SpectrumMethod = method,
        };
    }
}
