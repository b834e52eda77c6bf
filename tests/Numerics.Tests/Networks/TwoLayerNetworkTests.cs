using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Networks;

public class TwoLayerNetworkTests
{
    private static IEnumerable<TestNet> AllCases() => Cases.All(n: 37, d: 5, m: 11);

    [TestCaseSource(nameof(AllCases))]
    public void BlockedPredict_EqualsPlainLoops(TestNet c)
    {
        var f = c.Network.Predict(c.Data);
        for (int i = 0; i < c.Data.Count; i++)
            Tolerances.AssertClose(f[i], c.Network.Evaluate(c.Data.Input(i)), 1e-13, 1e-13, $"f(x{i})");
    }

    [Test]
    public void Layout_CountsParameters_m_Times_DTildePlusOne_PlusBeta()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new ParameterLayout(5, 3, false, false).Count, Is.EqualTo(5 * 4));
            Assert.That(new ParameterLayout(5, 3, true, false).Count, Is.EqualTo(5 * 5));
            Assert.That(new ParameterLayout(5, 3, true, true).Count, Is.EqualTo(5 * 5 + 1));
            Assert.That(new ParameterLayout(5, 3, true, true).OutputWeightIndex(2), Is.EqualTo(2 * 5 + 4));
        });
    }

    [Test]
    public void FromWeights_PlacesEveryWeight()
    {
        var net = TwoLayerNetwork.FromWeights(new Relu(), [2.0, -1.0], [[1.0, 2.0], [3.0, 4.0]], [0.5, -0.5], 0.25);
        Assert.Multiple(() =>
        {
            Assert.That(net.OutputWeight(1), Is.EqualTo(-1.0));
            Assert.That(net.HiddenWeight(1).ToArray(), Is.EqualTo(new[] { 3.0, 4.0 }));
            Assert.That(net.HiddenBias(0), Is.EqualTo(0.5));
            Assert.That(net.OutputBias, Is.EqualTo(0.25));
            // f(1, 1) = 2·relu(1+2+0.5) − relu(3+4−0.5) + 0.25 = 7 − 6.5 + 0.25
            Assert.That(net.Evaluate([1.0, 1.0]), Is.EqualTo(0.75).Within(1e-15));
        });
    }

    [Test]
    public void FromWeights_RejectsRaggedRows() =>
        Assert.That(() => TwoLayerNetwork.FromWeights(new Relu(), [1.0, 1.0], [[1.0, 2.0], [3.0]]), Throws.ArgumentException);

    [Test]
    public void Predict_RejectsMismatchedInputDimension()
    {
        var c = Cases.Make("relu", false, false, false, 4, 3, 2, 1);
        var other = new Dataset(new double[8], new double[4], 2);
        Assert.That(() => c.Network.Predict(other), Throws.ArgumentException.With.Message.Contains("input columns"));
    }
}
