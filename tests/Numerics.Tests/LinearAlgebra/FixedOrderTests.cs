using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.LinearAlgebra;

public class FixedOrderTests
{
    [TestCase(0)]
    [TestCase(3)]
    [TestCase(16)]
    [TestCase(37)]
    [TestCase(512)]
    public void Dot_EqualsTheExactlyRoundedSum(int n)
    {
        // Reference: Ogita–Rump–Oishi Dot2 (error-free products by FMA, error-free sums), accurate as if computed in
        // twice the working precision and independent of any SIMD order.
        var rng = new Rng((ulong)n + 1);
        var a = new double[n];
        var b = new double[n];
        rng.FillGaussian(a);
        rng.FillGaussian(b);
        double sum = 0, err = 0, abs = 0;
        for (int k = 0; k < n; k++)
        {
            double p = a[k] * b[k];
            double pe = Math.FusedMultiplyAdd(a[k], b[k], -p);
            double t = sum + p;
            double z = t - sum;
            err += (sum - (t - z)) + (p - z) + pe;
            sum = t;
            abs += Math.Abs(p);
        }
        double exact = sum + err;
        // Recursive-summation bound |ŝ − s| ≤ γₙ Σ|aₖbₖ| with γₙ ≈ n·u, u = 2⁻⁵³, plus the reference's own rounding.
        Assert.That(Math.Abs(FixedOrder.Dot(a, b) - exact), Is.LessThanOrEqualTo((n + 2) * 1.12e-16 * abs));
        Assert.That(FixedOrder.SumOfSquares(a), Is.EqualTo(FixedOrder.Dot(a, a)));
    }

    [Test]
    public void Dot_DoesNotDependOnWhereTheOperandsSit()
    {
        // The same 513 numbers at every offset 0..7 inside larger arrays (different alignments): the same bits.
        var rng = new Rng(9);
        var a = new double[513];
        var b = new double[513];
        rng.FillGaussian(a);
        rng.FillGaussian(b);
        double first = FixedOrder.Dot(a, b);
        for (int shift = 1; shift < 8; shift++)
        {
            var a2 = new double[600];
            var b2 = new double[600];
            a.CopyTo(a2, shift);
            b.CopyTo(b2, 7 - shift);
            Assert.That(FixedOrder.Dot(a2.AsSpan(shift, 513), b2.AsSpan(7 - shift, 513)), Is.EqualTo(first), $"shift {shift}");
        }
    }

    [Test]
    public void Dot_RejectsDifferentLengths() =>
        Assert.Throws<ArgumentException>(() => FixedOrder.Dot(new double[3], new double[4]));
}
