using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Tests.Randomness;

public class RngTests
{
    [Test]
    public void SameSeed_SameStream_DifferentSeed_DifferentStream()
    {
        var a = new Rng(42);
        var b = new Rng(42);
        var c = new Rng(43);
        var xa = Enumerable.Range(0, 10).Select(_ => a.NextUInt64()).ToArray();
        Assert.That(Enumerable.Range(0, 10).Select(_ => b.NextUInt64()), Is.EqualTo(xa));
        Assert.That(Enumerable.Range(0, 10).Select(_ => c.NextUInt64()), Is.Not.EqualTo(xa));
    }

    [Test]
    public void Gaussian_HasMeanZeroAndVarianceOne_WithinFourStandardErrors()
    {
        var rng = new Rng(7);
        int n = 200000;
        var x = new double[n];
        rng.FillGaussian(x);
        double mean = x.Average();
        double variance = x.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        Assert.That(Math.Abs(mean), Is.LessThan(4 / Math.Sqrt(n)));
        Assert.That(Math.Abs(variance - 1), Is.LessThan(4 * Math.Sqrt(2.0 / n)));
    }

    [Test]
    public void DeriveSeed_IsStableAndLabelDependent()
    {
        ulong first = Rng.DeriveSeed(1, "A-01");
        Assert.That(Rng.DeriveSeed(1, "A-01"), Is.EqualTo(first));
        Assert.That(Rng.DeriveSeed(1, "A-01"), Is.Not.EqualTo(Rng.DeriveSeed(1, "A-02")));
        Assert.That(Rng.DeriveSeed(1, "A-01"), Is.Not.EqualTo(Rng.DeriveSeed(2, "A-01")));
    }
}
