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

    [Test]
    public void ApproximationError_GrowsWithTheLinkScale_AndVanishesAsTheLinkBecomesLinear()
    {
        // tanh(κz) → κz as κ → 0: A/Var g = O(κ⁴); at κ = 0.5, 1, 2 it increases (the probe's spread of A).
        double[] scales = [0.05, 0.5, 1.0, 2.0];
        var a = scales.Select(k => A17FlattestInterpolatorsGeneralize.ApproximationReplicate(5, 0, 4, 16, 12, 1, k).ApproximationError).ToArray();
        Assert.That(a[0], Is.LessThan(1e-4));
        Assert.That(a[1], Is.LessThan(a[2]));
        Assert.That(a[2], Is.LessThan(a[3]));
    }
}
