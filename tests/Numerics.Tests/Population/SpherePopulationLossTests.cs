using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Tests.Population;

public class SpherePopulationLossTests
{
    [Test]
    public void SamplesLieOnTheSphereOfRadiusRootD()
    {
        var rng = new Rng(1);
        var x = new double[7];
        for (int t = 0; t < 100; t++)
        {
            SpherePopulationLoss.Sample(x, rng);
            Assert.That(x.Sum(v => v * v), Is.EqualTo(7.0).Within(1e-12));
        }
    }

    // Reference: E xxᵀ = I on √d·S^{d−1}, so for f = a|wᵀx| against g = 0: E(f − g)² = a²‖w‖²; and for g = (vᵀx)₊, by the
    // symmetry x ↦ −x, E g² = ‖v‖²/2. Within 4.5 Monte Carlo standard errors (two-sided, 7e-6 per test).
    [TestCase(2ul)]
    [TestCase(3ul)]
    public void MatchesTheSecondMomentIdentities(ulong seed)
    {
        var rng = new Rng(seed);
        double[] w = [0.3, -1.2, 0.5, 0.9];
        double[] v = [1.0, 0.5, -0.5, 0.0];
        var network = TwoLayerNetwork.FromWeights(new AbsoluteValue(), [1.5], [w]);
        var (excess, variance) = SpherePopulationLoss.MonteCarlo(network, x => 0.0, 20000, rng);
        double expected = 1.5 * 1.5 * w.Sum(t => t * t);
        Assert.That(Math.Abs(excess.Value - expected), Is.LessThan(4.5 * excess.StandardError));
        Assert.That(variance.Value, Is.EqualTo(0.0));
        var relu = TwoLayerNetwork.FromWeights(new Relu(), [1.0], [v]);
        var (e2, _) = SpherePopulationLoss.MonteCarlo(TwoLayerNetwork.FromWeights(new Relu(), [0.0], [v]), x => relu.Evaluate(x), 20000, rng);
        Assert.That(Math.Abs(e2.Value - v.Sum(t => t * t) / 2), Is.LessThan(4.5 * e2.StandardError));
    }
}
