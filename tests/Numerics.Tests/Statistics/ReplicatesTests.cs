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

    [Test]
    public void Mean_OfTwoReplicates_HasOneDegreeOfFreedom()
    {
        // {1, 3}: mean 2, sd √2, SE √2/√2 = 1, ν = 1 (t_{0.975, 1} = 12.706…: two seeds prove little).
        var b = Replicates.Mean([1.0, 3]);
        Assert.That((b.Value, b.DegreesOfFreedom), Is.EqualTo((2.0, 1.0)));
        Assert.That(b.Error, Is.EqualTo(1).Within(1e-15));
        Assert.That(b.Upper(0.025), Is.EqualTo(2 + 12.706204736174698).Within(1e-9));
    }
}
