using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Spectral;

public class TridiagonalEigenTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7)]
    [TestCase(40)]
    public void Eigenvalues_AndTrackedRows_MatchDenseDecomposition(int k)
    {
        var rng = new Rng((ulong)k);
        var alpha = new double[k];
        var beta = new double[Math.Max(0, k - 1)];
        rng.FillGaussian(alpha);
        rng.FillGaussian(beta);
        var dense = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            dense[i * k + i] = alpha[i];
            if (i + 1 < k) dense[i * k + i + 1] = dense[(i + 1) * k + i] = beta[i];
        }
        var (values, rows) = TridiagonalEigen.Solve(alpha, beta, 0, k - 1);
        var (refValues, refVectors) = SymmetricEigen.Decompose(dense, k);
        Tolerances.AssertAllClose(values, refValues, 1e-12, 1e-13, "eigenvalues");
        // Eigenvectors are defined up to sign: compare squares of the first and last rows.
        for (int c = 0; c < k; c++)
        {
            Tolerances.AssertClose(rows[0][c] * rows[0][c], refVectors[c] * refVectors[c], 1e-9, 1e-12, $"first row, vector {c}");
            Tolerances.AssertClose(rows[1][c] * rows[1][c], refVectors[(k - 1) * k + c] * refVectors[(k - 1) * k + c], 1e-9, 1e-12, $"last row, vector {c}");
        }
    }
}
