using Flatness.Constructions.Sampling;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Sampling;

public class RandomNetworksTests
{
    [Test]
    public void GaussianData_KeepsEveryPreactivationAwayFromTheKink_AndInterpolatesWhenAsked()
    {
        var rng = new Rng(2);
        var net = RandomNetworks.Gaussian(new Relu(), new ParameterLayout(6, 3, true, false), rng);
        var data = RandomNetworks.GaussianData(net, 30, rng, interpolate: true, kinkMargin: 0.1);
        var e = NetworkEvaluation.Evaluate(net, data);
        Assert.That(Kinks.Nearest(e).MinAbsPreactivation, Is.GreaterThanOrEqualTo(0.1));
        Assert.That(e.MaxAbsResidual, Is.LessThan(1e-12));
    }
}
