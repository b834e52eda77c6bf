using Flatness.Numerics.Statistics;
using MathNet.Numerics.Distributions;

using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Statistics;

public class ConfidenceBoundsTests
{
    [Test]
    public void Normal_IsEstimatePlusMinusZ()
    {
        var b = new NormalBounds(1.0, 0.1, 100);
        // z_{0.025} = 1.959963984540054 (Abramowitz & Stegun 26.2.23 table value).
        Tolerances.AssertClose(b.Lower(0.025), 1 - 0.1959963984540054, 1e-12);
        Tolerances.AssertClose(b.Upper(0.025), 1 + 0.1959963984540054, 1e-12);
    }

    [Test]
    public void Student_MatchesMathNetQuantile()
    {
        var b = new StudentBounds(2.0, 0.5, 4);
        // t_{0.975, 4} = 2.7764451051977987 (standard table).
        Tolerances.AssertClose(b.Upper(0.025), 2 + 0.5 * 2.7764451051977987, 1e-10);
        Assert.That(new StudentBounds(0, 1, 0).Upper(0.05), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void ClopperPearson_ZeroSuccesses_UpperIsOneMinusAlphaToTheOneOverN()
    {
        var b = new ClopperPearsonBounds(0, 20);
        Assert.That(b.Lower(0.05), Is.EqualTo(0));
        Tolerances.AssertClose(b.Upper(0.05), 1 - Math.Pow(0.05, 1.0 / 20), 1e-10);
        Assert.That(new ClopperPearsonBounds(20, 20).Upper(0.05), Is.EqualTo(1));
        Tolerances.AssertClose(new ClopperPearsonBounds(20, 20).Lower(0.05), Math.Pow(0.05, 1.0 / 20), 1e-10);
    }

    [TestCase(5, 0.5)]
    [TestCase(12, 0.3)]
    public void ClopperPearson_LowerExceedsP0_ExactlyWhenTheBinomialTailIsBelowAlpha(int n, double p0)
    {
        for (int k = 0; k <= n; k++)
            foreach (double alpha in new[] { 0.05, 0.01, 1e-3 })
                Assert.That(new ClopperPearsonBounds(k, n).Lower(alpha) > p0, Is.EqualTo(BinomialTail.Upper(n, p0, k) < alpha), $"k={k}, alpha={alpha}");
    }

    [Test]
    public void ClopperPearson_HasExactCoverage_AtLeastOneMinusAlpha()
    {
        // P_p(Lower(α) > p) = Σ_k P(Bin(n, p) = k)·[Lower_k(α) > p] ≤ α for every p (exact sum, no simulation).
        const int n = 30;
        const double alpha = 0.05;
        var lower = Enumerable.Range(0, n + 1).Select(k => new ClopperPearsonBounds(k, n).Lower(alpha)).ToArray();
        for (double p = 0.01; p < 1; p += 0.01)
        {
            double miss = 0;
            for (int k = 0; k <= n; k++) if (lower[k] > p) miss += Binomial.PMF(p, n, k);
            Assert.That(miss, Is.LessThanOrEqualTo(alpha + 1e-12), $"p={p}");
        }
    }

    [Test]
    public void Hoeffding_IsRangeTimesRootLogOverTwoN()
    {
        var b = new HoeffdingBounds(0.3, 2, 200);
        Tolerances.AssertClose(b.Upper(1e-3) - 0.3, 2 * Math.Sqrt(Math.Log(1000) / 400), 1e-14);
    }

    [Test]
    public void EmpiricalBernstein_IsMaurerPontilTheorem4()
    {
        var b = new EmpiricalBernsteinBounds(0.1, 0.04, 1, 100);
        double l = Math.Log(2 / 0.01);
        Tolerances.AssertClose(b.Upper(0.01) - 0.1, Math.Sqrt(2 * 0.04 * l / 100) + 7 * l / (3.0 * 99), 1e-14);
    }

    [Test]
    public void EmpiricalBernstein_CoversTheMeanOfRareEvents()
    {
        // Bernoulli(0.002) means of 2000 draws, 400 repetitions: the 1e-2 upper bound must fall below p at most ~1% of the time
        // (we allow 12 of 400, the 0.999 binomial quantile of Bin(400, 0.01) is 10).
        var rng = new Flatness.Numerics.Randomness.Rng(11);
        int misses = 0;
        for (int r = 0; r < 400; r++)
        {
            var x = Enumerable.Range(0, 2000).Select(_ => rng.NextDouble() < 0.002 ? 1.0 : 0.0).ToArray();
            var m = Descriptive.Mean(x);
            double variance = m.StandardError * m.StandardError * x.Length;
            if (new EmpiricalBernsteinBounds(m.Mean, variance, 1, x.Length).Upper(0.01) < 0.002) misses++;
        }
        Assert.That(misses, Is.LessThanOrEqualTo(12));
    }

    [Test]
    public void Scaled_MultipliesEstimateBoundsAndStandardError_ByTheFactor()
    {
        var inner = new ClopperPearsonBounds(7, 50);
        var b = new ScaledBounds(inner, 2.5);
        Assert.That(b.Estimate, Is.EqualTo(2.5 * inner.Estimate));
        Assert.That(b.Lower(0.01), Is.EqualTo(2.5 * inner.Lower(0.01)));
        Assert.That(b.Upper(0.01), Is.EqualTo(2.5 * inner.Upper(0.01)));
        Assert.That(b.StandardError, Is.EqualTo(2.5 * inner.StandardError));
        Assert.That(b.Count, Is.EqualTo(50));
        Assert.That(() => new ScaledBounds(inner, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new ScaledBounds(inner, double.PositiveInfinity), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void FisherZ_AgreesWithRankCorrelationInterval()
    {
        var r = RankCorrelation.Spearman([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11], 0.9);
        var b = r.Bounds();
        Tolerances.AssertClose(b.Lower(0.05), r.Low, 1e-14);
        Tolerances.AssertClose(b.Upper(0.05), r.High, 1e-14);
    }

    [Test]
    public void Percentile_IsInfiniteBeyondItsResolution()
    {
        var b = new PercentileBounds(0.5, Enumerable.Range(1, 99).Select(i => i / 100.0).ToArray());
        Assert.That(b.Lower(0.05), Is.EqualTo(0.05).Within(1e-15));
        Assert.That(b.Upper(0.05), Is.EqualTo(0.95).Within(1e-15));
        Assert.That(b.Lower(1e-3), Is.EqualTo(double.NegativeInfinity));
        Assert.That(b.Upper(1e-3), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void LinearFit_SlopeBounds_AreStudentWithNMinusTwo()
    {
        var fit = LinearFit.Fit([1, 2, 3, 4, 5], [1.1, 1.9, 3.2, 3.9, 5.1]);
        var b = fit.SlopeBounds();
        Assert.That(b.DegreesOfFreedom, Is.EqualTo(3));
        Tolerances.AssertClose(b.Upper(0.025) - fit.Slope, StudentT.InvCDF(0, 1, 3, 0.975) * fit.SlopeStandardError, 1e-12);
    }

    [Test]
    public void ExactValue_HasNoWidth()
    {
        var b = new ExactValue(3);
        Assert.That((b.Lower(1e-9), b.Upper(1e-9), b.StandardError), Is.EqualTo((3.0, 3.0, 0.0)));
    }

    [Test]
    public void AlphaOutsideZeroOne_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new NormalBounds(0, 1, 2).Lower(0));
}

public class StudentDifferenceTests
{
    [Test]
    public void Welch_DegreesOfFreedom_AndStandardError()
    {
        // s_a = 0.3 (ν 3), s_b = 0.4 (ν 3): ν = 0.25²/(0.0081/3 + 0.0256/3) = 0.0625·3/0.0337 = 5.5638…
        var d = StudentBounds.Difference(new StudentBounds(1.0, 0.3, 3), new StudentBounds(0.2, 0.4, 3));
        Assert.That(d.Value, Is.EqualTo(0.8).Within(1e-15));
        Assert.That(d.Error, Is.EqualTo(0.5).Within(1e-15));
        Assert.That(d.DegreesOfFreedom, Is.EqualTo(0.0625 * 3 / 0.0337).Within(1e-12));
    }

    [Test]
    public void MeanStudentBounds_HasNMinusOneDegreesOfFreedom()
    {
        var b = Descriptive.Mean([1.0, 2, 3, 4, 5]).StudentBounds();
        Assert.That((b.Value, b.DegreesOfFreedom), Is.EqualTo((3.0, 4.0)));
        Assert.That(b.Error, Is.EqualTo(Math.Sqrt(2.5 / 5)).Within(1e-15));
    }
}

public class ExtremeAlphaTests
{
    [TestCase(1e-16)]
    [TestCase(1e-10)]
    [TestCase(1e-7)]
    public void Student_HandlesTinyAlpha(double alpha)
    {
        var b = new StudentBounds(0, 1, 4);
        Assert.That(double.IsFinite(b.Upper(alpha)) && b.Upper(alpha) > 10, Is.True);
        Assert.That(b.Lower(alpha), Is.EqualTo(-b.Upper(alpha)).Within(1e-9));
    }

    [Test]
    public void ClopperPearson_HandlesTinyAlpha() => Assert.That(double.IsFinite(new ClopperPearsonBounds(3, 5).Lower(1e-16)), Is.True);
}

public class StudentQuantileTests
{
    [TestCase(1e-9, 4)]
    [TestCase(1e-9, 30)]
    public void BisectionAgreesWithMathNet_WhereBothWork(double alpha, double nu)
    {
        // Just above the switch both paths are valid: MathNet's inverse at α and the tail at the bisection's t agree.
        double t = -MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, nu, alpha);
        double tail = 0.5 * MathNet.Numerics.SpecialFunctions.BetaRegularized(nu / 2, 0.5, nu / (nu + t * t));
        Assert.That(tail, Is.EqualTo(alpha).Within(1e-4 * alpha)); // MathNet's inverse is good to about 1e-5 relative here
        Assert.That(new StudentBounds(0, 1, nu).Upper(alpha * 0.99), Is.GreaterThan(t), "monotone across the switch");
    }

    [Test]
    public void FourDegrees_TailOf1e16_ClosedForm()
    {
        // ν = 4: P(T > t) = ½ − ½·(t/√(t²+4))·(1 + 2/(t²+4)) (A&S 26.7.3); with u = 4/t² the bracket is 1 − 3u²/8 + O(u³), so the
        // tail is 3/t⁴ + O(t⁻⁶) and t = (3/α)^(1/4) = 13160.74… at α = 1e-16.
        Assert.That(new StudentBounds(0, 1, 4).Upper(1e-16), Is.EqualTo(Math.Pow(3 / 1e-16, 0.25)).Within(1e-6).Percent);
    }
}

public class StudentQuantileAcrossTheRangeTests
{
    [TestCase(0.025, 1, 12.706204736174698)]   // t-table values (ν = 1, 4, 30 at two-sided 95 %)
    [TestCase(0.025, 4, 2.7764451051977987)]
    [TestCase(0.025, 30, 2.0422724563012373)]
    [TestCase(0.975, 4, -2.7764451051977987)]
    public void MatchesTables(double alpha, double nu, double t) =>
        Assert.That(new StudentBounds(0, 1, nu).Upper(alpha), Is.EqualTo(t).Within(1e-9));

    [Test]
    public void Cauchy_TailHasClosedForm()
    {
        // ν = 1 is Cauchy: P(T > t) = ½ − atan(t)/π, so t = cot(πα) = 3.18e9 at α = 1e-10 (where MathNet's inverse fails).
        Assert.That(new StudentBounds(0, 1, 1).Upper(1e-10), Is.EqualTo(1 / Math.Tan(Math.PI * 1e-10)).Within(1e-9).Percent);
    }
}

public class ClopperPearsonExactnessTests
{
    [TestCase(3, 20, 1e-7)]
    [TestCase(17, 20, 0.05)]
    [TestCase(1, 1000, 1e-3)]
    public void BoundsSolveTheirDefiningTailEquations(int k, int n, double alpha)
    {
        // Lower bound p_L: P(Bin(n, p_L) ≥ k) = α; upper bound p_U: P(Bin(n, p_U) ≤ k) = α (Clopper & Pearson 1934), to 1e-12 relative.
        var b = new ClopperPearsonBounds(k, n);
        Assert.That(BinomialTail.Upper(n, b.Lower(alpha), k), Is.EqualTo(alpha).Within(1e-12 * alpha));
        Assert.That(1 - BinomialTail.Upper(n, b.Upper(alpha), k + 1), Is.EqualTo(alpha).Within(1e-10 * alpha + 1e-15));
    }
}

public class ConfidenceBoundsArgumentTests
{
    private static IEnumerable<TestCaseData> Families()
    {
        yield return new TestCaseData(new NormalBounds(0, 1, 10)).SetArgDisplayNames("normal");
        yield return new TestCaseData(new StudentBounds(0, 1, 4)).SetArgDisplayNames("Student");
        yield return new TestCaseData(new ClopperPearsonBounds(3, 10)).SetArgDisplayNames("Clopper-Pearson");
        yield return new TestCaseData(new HoeffdingBounds(0.5, 1, 100)).SetArgDisplayNames("Hoeffding");
        yield return new TestCaseData(new EmpiricalBernsteinBounds(0.5, 0.04, 1, 100)).SetArgDisplayNames("empirical Bernstein");
        yield return new TestCaseData(new FisherZBounds(0.3, 20)).SetArgDisplayNames("Fisher z");
        yield return new TestCaseData(new PercentileBounds(0, Enumerable.Range(1, 99).Select(i => i / 100.0).ToArray())).SetArgDisplayNames("percentile");
    }

    [TestCaseSource(nameof(Families))]
    public void EveryFamily_RejectsAlphaOutsideTheOpenUnitInterval(ConfidenceBounds b)
    {
        // α = 0 and α = 1 are the edges a bound could silently turn into ±∞ (or an index past the replicates) on.
        foreach (double alpha in new[] { 0, 1, -0.5, 1.5, double.NaN })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => b.Lower(alpha), $"Lower({alpha})");
            Assert.Throws<ArgumentOutOfRangeException>(() => b.Upper(alpha), $"Upper({alpha})");
        }
        Assert.That(double.IsFinite(b.Lower(0.05)) && double.IsFinite(b.Upper(0.05)), Is.True, "α = 0.05 is accepted");
    }
}

public class ConfidenceBoundsWrittenOutTests
{
    [Test]
    public void Student_Count_IsDegreesOfFreedomPlusOne()
    {
        Assert.That(new StudentBounds(0, 1, 4).Count, Is.EqualTo(5));
        Assert.That(new StudentBounds(0, 1, 7.6).Count, Is.EqualTo(9), "Welch degrees of freedom round to the nearest integer");
    }

    [Test]
    public void StudentDifference_OfTwoExactValues_AddsTheDegreesOfFreedom()
    {
        // Both standard errors 0: Welch's ratio is 0/0, so ν falls back to ν_a + ν_b = 3 + 7.
        var d = StudentBounds.Difference(new StudentBounds(1.0, 0, 3), new StudentBounds(0.25, 0, 7));
        Assert.That((d.Value, d.Error, d.DegreesOfFreedom), Is.EqualTo((0.75, 0.0, 10.0)));
    }

    [Test]
    public void StudentDifference_WithEqualErrors_IsWelchNotTheSumOfDegreesOfFreedom()
    {
        // s_a = s_b = 0.3 (ν 3 and 5): ν = (2·0.09)²/(0.0081/3 + 0.0081/5) = 4/(1/3 + 1/5) = 7.5, not 8.
        var d = StudentBounds.Difference(new StudentBounds(1.0, 0.3, 3), new StudentBounds(0, 0.3, 5));
        Assert.That(d.DegreesOfFreedom, Is.EqualTo(7.5).Within(1e-12));
        Assert.That(d.Error, Is.EqualTo(0.3 * Math.Sqrt(2)).Within(1e-15));
    }

    [Test]
    public void ClopperPearson_EstimateAndStandardError_WrittenOut()
    {
        var b = new ClopperPearsonBounds(7, 50);
        Assert.That(b.Estimate, Is.EqualTo(0.14).Within(1e-15));
        Assert.That(b.StandardError, Is.EqualTo(Math.Sqrt(0.14 * 0.86 / 50)).Within(1e-15));
        Assert.That(new ClopperPearsonBounds(0, 0).Estimate, Is.NaN, "no trials, no estimate");
        // k = 0 and k = n: p is clamped half a count inside [0, 1], p = 1/40 and 39/40, so the SE is not 0.
        double edge = Math.Sqrt(0.025 * 0.975 / 20);
        Assert.That(new ClopperPearsonBounds(0, 20).StandardError, Is.EqualTo(edge).Within(1e-15));
        Assert.That(new ClopperPearsonBounds(20, 20).StandardError, Is.EqualTo(edge).Within(1e-15));
    }

    [Test]
    public void Hoeffding_LowerAndStandardError_WrittenOut()
    {
        var b = new HoeffdingBounds(0.3, 2, 200);
        Tolerances.AssertClose(0.3 - b.Lower(1e-3), 2 * Math.Sqrt(Math.Log(1000) / 400), 1e-14);
        // The SE of a mean of variables in an interval of length R is at most R/2/√n (the variance is at most R²/4).
        Assert.That(b.StandardError, Is.EqualTo(1 / Math.Sqrt(200)).Within(1e-16));
    }

    [Test]
    public void EmpiricalBernstein_LowerScalesTheRangeTermBySevenR_AndStandardErrorIsRootVOverN()
    {
        // R = 2 (not 1, where 7R and 7/R agree): half-width √(2V·ln(2/α)/n) + 7R·ln(2/α)/(3(n − 1)).
        var b = new EmpiricalBernsteinBounds(0.1, 0.04, 2, 100);
        double l = Math.Log(2 / 0.01);
        double half = Math.Sqrt(2 * 0.04 * l / 100) + 7 * 2 * l / (3.0 * 99);
        Tolerances.AssertClose(b.Upper(0.01), 0.1 + half, 1e-14);
        Tolerances.AssertClose(b.Lower(0.01), 0.1 - half, 1e-14);
        Assert.That(b.StandardError, Is.EqualTo(0.02).Within(1e-16));
        Assert.That(new EmpiricalBernsteinBounds(0.1, -1e-18, 2, 100).StandardError, Is.Zero, "a rounded-negative variance counts as 0");
    }

    [Test]
    public void FisherZ_StandardError_IsTheDeltaMethodThroughTanh()
    {
        // d tanh(z)/dz = 1 − ρ², so SE(ρ̂) ≈ (1 − ρ²)·√(c/(m − 3)) = 0.75·√(1.06/25).
        Assert.That(new FisherZBounds(0.5, 28).StandardError, Is.EqualTo(0.75 * Math.Sqrt(1.06 / 25)).Within(1e-15));
        Assert.That(new FisherZBounds(-0.5, 28, 1).StandardError, Is.EqualTo(0.75 * Math.Sqrt(1 / 25.0)).Within(1e-15));
    }

    [Test]
    public void Percentile_AtExactlyItsResolution_IsTheExtremeReplicate()
    {
        // B = 3 replicates resolve α = 1/(B + 1) = 1/4 exactly: Lower(¼) is the smallest, Upper(¼) the largest; below it ∓∞.
        var b = new PercentileBounds(2, [3.0, 1, 2]);
        Assert.That((b.Lower(0.25), b.Upper(0.25)), Is.EqualTo((1.0, 3.0)));
        Assert.That((b.Lower(0.3), b.Upper(0.3)), Is.EqualTo((1.0, 3.0)));
        Assert.That((b.Lower(0.5), b.Upper(0.5)), Is.EqualTo((2.0, 2.0)));
        Assert.That(b.Lower(Math.BitDecrement(0.25)), Is.EqualTo(double.NegativeInfinity));
        Assert.That(b.Upper(Math.BitDecrement(0.25)), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Percentile_StandardError_IsTheSampleDeviationOfTheFiniteReplicates()
    {
        Assert.That(new PercentileBounds(0, [1.0, 2, 3, 4]).StandardError, Is.EqualTo(Math.Sqrt(5 / 3.0)).Within(1e-15));
        var b = new PercentileBounds(0, [1.0, double.NaN, 3, double.PositiveInfinity]);
        Assert.That(b.Count, Is.EqualTo(2), "non-finite replicates are dropped");
        Assert.That(b.StandardError, Is.EqualTo(Math.Sqrt(2)).Within(1e-15));
        Assert.That(new PercentileBounds(0, [1.0]).StandardError, Is.NaN);
        Assert.That(new PercentileBounds(0, []).StandardError, Is.NaN);
    }
}
