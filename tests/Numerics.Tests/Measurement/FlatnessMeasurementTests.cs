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
            Assert.That(r.Trace.Trace, Is.EqualTo(dense.Trace()).Within(1e-10).Percent);
            Assert.That(r.Extremes.LambdaMax, Is.EqualTo(eig[^1]).Within(1e-8).Percent);
            Assert.That(r.Extremes.LambdaMin, Is.EqualTo(eig[0]).Within(1e-8).Percent);
            Assert.That(r.SpectrumMethod, Is.EqualTo(SpectrumMethod.Dense));
            Assert.That(r.Eigenvalues!.ToArray(), Is.EqualTo(eig).Within(1e-9 * eig[^1]));
            Assert.That(r.Interpolating, Is.False);
            Assert.That(r.MaxStableLearningRate, Is.EqualTo(2 / r.Extremes.LambdaMax));
        });
    }

    [Test]
    public void Interpolation_IsDetectedRelativeToTheTargets()
    {
        var c = Cases.Make("relu", false, false, true, 8, 3, 4, 13);
        Assert.That(FlatnessMeasurement.Measure(c.Network, c.Data).Interpolating, Is.True);
    }
}
