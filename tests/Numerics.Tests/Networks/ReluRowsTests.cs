using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Tests.Networks;

public class ReluRowsTests
{
    private static double[] Row(int n, ulong seed)
    {
        // Gaussian values with the special cases of the kink mixed in: +0, −0, NaN, ±∞, subnormals.
        var z = new double[n];
        new Rng(seed).FillGaussian(z);
        double[] special = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon];
        for (int i = 0; i < n; i += 3) z[i] = special[i / 3 % special.Length];
        return z;
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(16)]
    [TestCase(37)]
    [TestCase(2048)]
    public void Evaluate_HasTheBitsOfReluEvaluate_AndCountsThePositiveEntries(int n)
    {
        var z = Row(n, (ulong)n);
        var v = new double[n];
        var d = new double[n];
        var rv = new double[n];
        var rd = new double[n];
        int active = ReluRows.Evaluate(z, v, d);
        new Relu().Evaluate(z, rv, rd, Span<double>.Empty);
        Assert.That(v.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(rv.Select(BitConverter.DoubleToInt64Bits)), "σ bits (signed zeros)");
        Assert.That(d, Is.EqualTo(rd), "σ'");
        Assert.That(active, Is.EqualTo(z.Count(x => x > 0)));
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(9)]
    [TestCase(37)]
    [TestCase(2048)]
    public void CountPositive_CountsEntriesAboveZero_NotZerosNorNaN(int n)
    {
        var z = Row(n, 100 + (ulong)n);
        Assert.That(ReluRows.CountPositive(z), Is.EqualTo(z.Count(x => x > 0)));
        Assert.That(ReluRows.CountPositive(Enumerable.Repeat(double.Epsilon, n).ToArray()), Is.EqualTo(n));
        Assert.That(ReluRows.CountPositive(Enumerable.Repeat(-0.0, n).ToArray()), Is.Zero);
    }

    [TestCase(5, 5)]
    [TestCase(40, 16)]
    [TestCase(2048, 16)]
    [TestCase(37, 8)]
    public void Backward_AddsSigmaTimesR_AndWritesTheScaledDerivativeIntoTiles(int n, int segment)
    {
        // pⱼ ← pⱼ + σ(zⱼ)r and cⱼ = (σ'(zⱼ)aⱼ)r, with cⱼ at (j / segment)·stride + j mod segment (stride 3·segment here).
        var z = Row(n, 3);
        var a = new double[n];
        new Rng(4).FillGaussian(a);
        var p = new double[n];
        new Rng(5).FillGaussian(p);
        var expectedP = (double[])p.Clone();
        int stride = 3 * segment, tiles = (n + segment - 1) / segment;
        var c = new double[tiles * stride];
        var expectedC = new double[tiles * stride];
        double r = -0.75;
        for (int j = 0; j < n; j++)
        {
            bool on = z[j] > 0;
            expectedP[j] += (on ? z[j] : 0.0) * r;
            expectedC[j / segment * stride + j % segment] = (on ? 1.0 : 0.0) * a[j] * r;
        }
        ReluRows.Backward(z, a, r, p, c, segment, stride);
        Assert.That(p, Is.EqualTo(expectedP));
        Assert.That(c, Is.EqualTo(expectedC));
    }
}
