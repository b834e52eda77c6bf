using Flatness.Numerics.Statistics;

namespace Flatness.Numerics.Tests.Statistics;

public class ReplicatesTests
{
    [Test]
    public void MeanSlope_IsTheMeanOfPerReplicateSlopes_WithStudentBounds()
    {
        double[] x = [1, 2, 3, 4];
        // slopes 1, 2, 3 (y = s·x + replicate offset): mean 2, sd 1, SE 1/√3, 2 degrees of freedom.
        var b = Replicates.MeanSlope(x, [x.Select(v => v + 5).ToArray(), x.Select(v => 2 * v).ToArray(), x.Select(v => 3 * v - 1).ToArray()]);
        Assert.That(b.Value, Is.EqualTo(2).Within(1e-14));
        Assert.That(b.Error, Is.EqualTo(1 / Math.Sqrt(3)).Within(1e-14));
        Assert.That(b.DegreesOfFreedom, Is.EqualTo(2));
    }

    [Test]
    public void Mean_NeedsTwoFiniteReplicates()
    {
        Assert.Throws<ArgumentException>(() => Replicates.Mean([1.0]));
        Assert.Throws<ArgumentException>(() => Replicates.Mean([1.0, double.NaN]));
    }
}
