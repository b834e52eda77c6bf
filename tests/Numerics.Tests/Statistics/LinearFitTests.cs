using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Numerics.Tests.Statistics;

public class LinearFitTests
{
    [Test]
    public void SlopeBoundsWithKnownErrors_EqualSigma_IsSigmaOverRootSxx()
    {
        // x = 0..3: Sxx = 5; equal σ = 0.1 gives SE = 0.1/√5 (the textbook formula with σ known).
        var b = LinearFit.SlopeBoundsWithKnownErrors([0.0, 1, 2, 3], [0.0, 1, 1, 3], [0.1, 0.1, 0.1, 0.1]);
        Assert.That(b.Estimate, Is.EqualTo(0.9).Within(1e-14));
        Assert.That(b.StandardError, Is.EqualTo(0.1 / Math.Sqrt(5)).Within(1e-15));
        Assert.That(b.Count, Is.EqualTo(4));
    }

    [Test]
    public void SlopeBoundsWithKnownErrors_MatchTheSpreadOfSimulatedSlopes()
    {
        // Unequal σᵢ: the SD of the fitted slope over 20000 simulated data sets equals the stated SE (within 3 %, the
        // sampling error of an SD from 20000 draws being about 0.5 %).
        double[] x = [Math.Log(10), Math.Log(20), Math.Log(50), Math.Log(100)], sigma = [0.011, 0.01, 0.02, 0.005];
        var rng = new Rng(5);
        var slopes = new double[20000];
        double stated = 0;
        for (int r = 0; r < slopes.Length; r++)
        {
            var y = x.Select((v, i) => 0.5 * v + sigma[i] * rng.NextGaussian()).ToArray();
            var b = LinearFit.SlopeBoundsWithKnownErrors(x, y, sigma);
            slopes[r] = b.Estimate;
            stated = b.StandardError;
        }
        double mean = slopes.Average(), sd = Math.Sqrt(slopes.Sum(s => (s - mean) * (s - mean)) / (slopes.Length - 1));
        Assert.That(sd / stated, Is.EqualTo(1).Within(0.03));
        Assert.That(mean, Is.EqualTo(0.5).Within(5 * stated / Math.Sqrt(slopes.Length)));
    }

    [Test]
    public void Fit_OfTwoPoints_IsTheLineThroughThem_WithInfiniteSlopeError()
    {
        // Two points leave no degree of freedom for the residual variance: SE = ∞ and the Student bounds are ±∞.
        var r = LinearFit.Fit([0.0, 1], [1.0, 3]);
        Assert.That((r.Slope, r.Intercept, r.SlopeStandardError, r.Points), Is.EqualTo((2.0, 1.0, double.PositiveInfinity, 2)));
        Assert.That(r.SlopeBounds().Upper(0.05), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Fit_RejectsTooFewOrMismatchedPoints_AndConstantX()
    {
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([1.0], [1.0]));
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([1.0, 2, 3], [1.0, 2]));
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([1.0, 2], [1.0, 2, 3]));
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([2.0, 2, 2], [1.0, 2, 3]));
        Assert.Throws<ArgumentException>(() => LinearFit.SlopeBoundsWithKnownErrors([0.0, 1, 2], [0.0, 1, 2], [0.1, 0.1]));
    }

    [Test]
    public void Fit_IsCentred_SoALargeCommonOffsetCostsNoAccuracy()
    {
        // x, y ≈ 10⁶ + O(1): uncentred sums (Σx² − n x̄², or Σ(x − x̄)(y + ȳ)) lose ~12 digits to cancellation; centred
        // ones agree with MathNet's two-pass SimpleRegression to rounding.
        var rng = new Rng(3);
        var x = Enumerable.Range(0, 20).Select(_ => 1e6 + rng.NextDouble()).ToArray();
        var y = x.Select(v => 1e6 + 2 * (v - 1e6) + 0.1 * rng.NextDouble()).ToArray();
        var (intercept, slope) = MathNet.Numerics.LinearRegression.SimpleRegression.Fit(x, y);
        var r = LinearFit.Fit(x, y);
        Assert.That(r.Slope, Is.EqualTo(slope).Within(1e-9).Percent);
        Assert.That(r.Intercept, Is.EqualTo(intercept).Within(1e-9).Percent);
        Assert.That(r.Slope, Is.EqualTo(2).Within(0.1), "the data's slope");
    }
}
