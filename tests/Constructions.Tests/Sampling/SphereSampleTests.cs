using Flatness.Constructions.Sampling;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Sampling;

public class SphereSampleTests
{
    [Test]
    public void InputsLieOnTheSphereAndLabelsAreTheTargets()
    {
        var target = TwoLayerNetwork.FromWeights(new Relu(), [1.0, -0.5], [[1.0, 0.0, 0.0], [0.0, 0.6, 0.8]]);
        var data = SphereSample.Draw(target, 50, new Rng(3));
        for (int i = 0; i < 50; i++)
        {
            var x = data.Input(i).ToArray();
            Assert.That(x.Sum(v => v * v), Is.EqualTo(3.0).Within(1e-12));
            double expected = Math.Max(x[0], 0) - 0.5 * Math.Max(0.6 * x[1] + 0.8 * x[2], 0);
            Assert.That(data.Target(i), Is.EqualTo(expected).Within(1e-14));
        }
    }
}
