using Flatness.Numerics.Curvature;
using Flatness.Numerics.Measurement;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Variation;
using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Numerics.Tests.Measurement;

/// <summary>Paper B's Theorem 3.2 evaluation (spec B §5) against references that share no code with it: the dense
/// Hessian assembled sample by sample (<see cref="DenseHessian"/>) diagonalised by MathNet, plain loops for R and L.</summary>
public class StabilityBoundMeasurementTests
{
    private static TestNet Relu(ulong seed) => Cases.Make("relu", true, true, false, 30, 3, 6, seed);

    private static double MathNetLambdaMax(TwoLayerNetwork net, Dataset data, LossConvention loss)
    {
        var h = DenseHessian.Compute(net, data, loss);
        int p = h.Dimension;
        var m = Matrix<double>.Build.Dense(p, p, (i, j) => h[i, j]);
        return m.Evd(Symmetricity.Symmetric).EigenValues.Max(z => z.Real);
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    public void Theorem32_MatchesAnIndependentBound(ulong seed)
    {
        var c = Relu(seed);
        var report = StabilityBoundMeasurement.Measure(c.Network, c.Data);
        Assert.That(report.Reason, Is.Null);
        var t = report.Theorem32!;
        double lambda = MathNetLambdaMax(c.Network, c.Data, LossConvention.HalfMse);
        double loss = 0, radius = 0;
        for (int i = 0; i < c.Data.Count; i++)
        {
            double r = c.Network.Evaluate(c.Data.Input(i)) - c.Data.Target(i);
            loss += r * r;
            radius = Math.Max(radius, Math.Sqrt(c.Data.Input(i).ToArray().Sum(v => v * v)));
        }
        loss /= 2 * c.Data.Count;
        Assert.That(t.Method, Is.EqualTo("dense"));
        Assert.That(t.LambdaMax, Is.EqualTo(lambda).Within(1e-10 * Math.Abs(lambda)));
        Assert.That(t.HalfMseLoss, Is.EqualTo(loss).Within(1e-12 * loss));
        Assert.That(t.Radius, Is.EqualTo(radius).Within(1e-14 * radius));
        double bound = lambda / 2 - 0.5 + (radius + 1) * Math.Sqrt(2 * loss);
        Assert.That(t.Bound, Is.EqualTo(bound).Within(1e-9 * Math.Abs(bound)));
        Assert.That(t.Slack, Is.EqualTo(t.Bound - report.WeightedVariation!.Value).Within(1e-12 * Math.Abs(bound)));
        Assert.That(report.WeightedPathNorm, Is.GreaterThanOrEqualTo(report.WeightedVariation.Value * (1 - 1e-12)));
    }

    [TestCase(LossConvention.Mse)]
    [TestCase(LossConvention.HalfMse)]
    public void StreamedOverload_RescalesTheMeasurementsLambdaMaxToTheHalfMseLoss(LossConvention convention)
    {
        // The streamed path passes λ_max and L of the user's ν-loss; both become the 1/(2n) loss's by ν/2.
        var c = Relu(3);
        double lambdaUser = MathNetLambdaMax(c.Network, c.Data, convention);
        double lossUser = 0;
        for (int i = 0; i < c.Data.Count; i++)
        {
            double r = c.Network.Evaluate(c.Data.Input(i)) - c.Data.Target(i);
            lossUser += r * r;
        }
        lossUser /= convention.Nu() * c.Data.Count;
        var streamed = StabilityBoundMeasurement.Measure(c.Network, c.Data, convention, lambdaUser, lossUser).Theorem32!;
        var dense = StabilityBoundMeasurement.Measure(c.Network, c.Data).Theorem32!;
        Assert.That(streamed.Method, Is.EqualTo("lanczos"));
        Assert.That(streamed.LambdaMax, Is.EqualTo(dense.LambdaMax).Within(1e-10 * Math.Abs(dense.LambdaMax)));
        Assert.That(streamed.HalfMseLoss, Is.EqualTo(dense.HalfMseLoss).Within(1e-12 * dense.HalfMseLoss));
        Assert.That(streamed.Bound, Is.EqualTo(dense.Bound).Within(1e-9 * Math.Abs(dense.Bound)));
    }

    [Test]
    public void Rates_CountStrictlyPositivePreactivations()
    {
        // Neuron 1: z = x₁ (active on x₁ > 0: 2 of 4); neuron 2: z = −x₁ + 10 (always active); neuron 3: z = −10 (never).
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1, 1, 1], [[1, 0], [-1, 0], [0, 0]], [0, 10, -10], 0);
        var data = new Dataset([-2, 0, -1, 1, 1, 0, 2, 5], [0, 0, 0, 0], 2);
        var rates = StabilityBoundMeasurement.Rates(net, data);
        Assert.That(rates.Rates, Is.EqualTo(new[] { 0.5, 1.0, 0.0 }));
        Assert.That(rates.ActiveShare, Is.EqualTo(1.0 / 3));
        Assert.That(rates.MedianRate, Is.EqualTo(0.5));
    }

    [TestCase("relu2")]
    [TestCase("gelu")]
    [TestCase("tanh")]
    public void NonRelu_HasAReason_AndNoFields(string activation)
    {
        var c = Cases.Make(activation, true, true, false, 10, 2, 3, 4);
        var report = StabilityBoundMeasurement.Measure(c.Network, c.Data);
        Assert.That(report.Reason, Does.Contain("ReLU"));
        Assert.That(report.Theorem32, Is.Null);
        Assert.That(report.WeightedVariation, Is.Null);
    }

    [TestCase(0.9, true)]
    [TestCase(1.1, false)]
    public void Theorem32_Holds_UpToRoundingOfTheScale_AndTheSlackIsBoundMinusVariation(double multiple, bool holds)
    {
        // R = 2 (the sample (0, 2)), L = 2, λ_max = −3: bound = −1.5 − 0.5 + 3·2 = 4, and the rounding scale
        // S = |λ|/2 + 1/2 + (R + 1)√(2L) = 1.5 + 0.5 + 6 = 8. Each term of S is large enough that getting any one wrong moves
        // the threshold past 0.9S or 1.1S.
        var data = new Dataset([0.0, 2.0, 1.0, -1.0], [0.0, 0.0], 2);
        const double bound = 4, scale = 8;
        double variation = bound + multiple * 1e-12 * scale;
        var t = StabilityBoundMeasurement.Theorem32(data, variation, -3, 2, "given");
        Assert.That(t.Radius, Is.EqualTo(2.0));
        Assert.That(t.Bound, Is.EqualTo(bound));
        Assert.That(t.Slack, Is.EqualTo(bound - variation));
        Assert.That(t.Holds, Is.EqualTo(holds));
        Assert.That(t.Method, Is.EqualTo("given"));
        var loose = StabilityBoundMeasurement.Theorem32(data, 1.25, -3, 2, "given");
        Assert.That((loose.Slack, loose.Holds), Is.EqualTo((2.75, true)));
    }

    [Test]
    public void Rates_CountStrictlyPositivePreactivations_WithTheBiasAndTheSign()
    {
        // Data not symmetric under x ↦ −x, and samples where z is exactly 0 (not counted as firing).
        // Neuron 1: z = x₁ on x₁ ∈ {−2, 0, 1, 3, 4}: 3 of 5. Neuron 2: z = −x₁ + 1: fires on −2, 0 (z = 1, 1) and not on
        // x₁ = 1 (z = 0): 2 of 5. Neuron 3: z = x₂ − 1 on x₂ ∈ {1, 1, 1, 2, 0}: 1 of 5.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1, 1, 1], [[1, 0], [-1, 0], [0, 1]], [0, 1, -1], 0);
        var data = new Dataset([-2, 1, 0, 1, 1, 1, 3, 2, 4, 0], [0, 0, 0, 0, 0], 2);
        var rates = StabilityBoundMeasurement.Rates(net, data);
        Assert.That(rates.Rates, Is.EqualTo(new[] { 0.6, 0.4, 0.2 }));
        Assert.That(rates.ActiveShare, Is.EqualTo(1.0));
        Assert.That(rates.MedianRate, Is.EqualTo(0.4));
    }

    [Test]
    public void NullArguments_AreRejected()
    {
        var c = Relu(4);
        Assert.Throws<ArgumentNullException>(() => StabilityBoundMeasurement.Measure(null!, c.Data));
        Assert.Throws<ArgumentNullException>(() => StabilityBoundMeasurement.Measure(c.Network, null!));
        Assert.Throws<ArgumentNullException>(() => StabilityBoundMeasurement.Measure(null!, c.Data, LossConvention.Mse, 1, 1));
        Assert.Throws<ArgumentNullException>(() => StabilityBoundMeasurement.Theorem32(null!, c.Data, 0));
        Assert.Throws<ArgumentNullException>(() => StabilityBoundMeasurement.Theorem32(c.Network, null!, 0));
        Assert.Throws<ArgumentNullException>(() => StabilityBoundMeasurement.Theorem32(null!, 0, 1, 1, "m"));
        Assert.Throws<ArgumentNullException>(() => StabilityBoundMeasurement.Rates(null!, c.Data));
        Assert.Throws<ArgumentNullException>(() => StabilityBoundMeasurement.Rates(c.Network, null!));
    }
}
