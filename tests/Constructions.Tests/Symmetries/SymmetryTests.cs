using Flatness.Constructions.Sampling;
using Flatness.Constructions.Symmetries;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Symmetries;

public class SymmetryTests
{
    private static (TwoLayerNetwork Net, Dataset Data) Make(Activation act, ulong seed, bool outputBias = true)
    {
        var rng = new Rng(seed);
        var net = RandomNetworks.Gaussian(act, new ParameterLayout(5, 3, true, outputBias), rng);
        return (net, RandomNetworks.GaussianData(net, 12, rng, interpolate: true));
    }

    private static double MaxDiff(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    [Test]
    public void Permutation_KeepsTheFunctionAndTheTrace_AndRejectsNonPermutations()
    {
        var (net, data) = Make(new ReluPower(2), 1);
        var p = NeuronPermutation.Apply(net, [3, 0, 4, 1, 2]);
        Assert.That(MaxDiff(p.Predict(data), net.Predict(data)), Is.LessThan(1e-12));
        Assert.That(HessianTrace.Compute(p, data).Trace, Is.EqualTo(HessianTrace.Compute(net, data).Trace).Within(1e-12).Percent);
        Assert.That(p.OutputWeight(0), Is.EqualTo(net.OutputWeight(3)));
        Assert.That(() => NeuronPermutation.Apply(net, [0, 0, 1, 2, 3]), Throws.ArgumentException);
        Assert.That(() => NeuronPermutation.Apply(net, [0, 1, 2]), Throws.ArgumentException);
    }

    [TestCase(1)]
    [TestCase(3)]
    public void Splitting_KeepsTheFunction_AndMultipliesTheWidth(int copies)
    {
        var (net, data) = Make(new Relu(), 2);
        var split = NeuronSplitting.Split(net, copies);
        Assert.That(split.Width, Is.EqualTo(5 * copies));
        Assert.That(MaxDiff(split.Predict(data), net.Predict(data)), Is.LessThan(1e-12));
        Assert.That(split.OutputWeight(copies - 1), Is.EqualTo(net.OutputWeight(0) / copies).Within(1e-15));
    }

    [Test]
    public void Dinh2017_KeepsTheFunction_ScalesTheLayers_AndNeedsDegreeOne()
    {
        var (net, data) = Make(new AbsoluteValue(), 3);
        var scaled = Dinh2017Rescaling.Apply(net, 2.5);
        Assert.That(MaxDiff(scaled.Predict(data), net.Predict(data)), Is.LessThan(1e-12));
        Assert.That(scaled.HiddenWeight(1)[0], Is.EqualTo(2.5 * net.HiddenWeight(1)[0]).Within(1e-15));
        Assert.That(scaled.HiddenBias(1), Is.EqualTo(2.5 * net.HiddenBias(1)).Within(1e-15));
        Assert.That(scaled.OutputWeight(1), Is.EqualTo(net.OutputWeight(1) / 2.5).Within(1e-15));
        Assert.That(scaled.OutputBias, Is.EqualTo(net.OutputBias));
        var layout = net.Layout;
        Assert.Multiple(() =>
        {
            Assert.That(Dinh2017Rescaling.IsFirstLayer(layout, layout.NeuronOffset(2) + 3), Is.True, "bias is first layer");
            Assert.That(Dinh2017Rescaling.IsSecondLayer(layout, layout.OutputWeightIndex(2)), Is.True);
            Assert.That(Dinh2017Rescaling.IsFirstLayer(layout, layout.OutputBiasIndex), Is.False);
            Assert.That(Dinh2017Rescaling.IsSecondLayer(layout, layout.OutputBiasIndex), Is.False);
        });
        Assert.That(() => Dinh2017Rescaling.Apply(Make(new ReluPower(2), 4).Net, 2), Throws.ArgumentException);
    }
}
