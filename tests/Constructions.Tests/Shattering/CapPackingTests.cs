using Flatness.Constructions.Shattering;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Shattering;

public class CapPackingTests
{
    [Test]
    public void MinimumAngle_IsTheSmallestPairwiseAngle()
    {
        // Centres on the circle at angles 0, 1, 2.5 and 4 rad: pairwise angles 1, 1.5, 1.5, 2.5, 3, and 2π − 4 ≈ 2.28.
        double[][] centres = [.. new[] { 0.0, 1.0, 2.5, 4.0 }.Select(t => new[] { Math.Cos(t), Math.Sin(t) })];
        Assert.That(CapPacking.MinimumAngle(centres), Is.EqualTo(1.0).Within(1e-12));
        Assert.That(CapPacking.MinimumAngle([centres[0]]), Is.EqualTo(double.PositiveInfinity));
    }

    [TestCase(3, 0.3)]
    [TestCase(4, 0.5)]
    public void Greedy_KeepsCentresMoreThanTwoRhoApart(int d, double eps)
    {
        var caps = CapPacking.Greedy(d, eps, 2000, new Rng(3));
        Assert.That(CapPacking.MinimumAngle(caps), Is.GreaterThan(2 * SphericalCap.AngularRadius(eps)));
        // Every kept centre is admitted by the others (the greedy rule's test), and a kept centre is never admitted twice.
        double limit = CapPacking.DisjointnessThreshold(eps);
        Assert.That(caps.All(u => CapPacking.Admits(caps.Where(v => v != u).ToList(), u, limit)));
        Assert.That(CapPacking.Admits(caps, caps[0], limit), Is.False);
    }

    [TestCase(2, 0.4)]
    [TestCase(3, 0.3)]
    public void UncoveredShare_OfOneCap_IsOneMinusTheAreaOfItsTwoRhoCap(int d, double eps)
    {
        // One centre u: a direction v is admitted iff uᵀv < cos 2ρ, so the uncovered share is 1 − F(d, 2ρ) (closed form,
        // SphericalCap); 20000 directions, 4.5 binomial standard errors. No centre: everything is uncovered.
        var rng = new Rng(5);
        double[] u = [.. Enumerable.Repeat(0.0, d - 1), 1.0];
        double share = CapPacking.UncoveredShare([u], d, eps, 20000, rng);
        double expected = 1 - SphericalCap.AreaFraction(d, 2 * SphericalCap.AngularRadius(eps));
        Assert.That(share, Is.EqualTo(expected).Within(4.5 * Math.Sqrt(expected * (1 - expected) / 20000)));
        Assert.That(CapPacking.UncoveredShare([], d, eps, 100, rng), Is.EqualTo(1.0));
    }
}
