using Flatness.Claims.Checks.PaperA;

namespace Flatness.Claims.Tests.Checks;

public class A17SignTestTests
{
    // Reference: P(Bin(16, ½) ≥ k) written out: k = 16 → 2⁻¹⁶; k = 15 → (16 + 1)/2¹⁶; k = 0 → 1.
    [TestCase(16, 16, 1.0 / 65536)]
    [TestCase(15, 16, 17.0 / 65536)]
    [TestCase(0, 16, 1.0)]
    [TestCase(12, 12, 1.0 / 4096)]
    public void PValueIsTheBinomialUpperTail(int below, int replicates, double expected) =>
        Assert.That(A17FlattestInterpolatorsGeneralize.SignTestPValue(below, replicates), Is.EqualTo(expected).Within(1e-12 * Math.Max(expected, 1e-3)));

    [Test]
    public void MedianOfOddAndEvenCounts()
    {
        Assert.That(A17FlattestInterpolatorsGeneralize.Median([3.0, 1.0, 2.0]), Is.EqualTo(2.0));
        Assert.That(A17FlattestInterpolatorsGeneralize.Median([4.0, 1.0, 2.0, 3.0]), Is.EqualTo(2.5));
    }
}
