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
/// <para>A refusal names the input responsible (<see cref="PreflightRefusal.Source"/>), so that the user is told which
/// file to fix: among the inputs the failing quantity depends on (the outputs and the Gauss–Newton trace on the model
/// and the inputs; the residuals, the loss and the residual part also on the targets), the one holding the value of
/// largest magnitude, the model on a tie. The message states the three largest magnitudes.</para>
/// </remarks>
public static class MeasurementPreflight
{
    /// <summary>The largest magnitude of the predictions, the loss and the trace's parts that a measurement accepts.</summary>
    public const double MagnitudeLimit = 1e150;

    /// <summary>Returns null when <see cref="FlatnessMeasurement.Measure"/> can run, otherwise why not (one line).</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">The data.</param>
    /// <param name="options">The measurement's options (loss, spectrum, interpolation tolerance).</param>
    public static string? Refusal(TwoLayerNetwork network, Dataset data, MeasurementOptions options) => Check(network, data, options)?.Message;

    /// <summary>Returns null when <see cref="FlatnessMeasurement.Measure"/> can run, otherwise why not (one line) and
    /// which input is responsible (see the remarks of <see cref="MeasurementPreflight"/>).</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">The data.</param>
    /// <param name="options">The measurement's options (loss, spectrum, interpolation tolerance).</param>
    public static PreflightRefusal? Check(TwoLayerNetwork network, Dataset data, MeasurementOptions options)
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
        var scales = new Scales(MaxAbs(network.Parameters), MaxAbs(data.Inputs), MaxAbs(data.Targets));
        if (!(maxOutput <= MagnitudeLimit)) return scales.Refuse("a network output is", maxOutput, withTargets: false);
        if (!(maxResidual <= MagnitudeLimit)) return scales.Refuse("a residual f(x) - y is", maxResidual, withTargets: true);
        if (!(sumSquares <= MagnitudeLimit)) return scales.Refuse("the sum of squared residuals is", sumSquares, withTargets: true);
        var trace = HessianTrace.Compute(network, data, options.Loss);
        if (!(trace.GaussNewtonTrace <= MagnitudeLimit)) return scales.Refuse("the Gauss-Newton trace is", trace.GaussNewtonTrace, withTargets: false);
        double residualPart = trace.R.Sum(Math.Abs) * trace.Scale;
        if (!(residualPart <= MagnitudeLimit)) return scales.Refuse("the residual part of the Hessian is", residualPart, withTargets: true);
        if (options.Spectrum)
        {
            int p = network.Layout.Count;
            double yScale = Math.Max(1.0, data.Targets.ToArray().Max(Math.Abs));
            bool interpolating = maxResidual <= options.InterpolationTolerance * yScale;
            if (p > FlatnessMeasurement.DenseSpectrumLimit && !(interpolating && data.Count <= FlatnessMeasurement.GramSpectrumLimit))
                return new(interpolating
                    ? $"--spectrum needs P <= {FlatnessMeasurement.DenseSpectrumLimit} or " +
                        $"n <= {FlatnessMeasurement.GramSpectrumLimit} (P = {p}, n = {data.Count})"
                    : $"--spectrum off interpolation needs P <= {FlatnessMeasurement.DenseSpectrumLimit} (P = {p}); " +
                        $"at an interpolator it comes from the n x n Gram matrix",
                    PreflightSource.Model);
        }
        return null;
    }

    /// <summary>The input holding the value of largest magnitude (the model on a tie): the one to name when a result
    /// of the measurement is not finite.</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">The data.</param>
    public static PreflightSource Responsible(TwoLayerNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        return new Scales(MaxAbs(network.Parameters), MaxAbs(data.Inputs), MaxAbs(data.Targets)).Largest(withTargets: true);
    }

    private static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double v in values) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    /// <summary>The largest magnitude in the model's parameters, the inputs and the targets.</summary>
    private readonly record struct Scales(double Model, double Inputs, double Targets)
    {
        public PreflightSource Largest(bool withTargets) =>
            withTargets && Targets > Model && Targets > Inputs ? PreflightSource.Targets
            : Inputs > Model ? PreflightSource.Inputs
            : PreflightSource.Model;

        public PreflightRefusal Refuse(string what, double v, bool withTargets)
        {
            string magnitude = double.IsFinite(v)
                ? $"{v:G3}, beyond {MagnitudeLimit:G0}: too large for the curvature computations in double precision"
                : $"{v} (it overflows double precision)";
            return new($"{what} {magnitude} (largest magnitude in the model {Model:G3}, the inputs {Inputs:G3}, the targets {Targets:G3}); "
                + "rescale the data or the weights", Largest(withTargets));
        }
    }
}

/// <summary>The input a refusal of <see cref="MeasurementPreflight"/> is about.</summary>
public enum PreflightSource
{
    /// <summary>The model file (its weights, or its size for a spectrum).</summary>
    Model,

    /// <summary>The data's inputs x.</summary>
    Inputs,

    /// <summary>The data's targets y.</summary>
    Targets,
}

/// <summary>Why <see cref="MeasurementPreflight.Check"/> refused a measurement.</summary>
/// <param name="Message">The reason, in one line.</param>
/// <param name="Source">The input responsible: the file the error should name.</param>
public sealed record PreflightRefusal(string Message, PreflightSource Source);
