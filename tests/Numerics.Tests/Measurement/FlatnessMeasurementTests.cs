using Flatness.Numerics.Curvature;
using Flatness.Numerics.Measurement;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Measurement;

public class FlatnessMeasurementTests
{
    [Test]
    public void Report_CombinesTheExactQuantities_AndTheDenseSpectrum()
    {
        var c = Cases.Make("relu2", true, true, false, 8, 3, 4, 12);
        var r = FlatnessMeasurement.Measure(c.Network, c.Data, new MeasurementOptions(LossConvention.HalfMse, Spectrum: true));
        var dense = DenseHessian.Compute(c.Network, c.Data, LossConvention.HalfMse);
        var eig = dense.Eigenvalues();
        Assert.Multiple(() =>
        {
            Assert.That(r.Trace!.Trace, Is.EqualTo(dense.Trace()).Within(1e-10).Percent);
            Assert.That(r.Extremes!.LambdaMax, Is.EqualTo(eig[^1]).Within(1e-8).Percent);
            Assert.That(r.Extremes!.LambdaMin, Is.EqualTo(eig[0]).Within(1e-8).Percent);
            Assert.That(r.SpectrumMethod, Is.EqualTo(SpectrumMethod.Dense));
            Assert.That(r.Eigenvalues!.ToArray(), Is.EqualTo(eig).Within(1e-9 * eig[^1]));
            Assert.That(r.Interpolating, Is.False);
            Assert.That(r.MaxStableLearningRate, Is.EqualTo(2 / r.Extremes!.LambdaMax));
        });
    }

    [Test]
    public void Interpolation_IsDetectedRelativeToTheTargets()
    {
        var c = Cases.Make("relu", false, false, true, 8, 3, 4, 13);
        Assert.That(FlatnessMeasurement.Measure(c.Network, c.Data).Interpolating, Is.True);
    }

    [Test]
    public void MemoryBudget_ChoosesThePath_AndBothPathsReportTheSameBits()
    {
        var c = Cases.Make("relu2", true, true, false, 400, 4, 7, 14);
        var cached = FlatnessMeasurement.Measure(c.Network, c.Data, new MeasurementOptions(Spectrum: true));
        var streamed = FlatnessMeasurement.Measure(c.Network, c.Data, new MeasurementOptions(Spectrum: true, MemoryBudgetBytes: 0));
        // Just below the cached estimate: streaming; at it: cached.
        var edge = FlatnessMeasurement.Measure(c.Network, c.Data,
            new MeasurementOptions(MemoryBudgetBytes: cached.EstimatedCachedBytes - 1, Quantities: FlatnessQuantities.Trace));
        var at = FlatnessMeasurement.Measure(c.Network, c.Data,
            new MeasurementOptions(MemoryBudgetBytes: cached.EstimatedCachedBytes, Quantities: FlatnessQuantities.Trace));
        Assert.Multiple(() =>
        {
            Assert.That(cached.Evaluation, Is.EqualTo(EvaluationPath.Cached));
            Assert.That(streamed.Evaluation, Is.EqualTo(EvaluationPath.Streaming));
            Assert.That(edge.Evaluation, Is.EqualTo(EvaluationPath.Streaming));
            Assert.That(at.Evaluation, Is.EqualTo(EvaluationPath.Cached));
            Assert.That(streamed.LossValue, Is.EqualTo(cached.LossValue));
            Assert.That(streamed.Trace!.Trace, Is.EqualTo(cached.Trace!.Trace));
            Assert.That(streamed.Extremes!.LambdaMax, Is.EqualTo(cached.Extremes!.LambdaMax));
            Assert.That(streamed.Extremes.LambdaMin, Is.EqualTo(cached.Extremes.LambdaMin));
            Assert.That(streamed.Extremes.Iterations, Is.EqualTo(cached.Extremes.Iterations));
            Assert.That(streamed.Orbit!.Value, Is.EqualTo(cached.Orbit!.Value));
            Assert.That(streamed.Kink, Is.EqualTo(cached.Kink));
            Assert.That(streamed.Eigenvalues, Is.EqualTo(cached.Eigenvalues));
        });
    }

    [TestCaseSource(typeof(Cases), nameof(Cases.SmoothActivationNames))]
    public void SmoothActivation_MeasuresTheFullHessian_AndGivesNoOrbitButItsReason(string activation)
    {
        var c = Cases.Make(activation, true, true, false, 300, 3, 5, 16);
        var cached = FlatnessMeasurement.Measure(c.Network, c.Data, new MeasurementOptions(Spectrum: true));
        var streamed = FlatnessMeasurement.Measure(c.Network, c.Data, new MeasurementOptions(Spectrum: true, MemoryBudgetBytes: 0));
        var dense = DenseHessian.Compute(c.Network, c.Data, LossConvention.Mse);
        Assert.Multiple(() =>
        {
            Assert.That(cached.Trace!.Trace, Is.EqualTo(dense.Trace()).Within(1e-10).Percent);
            Assert.That(cached.Trace.ResidualTrace, Is.Not.Zero);
            Assert.That(cached.Eigenvalues!.ToArray(), Is.EqualTo(dense.Eigenvalues()).Within(1e-9 * Math.Abs(cached.Extremes!.LambdaMax)));
            Assert.That(cached.Orbit, Is.Null);
            Assert.That(cached.OrbitNote, Is.EqualTo(OrbitMinimalTrace.NotApplicable(c.Network.Activation)).And.Not.Null);
            Assert.That(cached.Kink!.OnKink, Is.False);
            Assert.That((streamed.Evaluation, streamed.Trace!.Trace, streamed.Extremes!.LambdaMax, streamed.Extremes.LambdaMin, streamed.OrbitNote),
                Is.EqualTo((EvaluationPath.Streaming, cached.Trace.Trace, cached.Extremes.LambdaMax, cached.Extremes.LambdaMin, cached.OrbitNote)));
        });
        var traceOnly = FlatnessMeasurement.Measure(c.Network, c.Data, new MeasurementOptions(Quantities: FlatnessQuantities.Trace));
        Assert.That(traceOnly.OrbitNote, Is.Null, "no note for a quantity not asked for");
    }

    [Test]
    public void Quantities_NotAskedFor_AreNull_AndLanczosStopsOnTheOneAskedFor()
    {
        var c = Cases.Make("relu", true, true, false, 60, 3, 6, 15);
        var dense = DenseHessian.Compute(c.Network, c.Data, LossConvention.Mse).Eigenvalues();
        var r = FlatnessMeasurement.Measure(c.Network, c.Data, new MeasurementOptions(Quantities: FlatnessQuantities.LambdaMax,
            Lanczos: new Flatness.Numerics.Spectral.LanczosOptions(Tolerance: 1e-6)));
        Assert.Multiple(() =>
        {
            Assert.That(r.Trace, Is.Null);
            Assert.That(r.Orbit, Is.Null);
            Assert.That(r.Kink, Is.Null);
            Assert.That(r.Extremes, Is.Not.Null);
            Assert.That(r.LanczosTolerance, Is.EqualTo(1e-6));
            Assert.That(r.Extremes!.RelativeResidualMax, Is.LessThanOrEqualTo(1e-6));
            Assert.That(Math.Abs(r.Extremes.LambdaMax - dense[^1]), Is.LessThanOrEqualTo(r.Extremes.ResidualMax));
        });
        var orbitOnly = FlatnessMeasurement.Measure(c.Network, c.Data, new MeasurementOptions(Quantities: FlatnessQuantities.OrbitMinimalTrace));
        Assert.That(orbitOnly.Trace, Is.Null);
        Assert.That(orbitOnly.Extremes, Is.Null);
        Assert.That(orbitOnly.Orbit!.Value, Is.EqualTo(FlatnessMeasurement.Measure(c.Network, c.Data).Orbit!.Value));
    }
}
