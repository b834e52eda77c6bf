using Flatness.Numerics.Statistics;

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
}
