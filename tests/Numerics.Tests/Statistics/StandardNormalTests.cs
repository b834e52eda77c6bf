using Flatness.Numerics.Statistics;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Statistics;

public class StandardNormalTests
{
    // The accuracy stated in StandardNormal's remarks: 8 ulps relative (of the smallest subnormal below 2⁻¹⁰²²).
    private const double Ulps = 8;

    private static IEnumerable<NormalReference> References => MpmathReferences.StandardNormal;

    [TestCaseSource(nameof(References))]
    public void DensityCdfAndUpperTail_AreWithinEightUlpsOfMpmath(NormalReference r)
    {
        // Reference: mpmath at 60 digits (Support/make_mpmath_references.py), φ = e^{−x²/2}/√(2π), Φ = erfc(−x/√2)/2.
        Tolerances.AssertWithinUlps(StandardNormal.Density(r.X), r.Density, r.Density, Ulps, "φ");
        Tolerances.AssertWithinUlps(StandardNormal.Cdf(r.X), r.Cdf, r.Cdf, Ulps, "Φ");
        Tolerances.AssertWithinUlps(StandardNormal.UpperTail(r.X), r.UpperTail, r.UpperTail, Ulps, "Q");
        if (r.X >= 0) Tolerances.AssertWithinUlps(StandardNormal.MillsRatio(r.X), r.MillsRatio, r.MillsRatio, Ulps, "M");
    }

    [TestCaseSource(nameof(References))]
    public void CdfAndDensity_IsBitIdenticalToCdfAndDensitySeparately(NormalReference r)
    {
        var (cdf, pdf) = StandardNormal.CdfAndDensity(r.X);
        Assert.That((cdf, pdf), Is.EqualTo((StandardNormal.Cdf(r.X), StandardNormal.Density(r.X))));
    }

    [Test]
    public void UpperTail_IsThePlainCdfOfMinusX_AndTheSymmetryHolds()
    {
        // Q(x) = Φ(−x) and Φ(z) + Φ(−z) = 1 (the latter up to two ulps: the roundings of Φ and of the sum).
        foreach (double x in new[] { -7.5, -1.25, -0.3, 0, 0.3, 1.25, 7.5 })
        {
            Assert.That(StandardNormal.UpperTail(x), Is.EqualTo(StandardNormal.Cdf(-x)), $"Q({x})");
            Tolerances.AssertClose(StandardNormal.Cdf(x) + StandardNormal.Cdf(-x), 1.0, 4.5e-16, 0, $"Φ({x}) + Φ({-x})");
        }
    }

    [Test]
    public void MillsRatio_IsContinuousAcrossItsIntervalEnds_AndTheTailTendsToOneOverX()
    {
        // The Chebyshev pieces meet at 1, 2, 4, 8 (each piece's value there is its series end value).
        foreach (double x in new[] { 1.0, 2.0, 4.0, 8.0 })
            Tolerances.AssertClose(StandardNormal.MillsRatio(Math.BitDecrement(x)), StandardNormal.MillsRatio(Math.BitIncrement(x)), 1e-15, 0, $"M at {x}");
        // x·M(x) = 1 − 1/x² + 3/x⁴ − 15/x⁶ + … (the asymptotic series; the next term is below 10⁻¹⁶ at x = 1000).
        foreach (double x in new[] { 1e3, 1e8, 1e200 })
        {
            double u = 1 / (x * x);
            Tolerances.AssertClose(x * StandardNormal.MillsRatio(x), 1 - u + 3 * u * u - 15 * u * u * u, 4e-16, 0, $"x M(x) at {x}");
        }
    }

    [Test]
    public void NoInput_Overflows_AndNaNPropagates()
    {
        foreach (double x in new[] { double.MaxValue, -double.MaxValue, 1e155, -1e155, double.PositiveInfinity, double.NegativeInfinity })
        {
            Assert.That(StandardNormal.Density(x), Is.Zero, $"φ({x})");
            Assert.That(StandardNormal.Cdf(x), Is.EqualTo(x > 0 ? 1.0 : 0.0), $"Φ({x})");
        }
        Assert.That(double.IsNaN(StandardNormal.Density(double.NaN)) && double.IsNaN(StandardNormal.Cdf(double.NaN)), Is.True);
        Assert.That(() => StandardNormal.MillsRatio(-0.5), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void CdfAndDensity_OfNaN_IsNaN_LikeTheSeparateFunctions()
    {
        var (cdf, pdf) = StandardNormal.CdfAndDensity(double.NaN);
        Assert.That(double.IsNaN(cdf) && double.IsNaN(pdf), Is.True);
    }
}
