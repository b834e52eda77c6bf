using Flatness.Numerics.Statistics;
using MathNet.Numerics.Statistics;

using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Statistics;

public class DescriptiveTests
{
    [TestCase(new double[] { 3, 1, 2 }, 2.0)]
    [TestCase(new double[] { 4, 1, 3, 2 }, 2.5)]
    [TestCase(new double[] { 5 }, 5.0)]
    public void Median_MatchesMathNet(double[] values, double expected)
    {
        Assert.That(Descriptive.Median(values), Is.EqualTo(expected));
        Assert.That(Descriptive.Median(values), Is.EqualTo(values.Median()));
    }

    [Test]
    public void Median_OfNothing_IsNaN() => Assert.That(Descriptive.Median([]), Is.NaN);

    [Test]
    public void Mean_StandardError_IsSampleDeviationOverRootN_AsMathNet()
    {
        var rng = new Flatness.Numerics.Randomness.Rng(7);
        var x = Enumerable.Range(0, 101).Select(_ => 1e6 + rng.NextGaussian()).ToArray();
        var m = Descriptive.Mean(x);
        Tolerances.AssertClose(m.Mean, x.Mean(), 1e-15);
        Tolerances.AssertClose(m.StandardError, x.StandardDeviation() / Math.Sqrt(x.Length), 1e-9);
        Assert.That(m.Count, Is.EqualTo(101));
    }

    [Test]
    public void MeanFromSums_AgreesWithTwoPassMean()
    {
        var rng = new Flatness.Numerics.Randomness.Rng(8);
        var x = Enumerable.Range(0, 1000).Select(_ => rng.NextGaussian()).ToArray();
        var twoPass = Descriptive.Mean(x);
        var sums = Descriptive.MeanFromSums(x.Sum(), x.Sum(v => v * v), x.Length);
        Tolerances.AssertClose(sums.Mean, twoPass.Mean, 1e-12);
        Tolerances.AssertClose(sums.StandardError, twoPass.StandardError, 1e-10);
    }

    [Test]
    public void BernsteinBounds_UseTheSampleVariance_AsAnExplicitEmpiricalBernsteinBound()
    {
        // Maurer & Pontil's bound from the unbiased sample variance of the values themselves (MathNet's Variance).
        var rng = new Flatness.Numerics.Randomness.Rng(9);
        var x = Enumerable.Range(0, 500).Select(_ => rng.NextDouble() < 0.01 ? rng.NextDouble() : 0.0).ToArray();
        var b = Descriptive.MeanFromSums(x.Sum(), x.Sum(v => v * v), x.Length).BernsteinBounds(1);
        var reference = new EmpiricalBernsteinBounds(x.Average(), MathNet.Numerics.Statistics.Statistics.Variance(x), 1, x.Length);
        Tolerances.AssertClose(b.Upper(1e-6), reference.Upper(1e-6), 1e-10);
        Tolerances.AssertClose(b.Lower(0.05), reference.Lower(0.05), 1e-10, 1e-15);
        Assert.That(() => Descriptive.Mean([1.0]).BernsteinBounds(1), Throws.InvalidOperationException);
    }

    [Test]
    public void RelativeError_AndMaxRelativeDifference()
    {
        Assert.That(Descriptive.RelativeError(1.01, 1), Is.EqualTo(0.01).Within(1e-15));
        Assert.That(Descriptive.MaxRelativeDifference([1, 2.2], [1, 2]), Is.EqualTo(0.1).Within(1e-15));
        Assert.That(Descriptive.MaxRelativeDifference([0.5, 0], [0, 0]), Is.EqualTo(0.5));
        // With an absolute floor: differences at or below it count as 0, others are relative.
        Assert.That(Descriptive.RelativeError(1e-16, 0, 1e-15), Is.EqualTo(0));
        Assert.That(Descriptive.RelativeError(1.01, 1, 1e-15), Is.EqualTo(0.01).Within(1e-15));
    }

    [Test]
    public void WelchDifference_WrittenOut()
    {
        // a: mean 10, SE 1 from 5 values; b: mean 7, SE 2 from 9 values. SE = √5; ν = 25/(1/4 + 16/8) = 25/2.25.
        var d = Descriptive.WelchDifference(new MeanEstimate(10, 1, 5), new MeanEstimate(7, 2, 9));
        Assert.That(d.Estimate, Is.EqualTo(3));
        Assert.That(d.StandardError, Is.EqualTo(Math.Sqrt(5)).Within(1e-15));
        Assert.That(d.DegreesOfFreedom, Is.EqualTo(25 / 2.25).Within(1e-12));
    }

    [Test]
    public void WelchDifference_CoversAtItsLevel_WithUnequalVariancesAndSizes()
    {
        // 4000 pairs of samples (n = 6, σ = 1; n = 25, σ = 3), equal means: the two-sided 90 % interval misses 0 in about
        // 10 % of them (binomial SD 0.5 %).
        var rng = new Flatness.Numerics.Randomness.Rng(21);
        int misses = 0, runs = 4000;
        for (int r = 0; r < runs; r++)
        {
            var a = Enumerable.Range(0, 6).Select(_ => rng.NextGaussian()).ToArray();
            var b = Enumerable.Range(0, 25).Select(_ => 3 * rng.NextGaussian()).ToArray();
            var d = Descriptive.WelchDifference(Descriptive.Mean(a), Descriptive.Mean(b));
            if (d.Lower(0.05) > 0 || d.Upper(0.05) < 0) misses++;
        }
        Assert.That(misses / (double)runs, Is.InRange(0.085, 0.115));
    }

    [Test]
    public void StudentBounds_OfOneValue_AreInfinite()
    {
        // One replicate has no spread to estimate: the SE is ∞ (not NaN, which would make every comparison false).
        var b = Descriptive.Mean([5.0]).StudentBounds();
        Assert.That((b.Error, b.DegreesOfFreedom), Is.EqualTo((double.PositiveInfinity, 1.0)));
        Assert.That((b.Lower(0.05), b.Upper(0.05)), Is.EqualTo((double.NegativeInfinity, double.PositiveInfinity)));
    }

    [Test]
    public void BernsteinBounds_FromTwoSamples_AndOnlyForAPositiveFiniteRange()
    {
        // n = 2, SE 0.1: V = SE²·n = 0.02.
        var b = new MeanEstimate(0.5, 0.1, 2).BernsteinBounds(1);
        Assert.That((b.Mean, b.Range, b.Samples), Is.EqualTo((0.5, 1.0, 2)));
        Assert.That(b.Variance, Is.EqualTo(0.02).Within(1e-17));
        foreach (double range in new[] { 0, -1, double.PositiveInfinity, double.NaN })
            Assert.Throws<ArgumentOutOfRangeException>(() => new MeanEstimate(0.5, 0.1, 2).BernsteinBounds(range), $"range {range}");
    }

    [Test]
    public void Mean_OfNothing_Throws() => Assert.Throws<ArgumentException>(() => Descriptive.Mean([]));

    [Test]
    public void MeanFromSums_OfTwoValues_WrittenOut()
    {
        // {1, 2}: Σx = 3, Σx² = 5; mean 1.5, s² = 0.5, SE = √(0.5/2) = 0.5.
        var m = Descriptive.MeanFromSums(3, 5, 2);
        Assert.That((m.Mean, m.StandardError, m.Count), Is.EqualTo((1.5, 0.5, 2)));
        Assert.Throws<ArgumentException>(() => Descriptive.MeanFromSums(1, 1, 1));
    }

    [Test]
    public void WelchDifference_NeedsTwoValuesEach()
    {
        Assert.Throws<ArgumentException>(() => Descriptive.WelchDifference(new MeanEstimate(1, 0.5, 1), new MeanEstimate(0, 0.5, 5)));
        Assert.Throws<ArgumentException>(() => Descriptive.WelchDifference(new MeanEstimate(1, 0.5, 5), new MeanEstimate(0, 0.5, 1)));
        Assert.That(Descriptive.WelchDifference(new MeanEstimate(1, 0.5, 2), new MeanEstimate(0, 0.5, 2)).DegreesOfFreedom, Is.EqualTo(2).Within(1e-12));
    }

    [Test]
    public void WelchDifference_OfTwoExactMeans_HasThePooledDegreesOfFreedom()
    {
        // Both SEs 0: Welch's ratio is 0/0, so ν = n_a + n_b − 2 = 5 + 9 − 2.
        var d = Descriptive.WelchDifference(new MeanEstimate(3, 0, 5), new MeanEstimate(1, 0, 9));
        Assert.That((d.Value, d.Error, d.DegreesOfFreedom), Is.EqualTo((2.0, 0.0, 12.0)));
    }

    [Test]
    public void RelativeError_DividesByTheExpectedValue_AndTheAbsoluteFloorIsInclusive()
    {
        Assert.That(Descriptive.RelativeError(2.02, 2), Is.EqualTo(0.01).Within(1e-15));
        Assert.That(Descriptive.RelativeError(1.5, 1, 0.5), Is.EqualTo(0), "|1.5 − 1| = 0.5 is at the floor");
        Assert.That(Descriptive.RelativeError(1.5, 1, 0.25), Is.EqualTo(0.5));
        Assert.That(Descriptive.RelativeError(5, 5.001, 0.01), Is.EqualTo(0), "the floor is on the difference, not the sum");
        Assert.Throws<ArgumentException>(() => Descriptive.MaxRelativeDifference([1, 2], [1]));
    }
}
