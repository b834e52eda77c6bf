using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Numerics.Tests.LinearAlgebra;

public class InertiaTests
{
    /// <summary>B·diag(λ)·Bᵀ with B a random Gaussian (almost surely invertible) matrix: by Sylvester's law its inertia is
    /// the sign count of λ.</summary>
    private static DenseSymmetricOperator Congruent(double[] lambda, Rng rng)
    {
        int p = lambda.Length;
        var b = new double[p * p];
        rng.FillGaussian(b);
        var a = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                for (int k = 0; k < p; k++) a[i * p + j] += b[i * p + k] * lambda[k] * b[j * p + k];
        return new DenseSymmetricOperator(a, p);
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void Congruence_KeepsTheSignCountOfTheDiagonal_Sylvester(ulong seed)
    {
        var rng = new Rng(seed);
        double[] lambda = [3, 0.5, 1e-3, -2, -0.01, 0, 0, 7];
        var result = Inertia.Of(Congruent(lambda, rng));
        Assert.That((result.Positive, result.Negative, result.Zero), Is.EqualTo((4, 2, 2)));
        Assert.That(result.Rank, Is.EqualTo(6));
        Assert.That(result.Gap, Is.GreaterThan(1e3), "the zero eigenvalues sit at rounding level, far below the non-zero ones");
    }

    [TestCase(4UL)]
    [TestCase(5UL)]
    [TestCase(6UL)]
    public void NonsingularMatrix_AgreesWithJacobisRuleOnLeadingMinors(ulong seed)
    {
        // Reference (an independent computation): by Jacobi's rule the number of negative eigenvalues of a symmetric matrix
        // whose leading principal minors D₁ … D_P are non-zero equals the number of sign changes in 1, D₁, …, D_P
        // (Gantmacher, The Theory of Matrices, vol. 1, X §3). The minors come from Math.NET's LU determinants.
        var rng = new Rng(seed);
        int p = 7;
        var raw = new double[p * p];
        rng.FillGaussian(raw);
        var a = new DenseSymmetricOperator(raw, p);
        var m = Matrix<double>.Build.Dense(p, p, (i, j) => a[i, j]);
        int changes = 0;
        double previous = 1;
        for (int k = 1; k <= p; k++)
        {
            double minor = m.SubMatrix(0, k, 0, k).Determinant();
            Assert.That(minor, Is.Not.EqualTo(0));
            if (Math.Sign(minor) != Math.Sign(previous)) changes++;
            previous = minor;
        }
        var result = Inertia.Of(a);
        Assert.That(result.Negative, Is.EqualTo(changes));
        Assert.That(result.Positive, Is.EqualTo(p - changes));
        Assert.That(result.Zero, Is.EqualTo(0));
        Assert.That(result.Gap, Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void PositiveDiagonalCongruence_LeavesTheCountedMatrixUnchanged()
    {
        // D^{−1/2}(TAT)D'^{−1/2} = D^{−1/2}AD^{−1/2} for positive diagonal T: the decision cannot differ between A and TAT.
        var rng = new Rng(9);
        var a = Congruent([2, -1, 1e-12, 0.3, 0], rng);
        var t = new double[] { 0.3, 3, 1, 10, 0.01 };
        var scaled = new double[25];
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++) scaled[i * 5 + j] = t[i] * a[i, j] * t[j];
        Assert.That(Inertia.Of(new DenseSymmetricOperator(scaled, 5)).ToString(), Is.EqualTo(Inertia.Of(a).ToString()));
    }

    [Test]
    public void BadlyScaledNonsingularMatrix_HasFullRank_BecauseTheCountIsMadeOnTheJacobiScaling()
    {
        // diag(100, 10⁻⁸) is nonsingular; its eigenvalue ratio 10⁻¹⁰ is below the relative threshold, so a count on the
        // matrix itself would call it rank 1. Its Jacobi scaling is the identity: rank 2, whatever the diagonal scaling.
        Assert.That(Inertia.Of(new DenseSymmetricOperator(new double[] { 100, 0, 0, 1e-8 }, 2)).ToString(), Is.EqualTo("(2, 0, 0)"));
    }

    [Test]
    public void ZeroMatrix_IsAllZero() =>
        Assert.That(Inertia.Of(new DenseSymmetricOperator(new double[9], 3)).ToString(), Is.EqualTo("(0, 0, 3)"));

    [Test]
    public void Threshold_OutsideItsRange_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Inertia.Of(new DenseSymmetricOperator(new double[] { 1 }, 1), 1.5));
}
