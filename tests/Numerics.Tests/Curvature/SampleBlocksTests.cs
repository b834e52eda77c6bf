using Flatness.Numerics.Curvature;

namespace Flatness.Numerics.Tests.Curvature;

public class SampleBlocksTests
{
    [TestCase(1, 1)]
    [TestCase(128, 1)]
    [TestCase(129, 2)]
    [TestCase(1_000_000, 7813)]
    public void Blocks_CoverTheSamplesIn128s(int n, int blocks) => Assert.That(SampleBlocks.Blocks(n), Is.EqualTo(blocks));

    [TestCase(300, 100L, 3)]          // fewer blocks than lanes: one block per lane
    [TestCase(1_000_000, 33_280L, 64)] // m·D̃ = 512·65: 64 lanes
    [TestCase(1_000_000, 1L << 24, 2)] // partial sums of 2²⁴ doubles: at most 2²⁵ doubles in all
    [TestCase(1_000_000, 1L << 26, 1)]
    public void Lanes_AreCappedByBlocksSixtyFourAndMemory(int n, long partial, int lanes) =>
        Assert.That(SampleBlocks.Lanes(n, partial), Is.EqualTo(lanes));

    [TestCase(7813, 64)]
    [TestCase(10, 3)]
    [TestCase(5, 5)]
    public void LaneBlocks_PartitionTheBlocksInOrder(int blocks, int lanes)
    {
        // ⌊ℓB/L⌋ .. ⌊(ℓ+1)B/L⌋: consecutive, disjoint, covering 0..B, sizes differing by at most one.
        int next = 0;
        var sizes = new List<int>();
        for (int l = 0; l < lanes; l++)
        {
            var (b0, b1) = SampleBlocks.LaneBlocks(l, lanes, blocks);
            Assert.That(b0, Is.EqualTo(next));
            Assert.That(b0, Is.EqualTo((int)((long)l * blocks / lanes)));
            sizes.Add(b1 - b0);
            next = b1;
        }
        Assert.That(next, Is.EqualTo(blocks));
        Assert.That(sizes.Max() - sizes.Min(), Is.LessThanOrEqualTo(1));
    }
}
