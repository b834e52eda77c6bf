using Flatness.Numerics.Statistics;

namespace Flatness.Numerics.Tests.Statistics;

public class RankCorrelationTests
{
    [Test]
    public void Rho_IsPearsonOfRanks_OnAHandComputedExample()
    {
        // ranks x: 1 2 3 4 5, ranks y: 2 1 4 3 5; Σd² = 4, ρ = 1 − 6·4/(5·24) = 0.8.
        var r = RankCorrelation.Spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50], 0.95);
        Assert.That(r.Rho, Is.EqualTo(0.8).Within(1e-14));
        // Interval: tanh(atanh 0.8 ± 1.959964·√(1.06/2)).
        double half = 1.959963984540054 * Math.Sqrt(1.06 / 2);
        Assert.That(r.Low, Is.EqualTo(Math.Tanh(Math.Atanh(0.8) - half)).Within(1e-12));
        Assert.That(r.High, Is.EqualTo(Math.Tanh(Math.Atanh(0.8) + half)).Within(1e-12));
    }

    [Test]
    public void MonotoneDecreasing_GivesMinusOne()
    {
        var x = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
        var y = x.Select(v => Math.Exp(-v)).ToArray();
        Assert.That(RankCorrelation.Spearman(x, y, 0.99).Rho, Is.EqualTo(-1).Within(1e-14));
    }

    [Test]
    public void Rho_WithTies_IsPearsonOfMidRanks_NotTheNoTieFormula()
    {
        // x = 1 2 2 3 4 has mid-ranks 1 2.5 2.5 4 5, y = 1 3 2 5 4 ranks 1 3 2 5 4. Centred: (−2 −½ −½ 1 2) and (−2 0 −1 2 1);
        // Σdxdy = 8.5, Σdx² = 9.5, Σdy² = 10, ρ = 8.5/√95 = 0.87208… (1 − 6Σd²/(n(n²−1)) would give 0.875).
        var r = RankCorrelation.Spearman([1, 2, 2, 3, 4], [1, 3, 2, 5, 4], 0.95);
        Assert.That(r.Rho, Is.EqualTo(8.5 / Math.Sqrt(95)).Within(1e-14));
        Assert.That(RankCorrelation.Rho([1, 2, 2, 3, 4], [1, 3, 2, 5, 4]), Is.EqualTo(r.Rho));
    }

    [Test]
    public void Spearman_OfFourPairs_IsTheSmallestAllowed()
    {
        // ranks 1 2 3 4 vs 1 3 2 4: Σd² = 2, ρ = 1 − 12/60 = 0.8; the Fisher-z spread is √(1.06/(4 − 3)).
        var r = RankCorrelation.Spearman([1, 2, 3, 4], [1, 3, 2, 4], 0.9);
        Assert.That((r.Count, r.Level), Is.EqualTo((4, 0.9)));
        Assert.That(r.Rho, Is.EqualTo(0.8).Within(1e-14));
        // z_{0.95} = 1.6448536269514722 (tables).
        Assert.That(r.Low, Is.EqualTo(Math.Tanh(Math.Atanh(0.8) - 1.6448536269514722 * Math.Sqrt(1.06))).Within(1e-12));
        Assert.That(r.High, Is.EqualTo(Math.Tanh(Math.Atanh(0.8) + 1.6448536269514722 * Math.Sqrt(1.06))).Within(1e-12));
    }

    [Test]
    public void Spearman_RejectsFewerThanFourOrMismatchedPairs_AndALevelOutsideZeroOne()
    {
        Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, 2, 3], [1, 3, 2], 0.9));
        Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, 2, 3, 4, 5], [1, 3, 2, 4], 0.9));
        foreach (double level in new[] { 0, 1, -0.5, 1.5, double.NaN })
            Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, 2, 3, 4], [1, 3, 2, 4], level), $"level {level}");
    }
}
