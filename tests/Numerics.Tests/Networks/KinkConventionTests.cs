using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Tests.Networks;

/// <summary>The value the piecewise activations give at their kink z = 0: the left derivative, for every one of them, and
/// the same convention for ReLU^k's second derivative (Stryker survivors of Networks, 3 Dec 2026: `&gt;` against `≥` passed
/// for each). Samples exactly on a kink are rare but not impossible (a zero input row, integer data).</summary>
public class KinkConventionTests
{
    [Test]
    public void AtZero_EachPiecewiseActivation_TakesItsLeftDerivative()
    {
        Assert.That(new Relu().Value(0), Is.EqualTo(0.0));
        Assert.That(new Relu().Derivative(0), Is.EqualTo(0.0));
        Assert.That(new LeakyRelu(0.2).Derivative(0), Is.EqualTo(0.2));
        Assert.That(new AbsoluteValue().Derivative(0), Is.EqualTo(-1.0));
        Assert.That(new ReluPower(2).Derivative(0), Is.EqualTo(0.0));
        Assert.That(new ReluPower(2).SecondDerivative(0), Is.EqualTo(0.0));
        Assert.That(new ReluPower(3).SecondDerivative(0), Is.EqualTo(0.0));
        Assert.That(new ReluPower(2).SecondDerivative(1e-300), Is.EqualTo(2.0), "just right of the kink");
    }

    [Test]
    public void Equality_IsByDescription_AndNullIsNotEqual()
    {
        Assert.That(new LeakyRelu(0.2).Equals(new LeakyRelu(0.2)), Is.True);
        Assert.That(new LeakyRelu(0.2).Equals(new LeakyRelu(0.3)), Is.False);
        Assert.That(new Relu().Equals((Activation?)null), Is.False);
    }
}
