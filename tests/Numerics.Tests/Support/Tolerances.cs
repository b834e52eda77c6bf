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

    /// <summary>|actual − expected| ≤ <paramref name="ulps"/>·max(2⁻⁵³·envelope, 2⁻¹⁰⁷⁴): an error of at most that many
    /// units in the last place of <paramref name="envelope"/> (|expected| for a relative statement; the sum of the absolute
    /// values of the terms where they cancel), and of the smallest subnormal where the envelope is subnormal.</summary>
    public static void AssertWithinUlps(double actual, double expected, double envelope, double ulps, string? what = null)
    {
        double bound = ulps * Math.Max(Math.Abs(envelope) * Math.Pow(2, -53), double.Epsilon);
        if (!(Math.Abs(actual - expected) <= bound))
            Assert.Fail($"{what ?? "value"}: actual {actual:R}, expected {expected:R}, error {UlpsOf(actual, expected, envelope):G3} ulps of the envelope {envelope:G3} > {ulps}");
    }

    /// <summary>|actual − expected| in units of max(2⁻⁵³·envelope, 2⁻¹⁰⁷⁴).</summary>
    public static double UlpsOf(double actual, double expected, double envelope) =>
        Math.Abs(actual - expected) / Math.Max(Math.Abs(envelope) * Math.Pow(2, -53), double.Epsilon);

    public static double RelativeError(double actual, double expected) =>
        Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);
}
