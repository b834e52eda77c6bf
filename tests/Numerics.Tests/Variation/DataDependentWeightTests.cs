using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Variation;

namespace Flatness.Numerics.Tests.Variation;

public class DataDependentWeightTests
{
    [TestCase(0.0)]
    [TestCase(0.4)]
    [TestCase(-0.5)]
    public void OneDimensional_PlugIn_ApproachesTheUnivariateWeight(double t)
    {
        // Paper B spec §3, d = 1, X ~ U[-1, 1]: g_P(t) = ((1−|t|)/2)³ √(1 + ((1+|t|)/2)²).
        var rng = new Rng(3);
        int n = 200000;
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.NextUniform(-1, 1);
        double plugIn = DataDependentWeight.Weight(x, 1, [1.0], t);
        double a = Math.Abs(t);
        double expected = Math.Pow((1 - a) / 2, 3) * Math.Sqrt(1 + Math.Pow((1 + a) / 2, 2));
        // Concentration at rate ~1/√n (Theorem E.5); 2% is about 10 standard errors here.
        Assert.That(plugIn, Is.EqualTo(expected).Within(0.02).Percent.Or.EqualTo(expected).Within(2e-3));
    }

    [Test]
    public void NoSampleBeyondTheThreshold_GivesZero() =>
        Assert.That(DataDependentWeight.OneSided([0.1, 0.2, 0.3], 1, [1.0], 0.5), Is.EqualTo(0.0));

    [Test]
    public void OneSided_IsPTimesSTimesRootOnePlusMeanSquared()
    {
        // Samples 0.2, 0.6, 0.9 and threshold 0.5: p = 2/3, s = (0.1 + 0.4)/3, μ = 0.75.
        double g = DataDependentWeight.OneSided([0.2, 0.6, 0.9], 1, [1.0], 0.5);
        Assert.That(g, Is.EqualTo(2.0 / 3 * (0.5 / 3) * Math.Sqrt(1 + 0.75 * 0.75)).Within(1e-15));
    }

    [Test]
    public void WeightedPathNorm_OfASingleNeuron_IsAbsAThatNormWTimesG()
    {
        // f = 2·relu(3x − 1.5): u = 1, t = 0.5, path weight |a|‖w‖ = 6.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [2.0], [[3.0]], [-1.5]);
        var data = new Dataset([0.2, 0.6, 0.9], [0, 0, 0], 1);
        double expected = 6 * DataDependentWeight.Weight([0.2, 0.6, 0.9], 1, [1.0], 0.5);
        Assert.That(WeightedPathNorm.Compute(net, data), Is.EqualTo(expected).Within(1e-15));
        Assert.That(expected, Is.GreaterThan(0));
    }
}
