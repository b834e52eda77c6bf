using Flatness.Numerics.References;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.References;

public class ReferenceStatisticsTests
{
    [Test]
    public void MidRanks_AverageTies()
    {
        Assert.That(ReferenceStatistics.MidRanks([10, 20, 20, 5, 20]), Is.EqualTo(new[] { 2.0, 4.0, 4.0, 1.0, 4.0 }));
    }

    [Test]
    public void Spearman_OfHandCases()
    {
        // No ties: 1 − 6Σd²/(n(n² − 1)) = 1 − 6·4/120 = 0.8. Ties: ranks (1, 2.5, 2.5, 4) and (1, 3, 2, 4) give 4.5/√(4.5·5) = 3/√10.
        Tolerances.AssertClose(ReferenceStatistics.Spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), 0.8, 1e-15);
        Tolerances.AssertClose(ReferenceStatistics.Spearman([1, 2, 2, 3], [1, 3, 2, 4]), 3 / Math.Sqrt(10), 1e-15);
        Assert.That(ReferenceStatistics.Pearson([1, 1, 1], [1, 2, 3]), Is.NaN);
    }

    [Test]
    public void BinomialProbabilities_SumToOne_AndMatchHandValues()
    {
        // Bin(4, 1/2): 1, 4, 6, 4, 1 over 16; Bin(3, 0.9): P(3) = 0.729.
        Assert.That(ReferenceStatistics.BinomialProbabilities(4, 0.5), Is.EqualTo(new[] { 1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0 }).Within(1e-16));
        Tolerances.AssertClose(ReferenceStatistics.BinomialProbabilities(3, 0.9)[3], 0.729, 1e-14);
        Tolerances.AssertClose(ReferenceStatistics.BinomialProbabilities(1000, 0.013).Sum(), 1, 1e-13);
        Tolerances.AssertClose(ReferenceStatistics.BinomialUpperTail(4, 0.5, 3) + ReferenceStatistics.BinomialLowerTail(4, 0.5, 2), 1, 1e-15);
    }

    [Test]
    public void NormalTail_AndQuantile_MatchTables()
    {
        // Φ̄(1.959963984540054) = 0.025, Φ̄(0) = 1/2, Φ̄(5) = 2.866515718791939e-7 (erfc(5/√2)/2).
        Tolerances.AssertClose(ReferenceStatistics.NormalUpperTail(0), 0.5, 1e-15);
        Tolerances.AssertClose(ReferenceStatistics.NormalUpperTail(5), 2.866515718791939e-7, 1e-13);
        Tolerances.AssertClose(ReferenceStatistics.NormalUpperQuantile(0.025), 1.959963984540054, 1e-13);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public void StudentTail_InvertsTheClosedForms(int nu)
    {
        foreach (double alpha in new[] { 0.25, 0.025, 1e-4, 1e-9 })
        {
            double t = ReferenceStatistics.StudentUpperQuantileClosedForm(alpha, nu);
            Tolerances.AssertClose(ReferenceStatistics.StudentUpperTail(t, nu), alpha, 1e-11, what: $"nu {nu}, alpha {alpha}");
            Tolerances.AssertClose(ReferenceStatistics.StudentUpperQuantile(alpha, nu), t, 1e-11, what: $"quantile nu {nu}, alpha {alpha}");
        }
        // t_{0.975, 4} = 2.7764451051977987 (standard table).
        if (nu == 4) Tolerances.AssertClose(ReferenceStatistics.StudentUpperQuantileClosedForm(0.025, 4), 2.7764451051977987, 1e-14);
    }
}
