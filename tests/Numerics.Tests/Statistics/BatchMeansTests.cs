using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Numerics.Tests.Statistics;

public class BatchMeansTests
{
    [Test]
    public void Bounds_AreStudentOverTheBatchMeans_WrittenOut()
    {
        // 8 values in K = 4 batches of 2: batch means 1.5, 3.5, 5.5, 7.5; mean 4.5, sd √(20/3), SE √(20/3)/2; ν = 3.
        var b = BatchMeans.Bounds([1.0, 2, 3, 4, 5, 6, 7, 8, 100], 4);
        Assert.That(b.Estimate, Is.EqualTo(4.5).Within(1e-14), "the ninth value does not fill a batch and is dropped");
        Assert.That(b.StandardError, Is.EqualTo(Math.Sqrt(20.0 / 3) / 2).Within(1e-14));
        Assert.That(b.DegreesOfFreedom, Is.EqualTo(3));
        // t_{0.975, 3} = 3.182446 (tables).
        Assert.That(b.Upper(0.025), Is.EqualTo(4.5 + 3.182446 * Math.Sqrt(20.0 / 3) / 2).Within(1e-5));
    }

    [Test]
    public void Bounds_CoverTheMeanOfASkewedIntegrand_AtTheirLevel()
    {
        // Exponential(1) squared (mean 2, heavily right-skewed): 2000 runs of N = 2000 in K = 20 batches; the one-sided
        // 5 % upper bound misses the mean in about 5 % of runs (binomial SD 0.5 %); a normal bound on so skewed a mean
        // misses more often on this side.
        var rng = new Rng(11);
        int misses = 0, runs = 2000;
        var x = new double[2000];
        for (int r = 0; r < runs; r++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                double e = -Math.Log(1 - rng.NextDouble());
                x[i] = e * e;
            }
            if (BatchMeans.Bounds(x, 20).Upper(0.05) < 2) misses++;
        }
        Assert.That(misses / (double)runs, Is.InRange(0.03, 0.07));
    }

    [Test]
    public void TooFewValues_AreRejected() => Assert.Throws<ArgumentException>(() => BatchMeans.Bounds([1.0, 2, 3], 2));

    [Test]
    public void FewerThanTwoBatches_AreRejected()
    {
        double[] x = [1, 2, 3, 4, 5, 6];
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchMeans.Bounds(x, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchMeans.Bounds(x, 0));
        Assert.That(BatchMeans.Bounds(x, 3).DegreesOfFreedom, Is.EqualTo(2));
    }
}
