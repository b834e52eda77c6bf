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
}
