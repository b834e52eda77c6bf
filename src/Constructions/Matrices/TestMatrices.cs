using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Matrices;

/// <summary>Random symmetric test matrices with a known structure: the oracles of the estimator checks (paper A spec F7,
/// claim A-23).</summary>
public static class TestMatrices
{
    /// <summary>A Wishart matrix GGᵀ with G ∈ ℝ^{p×r} of independent N(0, 1) entries (drawn row by row from
    /// <paramref name="rng"/>): symmetric positive semi-definite of rank min(p, r) almost surely, tr = ‖G‖_F², E tr = p·r.</summary>
    /// <param name="dimension">p ≥ 1.</param>
    /// <param name="rank">r ≥ 1.</param>
    /// <param name="rng">The generator (p·r Gaussian draws).</param>
    public static DenseSymmetricOperator Wishart(int dimension, int rank, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        var g = new double[dimension * rank];
        rng.FillGaussian(g);
        var a = new double[dimension * dimension];
        for (int i = 0; i < dimension; i++)
            for (int j = 0; j < dimension; j++)
                for (int r = 0; r < rank; r++) a[i * dimension + j] += g[i * rank + r] * g[j * rank + r];
        return new DenseSymmetricOperator(a, dimension);
    }

    /// <summary>Q·diag(1, 1/4, 1/9, …, 1/p²)·Qᵀ with Q a random orthogonal matrix (two-pass Gram–Schmidt of p Gaussian
    /// vectors drawn from <paramref name="rng"/>): full rank, eigenvalues λᵢ = i⁻², tr = Σᵢ i⁻², a fast-decaying spectrum
    /// where Hutch++'s low-rank sketch helps but does not capture the whole trace.</summary>
    /// <param name="dimension">p ≥ 1.</param>
    /// <param name="rng">The generator (p² Gaussian draws).</param>
    public static DenseSymmetricOperator DecayingSpectrum(int dimension, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        int p = dimension;
        var q = new double[p][];
        for (int i = 0; i < p; i++)
        {
            var v = new double[p];
            rng.FillGaussian(v);
            for (int pass = 0; pass < 2; pass++)
                for (int j = 0; j < i; j++)
                {
                    double dot = 0;
                    for (int t = 0; t < p; t++) dot += q[j][t] * v[t];
                    for (int t = 0; t < p; t++) v[t] -= dot * q[j][t];
                }
            double norm = Math.Sqrt(v.Sum(t => t * t));
            q[i] = v.Select(t => t / norm).ToArray();
        }
        var a = new double[p * p];
        for (int i = 0; i < p; i++)
        {
            double lambda = 1.0 / ((i + 1.0) * (i + 1.0));
            for (int r = 0; r < p; r++)
                for (int c = 0; c < p; c++) a[r * p + c] += lambda * q[i][r] * q[i][c];
        }
        return new DenseSymmetricOperator(a, p);
    }
}
