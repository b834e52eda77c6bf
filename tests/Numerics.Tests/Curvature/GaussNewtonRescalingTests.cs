using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class GaussNewtonRescalingTests
{
    [TestCase(0.7, 1.3, 2.0)]
    [TestCase(-3.0, 0.2, 0.5)]
    [TestCase(0.05, -0.4, 1.0)]
    public void OneActiveSample_MinimumIsOnePlusTwoAbsATimesNormXTildeTimesZ(double a, double x, double w)
    {
        // n = 1, ν = 2: λ_max(G) = a²‖x̃‖²/α² + α²z² + 1, minimal at α² = |a|‖x̃‖/|z| with value 1 + 2|a|‖x̃‖|z| (closed form).
        double b = Math.Abs(w * x) + 0.3 - w * x; // z = wx + b = |wx| + 0.3 > 0: the neuron is active
        double z = w * x + b, xTilde = Math.Sqrt(x * x + 1);
        var net = TwoLayerNetwork.FromWeights(new Relu(), [a], [[w]], [b], 0.0);
        var data = new Dataset([x], [0.0], 1);
        var r = GaussNewtonRescaling.Minimize(net, data);
        Tolerances.AssertClose(r.LambdaMax, 1 + 2 * Math.Abs(a) * xTilde * Math.Abs(z), 1e-10);
        Tolerances.AssertClose(r.Factor, Math.Sqrt(Math.Abs(a) * xTilde / Math.Abs(z)), 1e-5);
    }

    [TestCase(1UL, 2)]
    [TestCase(2UL, 3)]
    public void Minimum_AgreesWithAFineGridOfDenseGaussNewtonSpectra(ulong seed, int d)
    {
        // Independent reference: λ_max of the dense P×P Gauss–Newton matrix (DenseHessian, another code path) on a grid of
        // step 0.01 in log α. The search must not be above the grid's minimum, and the grid's minimum exceeds the true one
        // by O(step²) only.
        var rng = new Rng(seed);
        var w = new double[d];
        rng.FillGaussian(w);
        var net = TwoLayerNetwork.FromWeights(new Relu(), [2.5 * rng.NextGaussian()], [w], [0.2], 0.0);
        int n = 30;
        var x = new double[n * d];
        rng.FillGaussian(x);
        var data = new Dataset(x, new double[n], d);
        var r = GaussNewtonRescaling.Minimize(net, data);
        double grid = double.PositiveInfinity;
        for (int i = 0; i <= 1200; i++)
        {
            double alpha = Math.Exp(-6 + 0.01 * i);
            var scaled = PerNeuronRescaling.Apply(net, [alpha]);
            grid = Math.Min(grid, DenseHessian.Compute(scaled, data, LossConvention.HalfMse, gaussNewtonOnly: true).Eigenvalues().Max());
        }
        Assert.That(r.LambdaMax, Is.LessThanOrEqualTo(grid * (1 + 1e-10)));
        Assert.That(r.LambdaMax, Is.GreaterThanOrEqualTo(grid * (1 - 1e-3)));
        Tolerances.AssertClose(GaussNewtonRescaling.LambdaMax(PerNeuronRescaling.Apply(net, [r.Factor]), data), r.LambdaMax, 1e-12);
    }
}
