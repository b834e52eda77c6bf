using Flatness.Numerics.Quadrature;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Quadrature;

public class GaussianQuadratureTests
{
    [Test]
    public void Line_Moments_AreThoseOfTheStandardNormal()
    {
        // E 1 = 1, E x² = 1, E x⁴ = 3, E x⁶ = 15 (double factorials); E|x| = √(2/π); E x₊³ = √(2/π) (half of E|x|³ = 2√(2/π)).
        Tolerances.AssertClose(GaussianQuadrature.Line(_ => 1, []), 1, 1e-14);
        Tolerances.AssertClose(GaussianQuadrature.Line(x => x * x, []), 1, 1e-14);
        Tolerances.AssertClose(GaussianQuadrature.Line(x => Math.Pow(x, 4), []), 3, 1e-14);
        Tolerances.AssertClose(GaussianQuadrature.Line(x => Math.Pow(x, 6), []), 15, 1e-13);
        Tolerances.AssertClose(GaussianQuadrature.Line(Math.Abs, [0]), Math.Sqrt(2 / Math.PI), 1e-14);
        Tolerances.AssertClose(GaussianQuadrature.Line(x => x > 0 ? x * x * x : 0, [0]), Math.Sqrt(2 / Math.PI), 1e-14);
    }

    [Test]
    public void Line_WithAShiftedKink_MatchesTheNormalTail()
    {
        // E 1{x > 1} = Φ̄(1) = 0.15865525393145705 (standard table, erfc(1/√2)/2).
        Tolerances.AssertClose(GaussianQuadrature.Line(x => x > 1 ? 1 : 0, [1]), 0.15865525393145705, 1e-13);
    }

    [Test]
    public void Plane_Moments_AndAReluProduct_MatchClosedForms()
    {
        // E x₁²x₂² = 1, E ‖x‖⁴ = 8 (E r⁴ for the Rayleigh radius); E (x₁)₊(x₂)₊ = (E x₊)² = 1/(2π) (independent coordinates).
        Tolerances.AssertClose(GaussianQuadrature.Plane((a, b) => a * a * b * b, []), 1, 1e-14);
        Tolerances.AssertClose(GaussianQuadrature.Plane((a, b) => Math.Pow(a * a + b * b, 2), []), 8, 1e-14);
        var kinks = GaussianQuadrature.KinkAngles(1, 0).Concat(GaussianQuadrature.KinkAngles(0, 1));
        Tolerances.AssertClose(GaussianQuadrature.Plane((a, b) => Math.Max(a, 0) * Math.Max(b, 0), kinks), 1 / (2 * Math.PI), 1e-14);
    }

    [Test]
    public void KinkAngles_AreWhereTheUnitIsZero()
    {
        foreach (double t in GaussianQuadrature.KinkAngles(0.3, -1.7))
            Assert.That(0.3 * Math.Cos(t) - 1.7 * Math.Sin(t), Is.EqualTo(0).Within(1e-15));
        Assert.That(GaussianQuadrature.KinkAngles(0, 0), Is.Empty);
    }
}
