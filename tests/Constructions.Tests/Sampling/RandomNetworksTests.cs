using Flatness.Constructions.Sampling;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Sampling;

public class RandomNetworksTests
{
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(5)]
    public void UniformBall_RadiusLaw_PofRBelowHalf_IsHalfToTheD(int d)
    {
        // P(‖x‖ ≤ 1/2) = 2^{-d} for the uniform ball; 20000 draws, 4 standard errors.
        var rng = new Rng((ulong)d);
        int n = 20000, inside = 0;
        for (int i = 0; i < n; i++)
        {
            var x = RandomNetworks.UniformBall(d, rng);
            double r = Math.Sqrt(x.Sum(v => v * v));
            Assert.That(r, Is.LessThanOrEqualTo(1.0));
            if (r <= 0.5) inside++;
        }
        double p = Math.Pow(0.5, d);
        Assert.That(inside / (double)n, Is.EqualTo(p).Within(4 * Math.Sqrt(p * (1 - p) / n)));
    }

    [Test]
    public void UniformSphere_HasUnitNorm() =>
        Assert.That(Math.Sqrt(RandomNetworks.UniformSphere(4, new Rng(1)).Sum(v => v * v)), Is.EqualTo(1.0).Within(1e-15));

    [Test]
    public void GaussianData_KeepsEveryPreactivationAwayFromTheKink_AndInterpolatesWhenAsked()
    {
        var rng = new Rng(2);
        var net = RandomNetworks.Gaussian(new Relu(), new ParameterLayout(6, 3, true, false), rng);
        var data = RandomNetworks.GaussianData(net, 30, rng, interpolate: true, kinkMargin: 0.1);
        var e = NetworkEvaluation.Evaluate(net, data);
        Assert.That(Kinks.Nearest(e).MinAbsPreactivation, Is.GreaterThanOrEqualTo(0.1));
        Assert.That(e.MaxAbsResidual, Is.LessThan(1e-12));
    }
}
