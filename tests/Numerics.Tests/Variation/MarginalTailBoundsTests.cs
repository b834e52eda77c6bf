using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Variation;

namespace Flatness.Numerics.Tests.Variation;

public class MarginalTailBoundsTests
{
    [Test]
    public void Constants_MatchHandComputedValues()
    {
        // d = 3: c₁ = 3/4 (Lemma E.1), α = 1; c₂ = (3/4)/4·(7/4)² = 147/256, c₃ = (3/4)/4·2^{5/2}.
        // rtol 1e-13: c₁ goes through exp(ln Γ − ln Γ), which rounds to a few ulps.
        Tolerances.AssertClose(MarginalTailBounds.C2(3), 0.75 / 4 * 1.75 * 1.75, 1e-13);
        Tolerances.AssertClose(MarginalTailBounds.C3(3), 0.75 / 4 * Math.Pow(2, 2.5), 1e-13);
        // c₄ = c₁(7/4)/(3c₃), c₅ = c₁·2/(3c₂).
        Tolerances.AssertClose(MarginalTailBounds.C4(3), 0.75 * 1.75 / (3 * (0.75 / 4 * Math.Pow(2, 2.5))), 1e-13);
        Tolerances.AssertClose(MarginalTailBounds.C5(3), 0.75 * 2 / (3 * (0.75 / 4 * 1.75 * 1.75)), 1e-13);
    }

    [Test]
    public void Bounds_HoldForTheUniformMarginal_DimensionOne()
    {
        // d = 1: X₁ ~ U[−1, 1], so Q(x) = (1 − x)/2 and E(x) = (1 + x)/2 exactly (1 − E = (1 − x)/2).
        for (double x = 0.75; x < 1; x += 0.01)
        {
            double h = 1 - x;
            Assert.That(MarginalTailBounds.C2(1) * h, Is.LessThanOrEqualTo(h / 2));
            Assert.That(MarginalTailBounds.C3(1) * h, Is.GreaterThanOrEqualTo(h / 2));
            Assert.That(1 - MarginalTailBounds.C5(1) * h, Is.LessThanOrEqualTo((1 + x) / 2));
            Assert.That(1 - MarginalTailBounds.C4(1) * h, Is.GreaterThanOrEqualTo((1 + x) / 2));
        }
    }
}
