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
}
