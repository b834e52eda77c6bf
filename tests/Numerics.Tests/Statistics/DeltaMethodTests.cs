using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Statistics;

public class DeltaMethodTests
{
    [Test]
    public void StandardError_OfARatioOfMeans_IsTheSpreadOfTheLinearisation_WrittenOut()
    {
        // g = ā/b̄, ∇g = (1/b̄, −ā/b̄²); ψᵢ = (aᵢ − ā)/b̄ − ā(bᵢ − b̄)/b̄², SE = sd(ψ)/√n (two passes, in the test).
        double[] a = [2, 4, 3, 7, 5, 6], b = [1, 3, 2, 2, 4, 3];
        double ma = a.Average(), mb = b.Average();
        var psi = a.Select((v, i) => (v - ma) / mb - ma * (b[i] - mb) / (mb * mb)).ToArray();
        double mp = psi.Average(), sd = Math.Sqrt(psi.Sum(p => (p - mp) * (p - mp)) / (psi.Length - 1));
        Tolerances.AssertClose(DeltaMethod.StandardError([a, b], [1 / mb, -ma / (mb * mb)]), sd / Math.Sqrt(a.Length), 1e-14);
    }

    [Test]
    public void StandardError_OfTwoValues_IsHalfTheirDistance()
    {
        // n = 2 is allowed: sd of {1, 3} is √2, SE = √2/√2 = 1.
        Assert.That(DeltaMethod.StandardError([[1.0, 3]], [1.0]), Is.EqualTo(1).Within(1e-15));
    }

    [Test]
    public void StandardError_IsCentred_SoALargeCommonOffsetCostsNoAccuracy()
    {
        // Columns 10⁸ + U(0, 1): uncentred sums (Σψ² − (Σψ)²/n of ψ ~ 10⁸) would lose all digits; the SE must equal that of
        // the mean of the column, sd/√n from MathNet's (offset-stable) sample deviation.
        var rng = new Rng(17);
        var c = Enumerable.Range(0, 100).Select(_ => 1e8 + rng.NextDouble()).ToArray();
        double expected = MathNet.Numerics.Statistics.Statistics.StandardDeviation(c) / Math.Sqrt(c.Length);
        Tolerances.AssertClose(DeltaMethod.StandardError([c], [1.0]), expected, 1e-6);
        Tolerances.AssertClose(DeltaMethod.StandardError([c, c], [2.0, -0.5]), 1.5 * expected, 1e-6);
    }

    [Test]
    public void StandardError_RejectsMismatchedColumnsAndGradients()
    {
        double[] c = [1, 2, 3, 4, 5];
        Assert.Throws<ArgumentException>(() => DeltaMethod.StandardError([c, c], [1.0]), "fewer gradient entries than columns");
        Assert.Throws<ArgumentException>(() => DeltaMethod.StandardError([c], [1.0, 2.0]), "more gradient entries than columns");
        Assert.Throws<ArgumentException>(() => DeltaMethod.StandardError([], []), "no columns");
        Assert.Throws<ArgumentException>(() => DeltaMethod.StandardError([[1.0]], [1.0]), "one sample");
        Assert.Throws<ArgumentException>(() => DeltaMethod.StandardError([c, [1.0, 2, 3, 4, 5, 6]], [1.0, 1.0]), "unequal lengths");
    }
}
