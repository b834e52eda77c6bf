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
public sealed record MeasurementOptions(LossConvention Loss = LossConvention.Mse, bool Spectrum = false, LanczosOptions? Lanczos = null,
    double InterpolationTolerance = 1e-9);

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
    /// <summary>The exact trace and its parts.</summary>
    public required HessianTraceResult Trace { get; init; }
    /// <summary>λ_max, λ_min by Lanczos on the exact Hessian-vector product.</summary>
    public required LanczosResult Extremes { get; init; }
    /// <summary>The orbit-minimal trace.</summary>
    public required OrbitMinimalTraceResult Orbit { get; init; }
    /// <summary>The nearest kink.</summary>
    public required KinkDistance Kink { get; init; }
    /// <summary>All P eigenvalues ascending, when asked for.</summary>
    public IReadOnlyList<double>? Eigenvalues { get; init; }
    /// <summary>How <see cref="Eigenvalues"/> was computed.</summary>
    public SpectrumMethod? SpectrumMethod { get; init; }

    /// <summary>The largest learning rate for which gradient descent is linearly stable here, 2/λ_max (paper B §2);
    /// null when λ_max ≤ 0.</summary>
    public double? MaxStableLearningRate => Extremes.LambdaMax > 0 ? 2 / Extremes.LambdaMax : null;
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
        var e = NetworkEvaluation.Evaluate(network, data, options.Loss);
        double yScale = Math.Max(1.0, data.Targets.ToArray().Max(Math.Abs));
        bool interpolating = e.MaxAbsResidual <= options.InterpolationTolerance * yScale;
        var trace = HessianTrace.Compute(e);
        var lanczos = Lanczos.Extremes(new HessianOperator(e), options.Lanczos);
        double[]? eigenvalues = null;
        SpectrumMethod? method = null;
        int p = network.Layout.Count;
        if (options.Spectrum)
        {
            if (p <= DenseSpectrumLimit)
            {
                eigenvalues = DenseSymmetricOperator.FromOperator(new HessianOperator(e)).Eigenvalues();
                method = Measurement.SpectrumMethod.Dense;
            }
            else if (interpolating && data.Count <= GramSpectrumLimit)
            {
                eigenvalues = GaussNewtonGram.GaussNewtonEigenvalues(e);
                method = Measurement.SpectrumMethod.Gram;
            }
            else
                throw new ArgumentException(interpolating
                    ? $"the full spectrum needs P <= {DenseSpectrumLimit} or n <= {GramSpectrumLimit} (P = {p}, n = {data.Count})"
                    : $"the full spectrum off interpolation needs P <= {DenseSpectrumLimit} (P = {p}); at an interpolator it comes from the n x n Gram matrix");
        }
        return new FlatnessReport
        {
            Samples = data.Count,
            InputDimension = data.InputDimension,
            Width = network.Width,
            Parameters = p,
            Activation = network.Activation,
            Loss = options.Loss,
            LossValue = e.LossValue,
            MaxAbsResidual = e.MaxAbsResidual,
            Interpolating = interpolating,
            Trace = trace,
            Extremes = lanczos,
            Orbit = OrbitMinimalTrace.Compute(trace, network.Activation.Degree),
            Kink = Kinks.Nearest(e),
            Eigenvalues = eigenvalues,
            SpectrumMethod = method,
        };
    }
}
