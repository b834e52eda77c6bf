using Flatness.Constructions.Shattering;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Shattering;

/// <summary>The shattering constructions against their defining equations at points chosen to tell a formula from its
/// mutants (Stryker survivors of src/Constructions, 3 Dec 2026): a boundary atom off the axis, the cap-mass constant
/// as the ε → 0 limit of the exact cap mass, greedy packings replayed, and caps whose boundary a sample sits on.</summary>
public class ShatteringDefinitionTests
{
    [Test]
    public void BoundaryAtom_Value_IsTheScaledReluOfTheProjection()
    {
        // Φ_{u,ε²}(x) = ε⁻² max(uᵀx − (1 − ε²), 0) with u = (0.6, 0.8), ε = 0.5: uᵀx = 0.9 gives (0.9 − 0.75)/0.25 = 0.6.
        double[] u = [0.6, 0.8];
        Assert.That(BoundaryAtom.Value(u, 0.5, [0.3, 0.9]), Is.EqualTo(0.6).Within(1e-14));
        Assert.That(BoundaryAtom.Value(u, 0.5, [0.5, 0.5]), Is.EqualTo(0.0));
        Assert.That(BoundaryAtom.Value(u, 0.5, [-0.3, -0.9]), Is.EqualTo(0.0));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(6)]
    public void CapMassUpperConstant_IsTheSmallCapLimit_AndTheLowerIsItOver2ToTheHalfDMinusOne(int d)
    {
        // P(uᵀX > 1 − ε²) = (v_{d−1}/v_d)∫₀^{ε²}(s(2 − s))^{(d−1)/2}ds = 2^{(d+1)/2}v_{d−1}/((d + 1)v_d)·ε^{d+1}(1 + O(ε²)):
        // at ε = 10⁻² the exact mass (PopulationWeight's incomplete beta) is within 10⁻³ of the upper constant.
        var (lower, upper) = BoundaryAtom.CapMassConstants(d);
        const double eps = 1e-2;
        Assert.That(BoundaryAtom.CapMass(d, eps) / Math.Pow(eps, d + 1), Is.EqualTo(upper).Within(1e-3).Percent.Or.EqualTo(upper).Within(1e-3 * upper));
        Assert.That(lower * Math.Pow(2, (d - 1) / 2.0), Is.EqualTo(upper).Within(1e-13 * upper));
    }

    [Test]
    public void Greedy_KeepsExactlyTheAdmissibleNormalisedDraws_InOrder()
    {
        const int d = 3, candidates = 40;
        const double eps = 0.5;
        var kept = CapPacking.Greedy(d, eps, candidates, new Rng(23));
        var rng = new Rng(23);
        double limit = CapPacking.DisjointnessThreshold(eps);
        var expected = new List<double[]>();
        var v = new double[d];
        for (int c = 0; c < candidates; c++)
        {
            rng.FillGaussian(v);
            double norm = Math.Sqrt(v.Sum(t => t * t));
            var u = v.Select(t => t / norm).ToArray();
            if (expected.All(k => k.Zip(u, (p, q) => p * q).Sum() < limit)) expected.Add(u);
        }
        Assert.That(kept, Has.Count.EqualTo(expected.Count));
        for (int j = 0; j < kept.Count; j++) Assert.That(kept[j], Is.EqualTo(expected[j]).Within(1e-15));
        Assert.That(rng.NextUInt64(), Is.EqualTo(RngAfter(23, candidates, d)), "exactly the given number of candidates is drawn");
    }

    private static ulong RngAfter(ulong seed, int candidates, int d)
    {
        var rng = new Rng(seed);
        CapPacking.Greedy(d, 0.5, candidates, rng);
        return rng.NextUInt64();
    }

    [Test]
    public void Admits_AndCounts_TreatTheBoundaryAsOutside()
    {
        // Centres e₁, e₂ and ε = 1/2 (h = 1 − ε² = 0.75, exact in binary): a sample with uᵀx = 0.75 is not in the cap.
        const double eps = 0.5;
        List<double[]> centres = [[1.0, 0.0], [0.0, 1.0]];
        var counts = CapPacking.Counts(centres, [0.75, 0.0, 0.9, 0.1, 0.1, 0.75, 0.2, 0.8, 0.8, 0.8], 2, eps);
        Assert.That(counts, Is.EqualTo(new[] { 2, 2 }));
        Assert.That(CapPacking.EmptyCaps(centres, [0.75, 0.0, 0.2, 0.8], 2, eps), Has.Count.EqualTo(1));
        Assert.That(CapPacking.Admits(centres, [0.25, 0.0], 0.25), Is.False, "an inner product equal to the limit is not admitted");
        Assert.That(CapPacking.Admits(centres, [0.2499, 0.2499], 0.25), Is.True);
    }
}
