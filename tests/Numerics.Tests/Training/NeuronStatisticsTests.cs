using Flatness.Numerics.Networks;
using Flatness.Numerics.Training;

namespace Flatness.Numerics.Tests.Training;

/// <summary>Activation rates and neuron classes against a hand count (paper B spec §8): d = 1, five samples, four neurons
/// whose kinks sit at known places.</summary>
public class NeuronStatisticsTests
{
    // x = -2, -1, 1, 2, 3.
    private static readonly Dataset Data = new([-2.0, -1, 1, 2, 3], [0.0, 0, 0, 0, 0], 1);

    // Neurons (w, b, a): fires for x > 0 (3 of 5); for x < -1.5 (1 of 5); never (silent); always (w = 0, b = 1).
    private static readonly TwoLayerNetwork Net = new(new Relu(), new ParameterLayout(4, 1, true, false),
        [1.0, 0.0, 2.0, -1.0, -1.5, -3.0, 1.0, -10.0, 0.5, 0.0, 1.0, 4.0]);

    [Test]
    public void Rates_AreTheShareOfSamplesWithPositivePreactivation()
    {
        var s = NeuronStatistics.Compute(Net, Data);
        Assert.That(s.ActivationRates, Is.EqualTo(new[] { 3 / 5.0, 1 / 5.0, 0.0, 1.0 }));
    }

    [Test]
    public void Classes_SilentFiringActive()
    {
        var s = NeuronStatistics.Compute(Net, Data);
        Assert.That(s.SilentShare, Is.EqualTo(0.25));
        Assert.That(s.FiringShare, Is.EqualTo(0.75));
        Assert.That(s.ActiveShare, Is.EqualTo(0.5));
        // Among the 3 firing neurons, those firing on at most 20 % of the samples: one (r = 0.2).
        Assert.That(s.FiringShareAtMost(0.2), Is.EqualTo(1 / 3.0).Within(1e-15));
    }

    [Test]
    public void Norms_PathWeightAndHiddenNorm()
    {
        var s = NeuronStatistics.Compute(Net, Data);
        Assert.That(s.PathWeights[0], Is.EqualTo(2.0));                 // |a|·|w| = 2·1
        Assert.That(s.PathWeights[1], Is.EqualTo(3.0));                 // 3·1
        Assert.That(s.HiddenNorms[1], Is.EqualTo(Math.Sqrt(1 + 2.25)).Within(1e-15));
        Assert.That(s.ParameterNorms[2], Is.EqualTo(Math.Sqrt(1 + 100 + 0.25)).Within(1e-15));
    }

    [Test]
    public void PathWeight_IsAbsOutputWeightTimesTheEuclideanNormOfW_WithoutTheBias()
    {
        // d = 2: w = (3, 4), b = 7, a = −2: |a|·‖w‖ = 10 (‖w‖ ≠ 1, so a quotient or a sum of |v| would show).
        var net = new TwoLayerNetwork(new Relu(), new ParameterLayout(1, 2, true, false), [3.0, 4.0, 7.0, -2.0]);
        var s = NeuronStatistics.Compute(net, new Dataset([1.0, 0.0], [0.0], 2));
        Assert.That(s.PathWeights[0], Is.EqualTo(10.0).Within(1e-15));
        Assert.That(s.HiddenNorms[0], Is.EqualTo(Math.Sqrt(74)).Within(1e-15));
        Assert.That(s.ParameterNorms[0], Is.EqualTo(Math.Sqrt(78)).Within(1e-15));
    }

    [Test]
    public void SmallSubset_MaxRate_Firing()
    {
        var s = NeuronStatistics.Compute(Net, Data);   // rates 0.6, 0.2, 0 (silent), 1
        Assert.That(s.SmallSubsetShare(0.2), Is.EqualTo(0.25), "one neuron of four fires on at most 20 % (the silent one does not count)");
        Assert.That(s.SmallSubsetShare(0.6), Is.EqualTo(0.5));
        Assert.That(s.SmallSubsetShare(0.1), Is.Zero);
        Assert.That(s.MaxRate, Is.EqualTo(1.0));
        Assert.That(s.Firing, Is.EqualTo(new[] { 0, 1, 3 }));
        var none = new NeuronStatistics([0.0, 0.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0]);
        Assert.That(none.FiringShareAtMost(0.5), Is.NaN);
    }
}
