using Flatness.Claims.Checks.PaperA;

namespace Flatness.Claims.Tests.Checks;

public class A17ApproximationTests
{
    [Test]
    public void ApproximationReplicate_InterpolatesAndItsExcessSplitsAsAPlusTheEstimationPart()
    {
        // Small size (d = 4, n = 16): the probe's flattest interpolator of a tanh target interpolates, its exact excess is at
        // least the best-approximation error A, and the two code paths of Pythagoras agree.
        var o = A17FlattestInterpolatorsGeneralize.ApproximationReplicate(5, 0, 4, 16, 12, 2, 2.0);
        Assert.That(o.Found, Is.True);
        Assert.That(o.MaxResidual, Is.LessThan(1e-8));
        Assert.That(o.ApproximationError, Is.InRange(0.01, 0.5), "κ = 2 is far from representable");
        Assert.That(o.Excess, Is.GreaterThanOrEqualTo(o.ApproximationError));
        Assert.That(Math.Abs(o.Excess - o.EstimationPart - o.ApproximationError), Is.LessThan(A17FlattestInterpolatorsGeneralize.PythagorasTolerance));
        Assert.That(o.FloorRatio, Is.GreaterThanOrEqualTo(1 - 1e-9), "no interpolator is below the A-D1 floor");
    }
}
