using Flatness.Constructions.Shattering;
using MathNet.Numerics;

namespace Flatness.Constructions.Tests.Shattering;

public class SphericalCapTests
{
    [TestCase(0.1)]
    [TestCase(0.7)]
    [TestCase(1.5)]
    [TestCase(2.5)]
    public void AreaFraction_ReducesToArchimedes(double r)
    {
        // d = 2: arc 2r of the circle 2π; d = 3: Archimedes' (1 − cos r)/2.
        Assert.That(SphericalCap.AreaFraction(2, r), Is.EqualTo(r / Math.PI).Within(1e-13));
        Assert.That(SphericalCap.AreaFraction(3, r), Is.EqualTo((1 - Math.Cos(r)) / 2).Within(1e-13));
    }

    [TestCase(4, 0.3)]
    [TestCase(6, 1.2)]
    [TestCase(5, 2.0)]
    public void AreaFraction_MatchesTheMarginalDensityIntegral(int d, double r)
    {
        // V₁ has density ∝ (1 − x²)^{(d−3)/2} on [−1, 1]: F = ∫_{cos r}^1 / ∫_{−1}^1, by quadrature.
        double a = (d - 3) / 2.0;
        double num = Integrate.DoubleExponential(x => Math.Pow(1 - x * x, a), Math.Cos(r), 1, 1e-15);
        double den = Integrate.DoubleExponential(x => Math.Pow(1 - x * x, a), -1, 1, 1e-15);
        Assert.That(SphericalCap.AreaFraction(d, r), Is.EqualTo(num / den).Within(1e-11));
    }

    [Test]
    public void AngularRadius_IsArccosOfOneMinusEpsilonSquared() =>
        Assert.That(Math.Cos(SphericalCap.AngularRadius(0.3)), Is.EqualTo(1 - 0.09).Within(1e-15));
}
