using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;
using MathNet.Numerics.Integration;

namespace Flatness.Numerics.Tests.Population;

public class GaussianPopulationLossTests
{
    private static TwoLayerNetwork RandomNet(Activation act, int m, int d, Rng rng) => Support.Cases.RandomBiasFree(act, m, d, rng);

    [TestCase(0, 0.0)]
    [TestCase(1, 0.0)]
    [TestCase(2, 0.0)]
    public void ArcCosine_AtAngleZero_IsTheGaussianMoment(int degree, double _)
    {
        // θ = 0: E[g₊^{2n}] = (2n−1)!!/2: 1/2, 1/2, 3/2.
        double[] expected = [0.5, 0.5, 1.5];
        double[] w = [0.6, 0.8];
        Assert.That(ArcCosineKernel.Expectation(degree, w, w), Is.EqualTo(expected[degree]).Within(1e-14));
    }

    [Test]
    public void ArcCosine_MatchesOneDimensionalQuadrature_InTheTwoDimensionalPlane()
    {
        // E over (g1, g2) with v at angle θ from w = e1: integrate in polar coordinates numerically (independent of Jₙ).
        foreach (double theta in new[] { 0.3, 1.2, 2.5 })
            foreach (int n in new[] { 0, 1, 2 })
            {
                double[] w = [1, 0], v = [Math.Cos(theta), Math.Sin(theta)];
                // E = (1/2π)∫dφ (cos φ)₊ⁿ (cos(φ−θ))₊ⁿ · E[r^{2n}], E r^{2n} = 2ⁿ n! for r ~ χ₂.
                double er = Math.Pow(2, n) * MathNet.Numerics.SpecialFunctions.Factorial(n);
                // Both cosines are positive exactly on φ ∈ (θ − π/2, π/2): integrate the smooth part there.
                double angular = GaussLegendreRule.Integrate(phi => Math.Pow(Math.Cos(phi), n) * Math.Pow(Math.Cos(phi - theta), n),
                    theta - Math.PI / 2, Math.PI / 2, 256);
                Tolerances.AssertClose(ArcCosineKernel.Expectation(n, w, v), angular * er / (2 * Math.PI), 1e-5, 1e-7, $"n={n} θ={theta}");
            }
    }

    [TestCase("relu", "relu")]
    [TestCase("leaky_relu", "relu")]
    [TestCase("abs", "relu")]
    [TestCase("abs", "leaky_relu")]
    [TestCase("relu2", "relu2")]
    public void ExactLoss_AgreesWithMonteCarlo_WithinFiveStandardErrors(string f, string g)
    {
        var rng = new Rng(20261128);
        var net = RandomNet(Support.Cases.MakeActivation(f), 3, 4, rng);
        var teacher = RandomNet(Support.Cases.MakeActivation(g), 2, 4, rng);
        double exact = GaussianPopulationLoss.Exact(net, teacher, 0.09);
        var mc = GaussianPopulationLoss.MonteCarlo(net, x => teacher.Evaluate(x), 0.09, 400_000, rng);
        Assert.That(Math.Abs(exact - mc.Value), Is.LessThan(5 * mc.StandardError), $"exact {exact}, MC {mc.Value} ± {mc.StandardError}");
        Assert.That(mc.StandardError / mc.Value, Is.LessThan(0.02));
    }

    [Test]
    public void ExactLoss_OfTheTeacherAgainstItself_IsTheNoiseVariance_AndMeanMatchesMonteCarlo()
    {
        var rng = new Rng(5);
        foreach (var act in new Activation[] { new Relu(), new LeakyRelu(0.3), new AbsoluteValue(), new ReluPower(2) })
        {
            var t = RandomNet(act, 3, 5, rng);
            Assert.That(GaussianPopulationLoss.Exact(t, t, 0.25), Is.EqualTo(0.25).Within(1e-12));
            var x = new double[5];
            double s = 0, s2 = 0;
            const int N = 200_000;
            for (int i = 0; i < N; i++)
            {
                rng.FillGaussian(x);
                double v = t.Evaluate(x);
                s += v;
                s2 += v * v;
            }
            double mean = s / N, se = Math.Sqrt((s2 / N - mean * mean) / N);
            Assert.That(Math.Abs(GaussianPopulationLoss.Mean(t) - mean), Is.LessThan(5 * se), act.Describe());
        }
    }

    [TestCaseSource(typeof(Support.Cases), nameof(Support.Cases.SmoothActivationNames))]
    public void HasNoClosedForm_ForSmoothActivations(string activation) =>
        Assert.That(GaussianPopulationLoss.HasClosedForm(Support.Cases.MakeActivation(activation), new Relu()), Is.False);

    [Test]
    public void Compute_FallsBackToMonteCarlo_ForReluCubed()
    {
        var rng = new Rng(3);
        var net = RandomNet(new ReluPower(3), 2, 3, rng);
        var r = GaussianPopulationLoss.Compute(net, net, 0, 1000, rng);
        Assert.That(r.Method, Is.EqualTo(PopulationMethod.MonteCarlo));
        Assert.That(r.Value, Is.EqualTo(0).Within(1e-12));
        Assert.Throws<ArgumentException>(() => GaussianPopulationLoss.Exact(net, net));
    }

    [Test]
    public void ReluSquared_AgainstADegreeOneUnit_HasNoClosedForm_AndFallsBackToMonteCarlo()
    {
        // Only degree-1 pairs and ReLU² against ReLU² have a kernel: ReLU² against ReLU, in either order, has none.
        Assert.That(GaussianPopulationLoss.HasClosedForm(new ReluPower(2), new Relu()), Is.False);
        Assert.That(GaussianPopulationLoss.HasClosedForm(new Relu(), new ReluPower(2)), Is.False);
        Assert.That(GaussianPopulationLoss.HasClosedForm(new ReluPower(2), new ReluPower(2)), Is.True);
        Assert.That(GaussianPopulationLoss.HasClosedForm(new AbsoluteValue(), new LeakyRelu(0.2)), Is.True);
        var rng = new Rng(5);
        var relu = RandomNet(new Relu(), 2, 3, rng);
        var relu2 = RandomNet(new ReluPower(2), 2, 3, rng);
        Assert.Throws<ArgumentException>(() => GaussianPopulationLoss.Exact(relu, relu2));
        Assert.Throws<ArgumentException>(() => GaussianPopulationLoss.Exact(relu2, relu));
        Assert.Throws<ArgumentException>(() => GaussianPopulationLoss.UnitCorrelation(new Relu(), [1.0, 0, 0], new ReluPower(2), [1.0, 0, 0]));
        Assert.That(GaussianPopulationLoss.Compute(relu, relu2, 0, 100, rng).Method, Is.EqualTo(PopulationMethod.MonteCarlo));
        Assert.That(GaussianPopulationLoss.Compute(relu2, relu, 0, 100, rng).Method, Is.EqualTo(PopulationMethod.MonteCarlo));
        Assert.That(GaussianPopulationLoss.Compute(relu, relu, 0, 100, rng).Method, Is.EqualTo(PopulationMethod.Exact));
    }

    [TestCase(true, false, false, false)]
    [TestCase(false, true, false, false)]
    [TestCase(false, false, true, false)]
    [TestCase(false, false, false, true)]
    public void AnyBias_InTheNetworkOrTheTeacher_IsRejected(bool netHidden, bool netOutput, bool teacherHidden, bool teacherOutput)
    {
        static TwoLayerNetwork Net(bool hidden, bool output) => TwoLayerNetwork.FromWeights(new Relu(), [1.0, -0.5],
            [[0.3, 0.4], [-0.2, 0.9]], hidden ? [0.1, -0.2] : null, output ? 0.3 : null);
        var net = Net(netHidden, netOutput);
        var teacher = Net(teacherHidden, teacherOutput);
        Assert.Throws<ArgumentException>(() => GaussianPopulationLoss.Exact(net, teacher));
        Assert.Throws<ArgumentException>(() => GaussianPopulationLoss.Compute(net, teacher, 0, 10, new Rng(1)));
        Assert.Throws<ArgumentException>(() => SpanMonteCarlo.PopulationLoss(net, teacher, 10, new Rng(1)));
    }
}
