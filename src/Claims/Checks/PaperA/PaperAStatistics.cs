using MathNet.Numerics.Distributions;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>The family-wise error budget of the statistical paper-A claims (A-08 … A-18): every claim's false-refutation
/// probability per run is at most <see cref="FamilyWiseLevel"/>, split over its sub-tests by Bonferroni.</summary>
internal static class PaperAStatistics
{
    /// <summary>Family-wise false-refutation probability per run.</summary>
    public const double FamilyWiseLevel = 1e-3;

    /// <summary>The two-sided normal critical value z with P(|Z| &gt; z) = α/K (Bonferroni over K sub-tests).</summary>
    public static double CriticalValue(int subTests) => Normal.InvCDF(0, 1, 1 - FamilyWiseLevel / (2.0 * subTests));

    /// <summary>The one-sided normal critical value z with P(Z &gt; z) = α/K.</summary>
    public static double OneSidedCriticalValue(int subTests) => Normal.InvCDF(0, 1, 1 - FamilyWiseLevel / subTests);

    /// <summary>The Notes paragraph stating the budget.</summary>
    public static string BudgetNote(int subTests, string what) =>
        $"False-refutation probability per run: at most {FamilyWiseLevel:0.###e0} family-wise (Bonferroni over {subTests} sub-tests: {what}; " +
        $"each two-sided normal test at level {FamilyWiseLevel / subTests:0.###e0}, critical value z = {CriticalValue(subTests):0.###}).";
}
