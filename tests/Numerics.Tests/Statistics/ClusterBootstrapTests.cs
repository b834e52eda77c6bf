using Flatness.Numerics.Statistics;

namespace Flatness.Numerics.Tests.Statistics;

public class ClusterBootstrapTests
{
    [Test]
    public void SameSeed_SameBounds_AndTheyBracketTheEstimate()
    {
        var clusters = Enumerable.Range(0, 8).Select(c => Enumerable.Range(0, 5).Select(i => c + 0.1 * i).ToArray()).ToList();
        static double Mean(IReadOnlyList<double[]> cs) => cs.SelectMany(v => v).Average();
        var a = ClusterBootstrap.Bounds(clusters, Mean, 999, 42);
        var b = ClusterBootstrap.Bounds(clusters, Mean, 999, 42);
        Assert.That(a.Lower(0.05), Is.EqualTo(b.Lower(0.05)));
        Assert.That(a.Lower(0.05), Is.LessThan(a.Estimate));
        Assert.That(a.Upper(0.05), Is.GreaterThan(a.Estimate));
        Assert.That(a.Estimate, Is.EqualTo(Mean(clusters)));
    }

    [Test]
    public void ResamplesClustersWhole_NotUnits()
    {
        // Every cluster holds identical units: a unit-level bootstrap would see no spread within clusters, a cluster-level
        // one sees exactly the spread of the cluster means. With two clusters {0,0,0} and {1,1,1} every replicate mean is
        // 0, 0.5 or 1.
        var clusters = new List<double[]> { new double[] { 0, 0, 0 }, new double[] { 1, 1, 1 } };
        var b = ClusterBootstrap.Bounds(clusters, cs => cs.SelectMany(v => v).Average(), 400, 3);
        Assert.That(b.Replicates.All(v => v is 0 or 0.5 or 1), Is.True);
    }

    [Test]
    public void SignTest_CountsPositivesAmongNonZero()
    {
        var b = SignTest.Positive([1, -2, 0, 3, 4]);
        Assert.That((b.Successes, b.Trials), Is.EqualTo((3, 4)));
        Assert.Throws<ArgumentException>(() => SignTest.Positive([0, 0]));
    }

    [Test]
    public void NeedsTwoClusters_AndAtLeastOneReplicate()
    {
        static double Mean(IReadOnlyList<double[]> cs) => cs.SelectMany(v => v).Average();
        Assert.Throws<ArgumentException>(() => ClusterBootstrap.Bounds([new double[] { 1, 2 }], Mean, 100, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterBootstrap.Bounds([new double[] { 1 }, new double[] { 2 }], Mean, 0, 1));
        Assert.That(ClusterBootstrap.Bounds([new double[] { 1 }, new double[] { 2 }], Mean, 1, 1).Count, Is.EqualTo(1));
    }

    [Test]
    public void SignTest_RejectsNaN_AndIgnoresZeros()
    {
        Assert.Throws<ArgumentException>(() => SignTest.Positive([1, double.NaN, 2]));
        var b = SignTest.Positive([0, -0.0, 1e-300, -1e-300, double.PositiveInfinity]);
        Assert.That((b.Successes, b.Trials), Is.EqualTo((2, 3)));
    }
}
