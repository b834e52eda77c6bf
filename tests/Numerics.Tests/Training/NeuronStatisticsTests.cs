using Flatness.Numerics.Networks;
using Flatness.Numerics.Training;

namespace Flatness.Numerics.Tests.Training;

public class NeuronStatisticsTests
{
    [Test]
    public void RatesAndNorms_OfAHandBuiltNetwork()
    {
        // x ∈ {−1, −0.5, 0.5, 1}; neuron 0: z = 2x + 0 fires on 2 of 4; neuron 1: z = x + 5 always; neuron 2: z = −x − 5 never.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [3, -1, 2], [[2.0], [1.0], [-1.0]], [0, 5, -5], 0.5);
        var data = new Dataset([-1, -0.5, 0.5, 1], [0, 0, 0, 0], 1);
        var s = NeuronStatistics.Compute(net, data);
        Assert.That(s.ActivationRates, Is.EqualTo(new[] { 0.5, 1.0, 0.0 }));
        Assert.That(s.PathWeights, Is.EqualTo(new[] { 6.0, 1.0, 2.0 }));
        Assert.That(s.ParameterNorms[1], Is.EqualTo(Math.Sqrt(1 + 25 + 1)).Within(1e-15));
        Assert.That(s.ActiveShare, Is.EqualTo(1.0 / 3));
    }
}
