using Flatness.Numerics.Measurement;

namespace Flatness.Numerics.Tests.Measurement;

public class MemoryBudgetTests
{
    [TestCase("2GB", 2_000_000_000L)]
    [TestCase("2gb", 2_000_000_000L)]
    [TestCase("2 GB", 2_000_000_000L)]
    [TestCase("1.5GiB", 1_610_612_736L)]
    [TestCase("512MiB", 536_870_912L)]
    [TestCase("300MB", 300_000_000L)]
    [TestCase("64K", 64_000L)]
    [TestCase("1T", 1_000_000_000_000L)]
    [TestCase("123", 123L)]
    [TestCase("0", 0L)]
    [TestCase("17B", 17L)]
    public void Parse_UnderstandsDecimalAndBinaryUnits(string text, long bytes)
    {
        Assert.That(MemoryBudget.TryParse(text, out long parsed, out string error), Is.True, error);
        Assert.That(parsed, Is.EqualTo(bytes));
    }

    [TestCase("")]
    [TestCase("GB")]
    [TestCase("-1GB")]
    [TestCase("2XB")]
    [TestCase("two GB")]
    [TestCase("1e9")]
    [TestCase("NaN")]
    [TestCase("99999999999TB")]
    public void Parse_RejectsWithOneLine(string text)
    {
        Assert.That(MemoryBudget.TryParse(text, out _, out string error), Is.False);
        Assert.That(error, Does.Not.Contain("\n").And.Not.Empty);
    }

    [Test]
    public void Estimates_CountTheCachedArrays()
    {
        // n = 1000, m = 10: k = 1 caches z, σ, σ' (3 n×m arrays), k ≥ 2 also σ''; both keep 3 n-vectors.
        Assert.That(MemoryBudget.CachedBytes(1000, 10, false), Is.EqualTo(8 * (3 * 10_000 + 3000)));
        Assert.That(MemoryBudget.CachedBytes(1000, 10, true), Is.EqualTo(8 * (4 * 10_000 + 3000)));
        Assert.That(MemoryBudget.StreamingBytes(1000), Is.EqualTo(8 * 3000));
        // n = 10⁶, m = 512, d = 64 (the README benchmark): the cache alone is 12.3 GB, over the default 2 GB.
        Assert.That(MemoryBudget.CachedBytes(1_000_000, 512, false), Is.GreaterThan(MemoryBudget.DefaultBytes));
        Assert.That(MemoryBudget.SharedBytes(1_000_000, 64, 512, true, 33_793, 100, 64) + MemoryBudget.StreamingBytes(1_000_000),
            Is.LessThan(MemoryBudget.DefaultBytes));
    }

    [Test]
    public void SharedBytes_CountsTheAugmentedInputsTheLanczosBasisAndThePartialSums()
    {
        // n = 100, d = 3, m = 4, P = 21, 10 Lanczos vectors, 2 lanes: 8·[100·4 + 10·21 + 2·(4·4 + 4 + 1)]; no hidden
        // bias: D̃ = 3 and X̃ is the data itself (not counted).
        Assert.That(MemoryBudget.SharedBytes(100, 3, 4, true, 21, 10, 2), Is.EqualTo(8L * (400 + 210 + 2 * 21)));
        Assert.That(MemoryBudget.SharedBytes(100, 3, 4, false, 17, 10, 2), Is.EqualTo(8L * (170 + 2 * 17)));
    }

    [TestCase(999L, "999 B")]
    [TestCase(2_000_000_000L, "2 GB")]
    [TestCase(1_234_567L, "1.23 MB")]
    public void Format_IsDecimal(long bytes, string text) => Assert.That(MemoryBudget.Format(bytes), Is.EqualTo(text));
}
