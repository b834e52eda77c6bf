using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Measurement;

/// <summary>Checks, before any expensive work, that a measurement can be carried out in double precision and that
/// the requested spectrum is within its size limits.</summary>
/// <remarks>
/// Lanczos forms ‖Hv‖² for unit v, which is at most ‖H‖₂² ≤ (tr G + ‖R‖)² with G ⪰ 0 the Gauss–Newton part: if the
/// predictions, the loss and the trace's parts stay below <see cref="MagnitudeLimit"/> = 10¹⁵⁰, every square Lanczos
/// and the dense spectrum form stays below about 10³⁰⁰ &lt; <see cref="double.MaxValue"/> ≈ 1.8·10³⁰⁸. Beyond that the
/// run is refused (a non-finite intermediate would otherwise give NaN, a crash or a silently wrong number). The limit
/// is generous: the magnitudes of any trained network are many orders below it.
/// </remarks>
public static class MeasurementPreflight
{
    /// <summary>The largest magnitude of the predictions, the loss and the trace's parts that a measurement accepts.</summary>
    public const double MagnitudeLimit = 1e150;

    /// <summary>Returns null when <see cref="FlatnessMeasurement.Measure"/> can run, otherwise why not (one line).</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">The data.</param>
    /// <param name="options">The measurement's options (loss, spectrum, interpolation tolerance).</param>
    public static string? Refusal(TwoLayerNetwork network, Dataset data, MeasurementOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var f = network.Predict(data);
        double maxResidual = 0, sumSquares = 0, maxOutput = 0;
        for (int i = 0; i < f.Length; i++)
        {
            double r = f[i] - data.Target(i);
            maxOutput = Math.Max(maxOutput, Math.Abs(f[i]));
            maxResidual = Math.Max(maxResidual, Math.Abs(r));
            sumSquares += r * r;
        }
        if (!(maxOutput <= MagnitudeLimit)) return $"a network output is {Magnitude(maxOutput)}";
        if (!(maxResidual <= MagnitudeLimit)) return $"a residual f(x) - y is {Magnitude(maxResidual)}";
        if (!(sumSquares <= MagnitudeLimit)) return $"the sum of squared residuals is {Magnitude(sumSquares)}";
        var trace = HessianTrace.Compute(network, data, options.Loss);
        if (!(trace.GaussNewtonTrace <= MagnitudeLimit)) return $"the Gauss-Newton trace is {Magnitude(trace.GaussNewtonTrace)}";
        double residualPart = trace.R.Sum(Math.Abs) * trace.Scale;
        if (!(residualPart <= MagnitudeLimit)) return $"the residual part of the Hessian is {Magnitude(residualPart)}";
        if (options.Spectrum)
        {
            int p = network.Layout.Count;
            double yScale = Math.Max(1.0, data.Targets.ToArray().Max(Math.Abs));
            bool interpolating = maxResidual <= options.InterpolationTolerance * yScale;
            if (p > FlatnessMeasurement.DenseSpectrumLimit && !(interpolating && data.Count <= FlatnessMeasurement.GramSpectrumLimit))
                return interpolating
                    ? $"--spectrum needs P <= {FlatnessMeasurement.DenseSpectrumLimit} or n <= {FlatnessMeasurement.GramSpectrumLimit} (P = {p}, n = {data.Count})"
                    : $"--spectrum off interpolation needs P <= {FlatnessMeasurement.DenseSpectrumLimit} (P = {p}); at an interpolator it comes from the n x n Gram matrix";
        }
        return null;
    }

    private static string Magnitude(double v) => double.IsFinite(v)
        ? $"{v:G3}, beyond {MagnitudeLimit:G0}: too large for the curvature computations in double precision; rescale the data or the weights"
        : $"{v} (it overflows double precision); rescale the data or the weights";
}
