using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class KinksTests
{
    [Test]
    public void Nearest_FindsTheSmallestAbsolutePreactivation_ByBruteForce()
    {
        var c = Cases.Make("relu", true, false, false, 20, 3, 6, 77, kinkMargin: 0);
        var nearest = Kinks.Nearest(NetworkEvaluation.Evaluate(c.Network, c.Data));
        double best = double.PositiveInfinity;
        int bi = -1, bj = -1;
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 6; j++)
            {
                var w = c.Network.HiddenWeight(j);
                double z = c.Network.HiddenBias(j);
                for (int k = 0; k < 3; k++) z += w[k] * c.Data.Input(i)[k];
                if (Math.Abs(z) < best) { best = Math.Abs(z); bi = i; bj = j; }
            }
        Tolerances.AssertClose(nearest.MinAbsPreactivation, best, 1e-12, 1e-15);
        Assert.That((nearest.Sample, nearest.Neuron), Is.EqualTo((bi, bj)));
    }

    [Test]
    public void SampleOnAKink_IsFlagged()
    {
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.0], [[1.0, -1.0]]);
        var data = new Dataset([2.0, 2.0], [0.0], 2);
        Assert.That(Kinks.Nearest(NetworkEvaluation.Evaluate(net, data)).OnKink, Is.True);
    }

    [TestCaseSource(typeof(Cases), nameof(Cases.SmoothActivationNames))]
    public void SampleAtZIsZero_IsNoKink_ForASmoothActivation_OnEitherPath(string activation)
    {
        // The same z = 0 as above: min|z| is still reported, but a smooth σ has no kink there.
        var net = TwoLayerNetwork.FromWeights(Cases.MakeActivation(activation), [1.0], [[1.0, -1.0]]);
        var data = new Dataset([2.0, 2.0], [0.0], 2);
        var cached = Kinks.Nearest(NetworkEvaluation.Evaluate(net, data));
        var streamed = StreamingEvaluation.Evaluate(net, data).Kink;
        Assert.That((cached.MinAbsPreactivation, cached.ActivationHasKink, cached.OnKink), Is.EqualTo((0.0, false, false)));
        Assert.That(streamed, Is.EqualTo(cached));
    }
}
