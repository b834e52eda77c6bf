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
}
