using Flatness.Numerics.Networks;
using Flatness.Numerics.References;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.References;

public class ReferenceNetworkTests
{
    [Test]
    public void Sigma_MatchesTheDefinitions()
    {
        Assert.That(ReferenceNetwork.Sigma(new Relu(), -1.5), Is.EqualTo(0));
        Assert.That(ReferenceNetwork.Sigma(new Relu(), 2.5), Is.EqualTo(2.5));
        Assert.That(ReferenceNetwork.Sigma(new LeakyRelu(0.25), -2), Is.EqualTo(-0.5));
        Assert.That(ReferenceNetwork.Sigma(new AbsoluteValue(), -2), Is.EqualTo(2));
        Assert.That(ReferenceNetwork.Sigma(new ReluPower(3), 2), Is.EqualTo(8));
        Assert.That(ReferenceNetwork.Sigma(new ReluPower(2), -2), Is.EqualTo(0));
    }

    [Test]
    public void Output_OfAHandNetwork_WithBiases()
    {
        // f(x) = 2·relu(1·x₁ − 1·x₂ + 0.5) − 1·relu(0.5x₁ + 2x₂ − 1) + 0.25 at x = (1, 0.5): 2·1 − 1·(0.5) + 0.25 = 1.75.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [2.0, -1.0], [[1.0, -1.0], [0.5, 2.0]], [0.5, -1.0], 0.25);
        Assert.That(ReferenceNetwork.Output(net.Activation, net.Layout, net.Parameters, [1.0, 0.5]), Is.EqualTo(1.75));
        var data = new Dataset([1.0, 0.5, 0.0, 0.0], [1.0, 0.0], 2);
        // Residuals 0.75 and f(0) − 0 = 2·0.5 − 0 + 0.25 = 1.25: L̂₁ = (0.5625 + 1.5625)/2, L̂₂ half of it.
        Assert.That(ReferenceNetwork.Loss(net, data, LossConvention.Mse), Is.EqualTo(1.0625));
        Assert.That(ReferenceNetwork.Loss(net, data, LossConvention.HalfMse), Is.EqualTo(0.53125));
    }

    [Test]
    public void CentralDifferences_OfAQuadraticLoss_AreExact()
    {
        // One linear unit (|z| on z > 0): f = a·w·x, L̂₁ = (awx − y)², ∂/∂w = 2(awx − y)ax, ∂/∂a = 2(awx − y)wx.
        var net = TwoLayerNetwork.FromWeights(new AbsoluteValue(), [1.5], [[0.8]]);
        var data = new Dataset([2.0], [1.0], 1);
        var g = ReferenceNetwork.CentralDifferenceGradient(net, data, LossConvention.Mse, 1e-4);
        double r = 1.5 * 0.8 * 2 - 1;
        Tolerances.AssertClose(g[0], 2 * r * 1.5 * 2, 1e-8);
        Tolerances.AssertClose(g[1], 2 * r * 0.8 * 2, 1e-8);
    }
}
