using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Variation;

namespace Flatness.Numerics.Tests.Variation;

public class KinkIntegralTests
{
    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void DistinctKinks_GiveTheClosedFormSumOfJumps(ulong seed)
    {
        // f″ = Σⱼ aⱼ|wⱼ|δ(x − sⱼ) for ReLU neurons with distinct kinks sⱼ = −bⱼ/wⱼ, so ∫|f″|(1 − |x|)³ = Σⱼ|aⱼwⱼ|(1 − |sⱼ|)³
        // over the kinks inside (−1, 1); two kinks are put outside and must not count.
        var rng = new Rng(seed);
        int m = 6;
        var a = new double[m];
        var w = new double[m][];
        var b = new double[m];
        double expected = 0;
        for (int j = 0; j < m; j++)
        {
            a[j] = rng.NextGaussian();
            w[j] = [rng.NextGaussian()];
            double s = j < 4 ? -0.9 + 0.45 * j + 0.1 * rng.NextDouble() : (j == 4 ? 1.3 : -2.0);
            b[j] = -s * w[j][0];
            if (Math.Abs(s) < 1) expected += Math.Abs(a[j] * w[j][0]) * Math.Pow(1 - Math.Abs(s), 3);
        }
        var r = KinkIntegral.Univariate(TwoLayerNetwork.FromWeights(new Relu(), a, w, b, 0.3));
        Assert.That(r.Kinks, Is.EqualTo(4));
        Tolerances.AssertClose(r.Value, expected, 1e-12, 10 * r.RoundingBound);
        Assert.That(r.RoundingBound, Is.LessThan(1e-12));
    }

    [Test]
    public void AntipodalPair_IsOneJump_AndCancelsWhenTheNetworkIsAffine()
    {
        // relu(2x − 0.4) and relu(−2x + 0.4) share the kink s = 0.2: jumps a·2 and a′·2 add to |a + a′|·2.
        var pair = TwoLayerNetwork.FromWeights(new Relu(), [1.5, 0.5], [[2.0], [-2.0]], [-0.4, 0.4]);
        var r = KinkIntegral.Univariate(pair);
        Assert.That(r.Kinks, Is.EqualTo(1));
        Tolerances.AssertClose(r.Value, 2.0 * 2 * Math.Pow(0.8, 3), 1e-12);
        // relu(z) − relu(−z) = z: no kink at all.
        var affine = TwoLayerNetwork.FromWeights(new Relu(), [1.0, -1.0], [[2.0], [-2.0]], [-0.4, 0.4]);
        Assert.That(KinkIntegral.Univariate(affine).Value, Is.LessThan(1e-13));
    }

    [Test]
    public void SameHyperplaneAtAnotherScale_MergesIntoOneJump()
    {
        // a·relu(wx + b) + a′·relu(c(wx + b)) = (a + c·a′)·relu(wx + b) for c > 0.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.0, -0.25], [[1.0], [3.0]], [0.5, 1.5]);
        Tolerances.AssertClose(KinkIntegral.Univariate(net).Value, Math.Abs(1.0 - 3 * 0.25) * Math.Pow(0.5, 3), 1e-12);
    }

    [Test]
    public void RefusesMoreThanOneInput() =>
        Assert.That(() => KinkIntegral.Univariate(TwoLayerNetwork.FromWeights(new Relu(), [1.0], [[1.0, 2.0]], [0.0])), Throws.ArgumentException);
}
