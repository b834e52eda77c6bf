namespace Flatness.Numerics.Tests.Support;

/// <summary>The one tolerance vocabulary of the numerics tests: |actual − expected| ≤ atol + rtol·|expected|.</summary>
public static class Tolerances
{
    public static void AssertClose(double actual, double expected, double rtol, double atol = 0, string? what = null)
    {
        double bound = atol + rtol * Math.Abs(expected);
        if (!(Math.Abs(actual - expected) <= bound))
            Assert.Fail($"{what ?? "value"}: actual {actual:R}, expected {expected:R}, |diff| {Math.Abs(actual - expected):G3} > {bound:G3} (rtol {rtol:G2}, atol {atol:G2})");
    }

    /// <summary>Entrywise, with atol scaled by the largest |expected| entry (matrices and vectors).</summary>
    public static void AssertAllClose(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double rtol, double atol = 0, string? what = null)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), $"{what}: length");
        double scale = 0;
        foreach (double e in expected) scale = Math.Max(scale, Math.Abs(e));
        for (int i = 0; i < actual.Length; i++)
        {
            double bound = atol + rtol * Math.Max(Math.Abs(expected[i]), scale);
            if (!(Math.Abs(actual[i] - expected[i]) <= bound))
                Assert.Fail($"{what ?? "array"}[{i}]: actual {actual[i]:R}, expected {expected[i]:R}, |diff| {Math.Abs(actual[i] - expected[i]):G3} > {bound:G3}");
        }
    }

    public static double RelativeError(double actual, double expected) =>
        Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);
}
