using Flatness.Numerics.LinearAlgebra;

namespace Flatness.Numerics.Tests.LinearAlgebra;

/// <summary>Inertia's zero threshold is relative to max|λ| and its gap is min|λ ≠ 0|/max|λ ≈ 0| (A-04 reads both), on a
/// spectrum where max|λ| is far from 1 and eigenvalues sit at three levels (Stryker survivors of LinearAlgebra, 3 Dec 2026:
/// the threshold divided by max|λ|, and Min/Max swapped in the gap, passed on spectra with max|λ| ≈ 1).</summary>
public class InertiaThresholdTests
{
    // Unit diagonal (the Jacobi scaling leaves it alone): a 3×3 block with off-diagonal 0.95 (eigenvalues 2.9, 0.05, 0.05)
    // and a 2×2 block with off-diagonal 0.5 (1.5, 0.5).
    private static DenseSymmetricOperator Matrix()
    {
        var a = new double[25];
        for (int i = 0; i < 5; i++) a[i * 5 + i] = 1;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (i != j) a[i * 5 + j] = 0.95;
        a[3 * 5 + 4] = a[4 * 5 + 3] = 0.5;
        return new DenseSymmetricOperator(a, 5);
    }

    [Test]
    public void TheThresholdIsRelativeToTheLargestEigenvalue_AndTheGapIsSmallestNonzeroOverLargestZero()
    {
        // At 0.02 the threshold is 0.02·2.9 = 0.058: the two eigenvalues 0.05 count as zero (at 0.02/2.9 they would not).
        var r = Inertia.Of(Matrix(), 0.02);
        Assert.That((r.Positive, r.Negative, r.Zero), Is.EqualTo((3, 0, 2)));
        Assert.That(r.Gap, Is.EqualTo(0.5 / 0.05).Within(1e-9));
        // At 0.01 (threshold 0.029) nothing counts as zero: the gap is infinite.
        var all = Inertia.Of(Matrix(), 0.01);
        Assert.That((all.Positive, all.Zero, all.Gap), Is.EqualTo((5, 0, double.PositiveInfinity)));
    }
}
