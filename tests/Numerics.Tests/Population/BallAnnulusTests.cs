using Flatness.Numerics.Population;
using Flatness.Numerics.Tests.Support;
using MathNet.Numerics;

namespace Flatness.Numerics.Tests.Population;

public class BallAnnulusTests
{
    [Test]
    public void Mass_EqualsTheRadialIntegral([Values(1, 2, 3, 5, 10)] int d, [Values(0.01, 0.1, 0.5, 1.0)] double epsilon)
    {
        // Independent reference: ∫_{1−ε}^{1} d r^{d−1} dr, the radial density of Unif(B^d₁) (surface area d·v_d over volume v_d).
        double reference = Integrate.DoubleExponential(r => d * Math.Pow(r, d - 1), 1 - epsilon, 1, 1e-15);
        Tolerances.AssertClose(BallAnnulus.Mass(d, epsilon), reference, 1e-12);
        // F.6: ε ≤ p ≤ min(1, dε).
        Assert.That(BallAnnulus.Mass(d, epsilon), Is.GreaterThanOrEqualTo(epsilon - 1e-15).And.LessThanOrEqualTo(Math.Min(1, d * epsilon) + 1e-15));
    }

    [Test]
    public void ShareBound_IsPPlusTheChernoffDeviation()
    {
        // p = 0.04, n = 1200, δ = e⁻²: √(3·0.04·2/1200) = √(2e-4).
        Tolerances.AssertClose(BallAnnulus.ShareBound(0.04, 1200, Math.Exp(-2)), 0.04 + Math.Sqrt(2e-4), 1e-14);
        Assert.That(BallAnnulus.ChernoffApplies(0.04, 1200, Math.Exp(-2)), Is.True);   // 6 ≤ 48
        Assert.That(BallAnnulus.ChernoffApplies(0.004, 1200, Math.Exp(-2)), Is.False);  // 6 > 4.8
    }

    [Test]
    public void Mass_RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BallAnnulus.Mass(0, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BallAnnulus.Mass(2, 1.5));
    }
}
