using Flatness.Constructions.Shattering;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Variation;

namespace Flatness.Constructions.Tests.Shattering;

public class BoundaryAtomTests
{
    [Test]
    public void BallVolume_KnownValues()
    {
        Assert.That(BoundaryAtom.BallVolume(1), Is.EqualTo(2.0).Within(1e-14));
        Assert.That(BoundaryAtom.BallVolume(2), Is.EqualTo(Math.PI).Within(1e-14));
        Assert.That(BoundaryAtom.BallVolume(3), Is.EqualTo(4 * Math.PI / 3).Within(1e-13)); // Γ through exp(log): rounding ~1e-15 relative
    }

    [TestCase(2, 1UL)]
    [TestCase(3, 2UL)]
    public void L2NormSquared_MatchesMonteCarloOverTheBall(int d, ulong seed)
    {
        // ‖Φ‖² = v_d · E[Φ(X)²], X ~ Unif(B^d₁); within 5 standard errors. ε = 0.5 so that the cap is not tiny.
        var rng = new Rng(seed);
        double eps = 0.5;
        var u = new double[d]; u[0] = 1;
        int n = 400_000;
        double sum = 0, sum2 = 0;
        var v = new double[d];
        for (int i = 0; i < n; i++)
        {
            rng.FillGaussian(v);
            double norm = Math.Sqrt(v.Sum(c => c * c)), r = Math.Pow(rng.NextDouble(), 1.0 / d);
            var x = v.Select(c => c / norm * r).ToArray();
            double f2 = Math.Pow(BoundaryAtom.Value(u, eps, x), 2);
            sum += f2; sum2 += f2 * f2;
        }
        double mean = sum / n, se = Math.Sqrt((sum2 / n - mean * mean) / n), vol = BoundaryAtom.BallVolume(d);
        Assert.That(Math.Abs(vol * mean - BoundaryAtom.L2NormSquared(d, eps)), Is.LessThanOrEqualTo(5 * vol * se));
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(5)]
    public void L2NormSquared_ApproachesItsLeadingTerm(int d)
    {
        double r3 = BoundaryAtom.L2NormSquared(d, 1e-3) / BoundaryAtom.LeadingL2NormSquared(d, 1e-3);
        double r1 = BoundaryAtom.L2NormSquared(d, 1e-1) / BoundaryAtom.LeadingL2NormSquared(d, 1e-1);
        Assert.That(Math.Abs(r3 - 1), Is.LessThan(1e-5));
        Assert.That(Math.Abs(r3 - 1), Is.LessThan(Math.Abs(r1 - 1)));
    }

    [TestCase(2, 0.3)]
    [TestCase(5, 0.1)]
    public void AtomNetwork_HasPeakOneAndCanonicalWeightEpsilonToTheTwoDPlusTwo(int d, double eps)
    {
        var u = new double[d]; u[0] = 0.6; u[1] = 0.8;
        var net = BoundaryAtom.Network([u], eps);
        Assert.That(net.Evaluate(u), Is.EqualTo(1.0).Within(1e-12), "ε⁻² amplifies rounding of uᵀu − (1 − ε²)");
        Assert.That(net.Evaluate(u.Select(c => c * (1 - 1.001 * eps * eps)).ToArray()), Is.EqualTo(0.0));
        double vg = WeightedVariation.Reduced(net, WeightedVariation.CanonicalWeight(d));
        Assert.That(vg, Is.EqualTo(Math.Pow(eps, 2 * d + 2)).Within(1e-12).Percent);
    }

    [TestCase(2)]
    [TestCase(3)]
    public void CapMass_LiesInLemmaI1Band(int d)
    {
        var (lo, hi) = BoundaryAtom.CapMassConstants(d);
        foreach (double eps in new[] { 0.05, 0.2, 0.5 })
        {
            double p = BoundaryAtom.CapMass(d, eps) / Math.Pow(eps, d + 1);
            Assert.That(p, Is.InRange(lo, hi), $"eps = {eps}");
        }
    }

    [Test]
    public void GreedyPacking_IsDisjoint_AndEmptyCapsHoldNoSample()
    {
        var rng = new Rng(5);
        double eps = 0.3;
        var caps = CapPacking.Greedy(3, eps, 3000, rng);
        Assert.That(caps.Count, Is.GreaterThan(5));
        Assert.That(CapPacking.MaxInnerProduct(caps), Is.LessThan(CapPacking.DisjointnessThreshold(eps)));
        Assert.That(CapPacking.DisjointnessThreshold(eps), Is.EqualTo(Math.Cos(2 * Math.Acos(1 - eps * eps))).Within(1e-14));
        var x = new double[3 * 200];
        for (int i = 0; i < 200; i++) Flatness.Constructions.Sampling.UniformSampling.Ball(3, rng).CopyTo(x, 3 * i);
        var empty = CapPacking.EmptyCaps(caps, x, 3, eps);
        var net = BoundaryAtom.Network(empty, eps, 7.0);
        for (int i = 0; i < 200; i++) Assert.That(net.Evaluate(x.AsSpan(3 * i, 3)), Is.EqualTo(0.0));
        Assert.That(empty.Count, Is.LessThan(caps.Count));
    }
}
