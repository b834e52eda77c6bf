namespace Flatness.Numerics.LinearAlgebra;

/// <summary>The inertia of a symmetric matrix: how many eigenvalues are positive, negative and zero, as decided at a
/// relative threshold.</summary>
/// <param name="Positive">n₊: eigenvalues above the threshold.</param>
/// <param name="Negative">n₋: eigenvalues below minus the threshold.</param>
/// <param name="Zero">n₀ = P − n₊ − n₋.</param>
/// <param name="Gap">How clearly the zero/non-zero decision was made: the smallest |λ| counted non-zero divided by the
/// largest |λ| counted zero (∞ when none is counted zero).</param>
public sealed record InertiaResult(int Positive, int Negative, int Zero, double Gap)
{
    /// <summary>The rank n₊ + n₋.</summary>
    public int Rank => Positive + Negative;

    /// <summary>"(n₊, n₋, n₀)".</summary>
    public override string ToString() => $"({Positive}, {Negative}, {Zero})";
}

/// <summary>Sylvester inertia of dense symmetric matrices.</summary>
/// <remarks>
/// Sylvester's law of inertia: SᵀAS has the inertia of A for every invertible S (Horn &amp; Johnson, Matrix Analysis,
/// 2nd ed., Theorem 4.5.8). The count is made on the Jacobi scaling D^{−1/2}AD^{−1/2}, D = diag(|Aᵢᵢ|) (1 where Aᵢᵢ = 0):
/// a congruence, so it has A's inertia, and a diagonal congruence T leaves it unchanged up to signs of the diagonal
/// (for positive T exactly), so two matrices that differ by a positive diagonal congruence — a Hessian before and after
/// a loss-preserving rescaling — are counted on the same matrix up to rounding and the threshold cannot split them.
/// An eigenvalue λ of the scaled matrix counts as zero when |λ| ≤ <c>relativeThreshold</c>·max|λ|.
/// </remarks>
public static class Inertia
{
    /// <summary>The inertia of the symmetric <paramref name="matrix"/> at the given relative threshold.</summary>
    /// <param name="matrix">A symmetric matrix.</param>
    /// <param name="relativeThreshold">Eigenvalues of the Jacobi-scaled matrix with |λ| ≤ this·max|λ| count as zero
    /// (default 10⁻⁹; in [0, 1)).</param>
    public static InertiaResult Of(DenseSymmetricOperator matrix, double relativeThreshold = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (!(relativeThreshold >= 0 && relativeThreshold < 1))
            throw new ArgumentOutOfRangeException(nameof(relativeThreshold), "the threshold must lie in [0, 1)");
        int p = matrix.Dimension;
        var scale = new double[p];
        for (int i = 0; i < p; i++) scale[i] = matrix[i, i] == 0 ? 1.0 : 1.0 / Math.Sqrt(Math.Abs(matrix[i, i]));
        var s = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) s[i * p + j] = scale[i] * matrix[i, j] * scale[j];
        var eigenvalues = SymmetricEigen.Eigenvalues(s, p);
        double max = eigenvalues.Max(Math.Abs), threshold = relativeThreshold * max;
        int positive = 0, negative = 0;
        double minNonzero = double.PositiveInfinity, maxZero = 0;
        foreach (double l in eigenvalues)
        {
            if (l > threshold) positive++;
            else if (l < -threshold) negative++;
            if (Math.Abs(l) > threshold) minNonzero = Math.Min(minNonzero, Math.Abs(l));
            else maxZero = Math.Max(maxZero, Math.Abs(l));
        }
        return new InertiaResult(positive, negative, p - positive - negative, maxZero == 0 ? double.PositiveInfinity : minNonzero / maxZero);
    }
}
