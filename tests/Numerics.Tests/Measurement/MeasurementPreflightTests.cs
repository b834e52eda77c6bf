using Flatness.Numerics.Measurement;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Tests.Measurement;

public class MeasurementPreflightTests
{
    /// <summary>A tiny CSV (header, then inputs and the target per line) as a dataset, without the Inputs layer.</summary>
    internal static Dataset Csv(string text)
    {
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        int d = rows[0].Length - 1;
        return new Dataset(rows.SelectMany(r => r.Take(d)).ToArray(), rows.Select(r => r[d]).ToArray(), d);
    }

    private static readonly Dataset Data = MeasurementPreflightTests.Csv("x1,x2,y\n1,2,3\n-1,0.5,1\n2,1,0\n");

    private static TwoLayerNetwork Net(double scale) =>
        TwoLayerNetwork.FromWeights(new Relu(), [scale, -2], [[scale, 2], [0.5, -1]], [0.1, 0.2], 0.3);

    [Test]
    public void OrdinaryNetwork_IsAccepted_AndMeasuresFinite()
    {
        Assert.That(MeasurementPreflight.Refusal(Net(1), Data, new MeasurementOptions()), Is.Null);
        Assert.That(double.IsFinite(FlatnessMeasurement.Measure(Net(1), Data).Extremes!.LambdaMax));
    }

    [TestCase(1e155, "overflows")]     // output 1e310 = ∞
    [TestCase(1e80, "beyond 1E+150")]  // output ~1e160: finite, but its square would overflow
    public void HugeWeights_AreRefused(double scale, string expected) =>
        Assert.That(MeasurementPreflight.Refusal(Net(scale), Data, new MeasurementOptions()), Does.Contain(expected));

    [Test]
    public void JustBelowTheLimit_IsAccepted_AndEveryResultIsFinite()
    {
        // Output ≈ scale²·1: 1e70 ⇒ loss ≈ 1e140/3 < 1e150; the trace's squares stay finite, as the remarks argue.
        var net = Net(1e35);
        Assert.That(MeasurementPreflight.Refusal(net, Data, new MeasurementOptions()), Is.Null);
        var r = FlatnessMeasurement.Measure(net, Data);
        Assert.That(new[] { r.LossValue, r.Trace!.Trace, r.Extremes!.LambdaMax, r.Extremes.LambdaMin }.All(double.IsFinite));
    }

    [Test]
    public void SpectrumRefusal_AgreesWithMeasure()
    {
        // m = 400, d = 2, biases: P = 400·3 + 400 + 1 = 1601 > 1500, off interpolation ⇒ Measure throws; the preflight must refuse first.
        var w = Enumerable.Range(0, 400).Select(j => (IReadOnlyList<double>)[(j % 7 - 3) * 0.1, (j % 5 - 2) * 0.1]).ToList();
        var net = TwoLayerNetwork.FromWeights(new Relu(), Enumerable.Range(0, 400).Select(j => (double)(j % 3 - 1)).ToList(), w,
            Enumerable.Repeat(0.01, 400).ToList(), 0.0);
        var options = new MeasurementOptions(Spectrum: true);
        Assert.That(MeasurementPreflight.Refusal(net, Data, options), Does.Contain("P <= 1500"));
        Assert.Throws<ArgumentException>(() => FlatnessMeasurement.Measure(net, Data, options));
        Assert.That(MeasurementPreflight.Refusal(net, Data, options with { Spectrum = false }), Is.Null);
    }
}

/// <summary>A refusal names the input that holds the huge values, so the CLI names the right file.</summary>
public class MeasurementPreflightSourceTests
{
    private static TwoLayerNetwork Net(double scale) =>
        TwoLayerNetwork.FromWeights(new Relu(), [scale, -2], [[scale, 2], [0.5, -1]], [0.1, 0.2], 0.3);

    [TestCase(1e155, 1, 1, PreflightSource.Model, "a network output")]      // weights: outputs overflow
    [TestCase(1, 1e155, 1, PreflightSource.Inputs, "a network output")]     // inputs: outputs beyond 1e150
    [TestCase(1, 1, 1e155, PreflightSource.Targets, "a residual")]          // targets: residuals beyond 1e150, outputs fine
    [TestCase(1, 1e80, 1, PreflightSource.Inputs, "the sum of squared")]   // inputs 1e80: outputs 2e80, squares 4e160
    [TestCase(1e80, 1e80, 1, PreflightSource.Model, "a network output")]    // a tie names the model
    public void Refusal_NamesTheInputWithTheLargestValues(double weight, double input, double target, PreflightSource expected, string what)
    {
        var data = MeasurementPreflightTests.Csv($"x1,x2,y\n1,{input:R},{target:R}\n-1,0.5,1\n");   // x₂ large: neuron 1 fires, neuron 2 does not
        var refusal = MeasurementPreflight.Check(Net(weight), data, new MeasurementOptions());
        Assert.That(refusal, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Source, Is.EqualTo(expected));
            Assert.That(refusal.Message, Does.StartWith(what).And.Contain("largest magnitude in the model"));
            Assert.That(MeasurementPreflight.Refusal(Net(weight), data, new MeasurementOptions()), Is.EqualTo(refusal.Message));
        });
    }

    [Test]
    public void Responsible_IsTheLargestMagnitude_ModelOnATie()
    {
        var data = MeasurementPreflightTests.Csv("x1,x2,y\n3,2,5\n-1,0.5,1\n");
        Assert.Multiple(() =>
        {
            Assert.That(MeasurementPreflight.Responsible(Net(1), data), Is.EqualTo(PreflightSource.Targets));
            Assert.That(MeasurementPreflight.Responsible(Net(5), data), Is.EqualTo(PreflightSource.Model));
            Assert.That(MeasurementPreflight.Responsible(Net(1), MeasurementPreflightTests.Csv("a,b,y\n9,1,1\n")), Is.EqualTo(PreflightSource.Inputs));
        });
    }

}
