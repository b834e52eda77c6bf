using Flatness.Constructions.Interpolators;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Interpolators;

/// <summary>The random-feature interpolator redraws a first layer that leaves some sample with no live feature (a zero row
/// of Φ, which no output weights can fit): A-16 was refuted at one seed in a 200-seed sweep by such a draw.</summary>
public class RandomFeatureInterpolatorTests
{
    // d = 1, x = +1 and -1: each unit row u = ±1 fires on exactly one sample, so two rows leave a sample dead half the time.
    private static readonly Dataset Data = new([1.0, -1.0], [1.0, 2.0], 1);

    [Test]
    public void EveryDraw_Interpolates_BecauseDeadSamplesAreRedrawn()
    {
        for (ulong seed = 1; seed <= 50; seed++)
        {
            var c = RandomFeatureInterpolator.Build(new Relu(), Data, 2, new Rng(seed));
            Assert.That(c.MaxResidual, Is.LessThan(1e-12), $"seed {seed}");
        }
    }

    [Test]
    public void HasDeadSample_FindsAZeroRowOfPhi()
    {
        double[][] same = [[1.0], [1.0]], both = [[1.0], [-1.0]];
        Assert.That(RandomFeatureInterpolator.HasDeadSample(new Relu(), Data, same), Is.True);
        Assert.That(RandomFeatureInterpolator.HasDeadSample(new Relu(), Data, both), Is.False);
    }

    [Test]
    public void ASampleNoRowCanReach_StopsAfterTheMaximumDraws_AndTheResidualSaysSo()
    {
        var zero = new Dataset([0.0, 1.0], [1.0, 1.0], 1);
        var c = RandomFeatureInterpolator.Build(new Relu(), zero, 2, new Rng(3));
        Assert.That(c.MaxResidual, Is.GreaterThan(0.5));
    }
}
