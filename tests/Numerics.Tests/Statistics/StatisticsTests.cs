using Flatness.Numerics.Statistics;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Statistics;

public class StatisticsTests
{
    [Test]
    public void LinearFit_RecoversAnExactLine_WithZeroStandardError()
    {
        var r = LinearFit.Fit([1.0, 2, 3, 4], [3.0, 5, 7, 9]);
        Assert.That(r.Slope, Is.EqualTo(2).Within(1e-14));
        Assert.That(r.Intercept, Is.EqualTo(1).Within(1e-14));
        Assert.That(r.SlopeStandardError, Is.EqualTo(0).Within(1e-14));
    }

    [Test]
    public void LinearFit_StandardError_MatchesTheTextbookFormula()
    {
        // y = 0, 1, 1, 3 at x = 0..3: slope 0.9, residuals (0.1, 0.2, −0.7, 0.4), RSS = 0.7, Sxx = 5.
        var r = LinearFit.Fit([0.0, 1, 2, 3], [0.0, 1, 1, 3]);
        Assert.That(r.Slope, Is.EqualTo(0.9).Within(1e-14));
        Assert.That(r.SlopeStandardError, Is.EqualTo(Math.Sqrt(0.7 / 2 / 5)).Within(1e-14));
    }

    [Test]
    public void BinomialBand_And_ChiSquareInterval_HaveTheirKnownValues()
    {
        var (lo, hi) = Intervals.BinomialBand(0.95, 200, 0.99);
        Assert.That(lo, Is.EqualTo(0.95 - 2.5758293 * Math.Sqrt(0.95 * 0.05 / 200)).Within(1e-6));
        Assert.That(hi, Is.EqualTo(0.95 + 2.5758293 * Math.Sqrt(0.95 * 0.05 / 200)).Within(1e-6));
        // χ²(9) quantiles 1.734933 and 23.58935 (tables): interval of s²/σ² for n = 10 at 99%.
        var (clo, chi) = Intervals.VarianceRatio(10, 0.99);
        Assert.That(clo, Is.EqualTo(1.734933 / 9).Within(1e-6));
        Assert.That(chi, Is.EqualTo(23.58935 / 9).Within(1e-5));
        Assert.That(Intervals.StudentCoverage(2, 29), Is.EqualTo(0.94508).Within(1e-4));
    }

    [Test]
    public void ExcessKurtosis_OfGaussianSamples_IsNearZero_AndKurtosisWidensTheInterval()
    {
        var rng = new Flatness.Numerics.Randomness.Rng(4);
        var x = new double[100000];
        rng.FillGaussian(x);
        Assert.That(Intervals.ExcessKurtosis(x), Is.EqualTo(0).Within(0.1));
        var plain = Intervals.VarianceRatio(1000, 0.99, 0);
        var wide = Intervals.VarianceRatio(1000, 0.99, 6);
        Assert.That(wide.High - wide.Low, Is.GreaterThan(plain.High - plain.Low));
    }

    [Test]
    public void VarianceRatio_WithKurtosis_IsOnePlusMinusZRootOfTwoOverNMinusOnePlusKappaOverN()
    {
        // z_{0.995} = 2.5758293035489 (tables); Var(s²)/σ⁴ = 2/(n − 1) + κ/n with n = 1000, κ = 6.
        const double z = 2.5758293035489004;
        var (lo, hi) = Intervals.VarianceRatio(1000, 0.99, 6);
        double half = z * Math.Sqrt(2.0 / 999 + 6.0 / 1000);
        Assert.That(lo, Is.EqualTo(1 - half).Within(1e-14));
        Assert.That(hi, Is.EqualTo(1 + half).Within(1e-14));
        // Negative excess kurtosis is not allowed to narrow the Gaussian interval.
        Assert.That(Intervals.VarianceRatio(1000, 0.99, -1).High, Is.EqualTo(1 + z * Math.Sqrt(2.0 / 999)).Within(1e-14));
    }

    [Test]
    public void ExcessKurtosis_HandWorked_AndAsMathNetPopulationKurtosis()
    {
        // 1..5: deviations −2..2, m₂ = 10/5 = 2, m₄ = 34/5 = 6.8, m₄/m₂² − 3 = 1.7 − 3 = −1.3.
        Assert.That(Intervals.ExcessKurtosis([1.0, 2, 3, 4, 5]), Is.EqualTo(-1.3).Within(1e-15));
        // A skewed sample far from 0 (a large mean must not leak into the central moments).
        var rng = new Flatness.Numerics.Randomness.Rng(12);
        var x = Enumerable.Range(0, 200).Select(_ => 50 + Math.Exp(rng.NextGaussian())).ToArray();
        Tolerances.AssertClose(Intervals.ExcessKurtosis(x), MathNet.Numerics.Statistics.Statistics.PopulationKurtosis(x), 1e-10);
    }
}
