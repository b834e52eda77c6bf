using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class OrbitMinimalTraceGradientTests
{
    internal static (Activation Activation, double[] Theta, Dataset Data) RandomCase(string activation, int n, int d, int m, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new double[n * d];
        rng.FillGaussian(x);
        var y = new double[n];
        rng.FillGaussian(y);
        var theta = new double[m * (d + 1)];
        rng.FillGaussian(theta);
        return (Cases.MakeActivation(activation), theta, new Dataset(x, y, d));
    }

    // Reference: the trace engine's P, Q and the closed form m₁ = 2√(PQ) (OrbitMinimalTrace), a separate code path.
    [TestCase("relu", LossConvention.Mse, 1ul)]
    [TestCase("relu", LossConvention.HalfMse, 2ul)]
    [TestCase("leaky_relu", LossConvention.Mse, 3ul)]
    [TestCase("abs", LossConvention.HalfMse, 4ul)]
    public void ValueEqualsTheEnginesOrbitMinimum(string activation, LossConvention loss, ulong seed)
    {
        var (sigma, theta, data) = RandomCase(activation, 12, 4, 5, seed);
        var network = new TwoLayerNetwork(sigma, new ParameterLayout(5, 4, false, false), theta);
        double engine = OrbitMinimalTrace.Compute(network, data, loss).Infimum;
        Tolerances.AssertClose(OrbitMinimalTraceGradient.Value(sigma, theta, data, loss), engine, 1e-13, 0, "F* vs engine");
    }

    // Reference: central differences of the value, h = 1e-6; the case is checked to be ≥ 1e-3 away from every kink so no
    // sample changes side within the stencil (truncation O(h²), round-off O(ε/h) ≈ 1e-10 relative).
    [TestCase("relu", 11ul)]
    [TestCase("leaky_relu", 12ul)]
    [TestCase("abs", 13ul)]
    public void GradientMatchesCentralDifferences(string activation, ulong seed)
    {
        var (sigma, theta, data) = RandomCase(activation, 15, 3, 4, seed);
        Assert.That(MinimumDistanceToKink(theta, data), Is.GreaterThan(1e-3), "case must stay off the kinks");
        var gradient = new double[theta.Length];
        OrbitMinimalTraceGradient.ValueAndGradient(sigma, theta, data, gradient);
        const double h = 1e-6;
        var fd = new double[theta.Length];
        for (int k = 0; k < theta.Length; k++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            fd[k] = (OrbitMinimalTraceGradient.Value(sigma, plus, data) - OrbitMinimalTraceGradient.Value(sigma, minus, data)) / (2 * h);
        }
        Tolerances.AssertAllClose(gradient, fd, 1e-7, 0, "∇F*");
    }

    // Identity: F* is invariant under per-neuron rescaling, so ∇F* is orthogonal to each neuron's orbit tangent (wⱼ, −aⱼ).
    [Test]
    public void GradientIsOrthogonalToTheRescalingOrbit()
    {
        var (sigma, theta, data) = RandomCase("relu", 20, 5, 6, 21ul);
        var gradient = new double[theta.Length];
        OrbitMinimalTraceGradient.ValueAndGradient(sigma, theta, data, gradient);
        for (int j = 0; j < 6; j++)
        {
            double s = 0, norm = 0;
            for (int k = 0; k < 5; k++) { s += theta[j * 6 + k] * gradient[j * 6 + k]; norm += Math.Abs(theta[j * 6 + k] * gradient[j * 6 + k]); }
            s -= theta[j * 6 + 5] * gradient[j * 6 + 5];
            norm += Math.Abs(theta[j * 6 + 5] * gradient[j * 6 + 5]);
            Assert.That(Math.Abs(s), Is.LessThanOrEqualTo(1e-12 * norm + 1e-300), $"neuron {j}");
        }
    }

    [Test]
    public void RejectsDegreeTwo()
    {
        var (_, theta, data) = RandomCase("relu", 5, 2, 2, 1ul);
        Assert.That(() => OrbitMinimalTraceGradient.Value(new ReluPower(2), theta, data), Throws.ArgumentException);
    }

    internal static double MinimumDistanceToKink(double[] theta, Dataset data)
    {
        int d = data.InputDimension, m = theta.Length / (d + 1);
        double min = double.PositiveInfinity;
        for (int i = 0; i < data.Count; i++)
            for (int j = 0; j < m; j++)
            {
                double z = 0;
                for (int k = 0; k < d; k++) z += theta[j * (d + 1) + k] * data.Input(i)[k];
                min = Math.Min(min, Math.Abs(z));
            }
        return min;
    }
}
