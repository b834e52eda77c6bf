using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class InterpolatorFloorTests
{
    // Reference: hand computation. Samples (3, 4) and (0, 1) with labels 2 and −1: Σ‖x‖|y| = 5·2 + 1·1 = 11;
    // ν = 1, n = 2: 4/(νn) = 2, floor 22; ν = 2 halves it; leaky ReLU with α = 0.25 multiplies by α.
    [Test]
    public void MatchesAHandComputation()
    {
        var data = new Dataset(new double[] { 3, 4, 0, 1 }, new double[] { 2, -1 }, 2);
        Assert.That(InterpolatorFloor.Value(new Relu(), data), Is.EqualTo(22.0).Within(1e-14));
        Assert.That(InterpolatorFloor.Value(new AbsoluteValue(), data, LossConvention.HalfMse), Is.EqualTo(11.0).Within(1e-14));
        Assert.That(InterpolatorFloor.Value(new LeakyRelu(0.25), data), Is.EqualTo(5.5).Within(1e-14));
    }

    [TestCaseSource(typeof(Cases), nameof(Cases.SmoothActivationNames))]
    public void IsRefusedForSmoothActivations(string activation) =>
        Assert.That(() => InterpolatorFloor.Value(Cases.MakeActivation(activation), new Dataset([1.0], [1.0], 1)), Throws.ArgumentException);

    // Tightness (A-D1): samples on a ray x = tᵢv and one balanced ReLU neuron along v attain the floor; the engine's F* is the reference.
    [Test]
    public void IsAttainedOnARay()
    {
        double[] t = [0.5, 1.2, 2.0, 3.1];
        var v = new[] { 0.6, 0.8 };
        var x = t.SelectMany(ti => new[] { ti * v[0], ti * v[1] }).ToArray();
        var network = TwoLayerNetwork.FromWeights(new Relu(), [1.7], [[0.6, 0.8]]);
        var data = new Dataset(x, new double[4], 2);
        data = data.WithTargets(network.Predict(data));
        Tolerances.AssertClose(OrbitMinimalTrace.Compute(network, data).Infimum, InterpolatorFloor.Value(new Relu(), data), 1e-13);
    }

    // The bound: a random interpolator (labels defined by the network) has F* ≥ floor.
    [TestCase("relu", 1ul)]
    [TestCase("leaky_relu", 2ul)]
    [TestCase("abs", 3ul)]
    public void BoundsEveryInterpolator(string activation, ulong seed)
    {
        var (sigma, theta, data) = OrbitMinimalTraceGradientTests.RandomCase(activation, 10, 3, 4, seed);
        var network = new TwoLayerNetwork(sigma, new ParameterLayout(4, 3, false, false), theta);
        data = data.WithTargets(network.Predict(data));
        Assert.That(OrbitMinimalTrace.Compute(network, data).Infimum, Is.GreaterThanOrEqualTo(InterpolatorFloor.Value(sigma, data) * (1 - 1e-12)));
    }

    [Test]
    public void RejectsDegreeTwo() => Assert.That(() => InterpolatorFloor.Value(new ReluPower(2), new Dataset(new double[] { 1 }, new double[] { 1 }, 1)), Throws.ArgumentException);
}
