using System.Numerics.Tensors;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Spectral;

/// <summary>Which extreme Ritz pairs must meet the tolerance before <see cref="Lanczos.Extremes"/> stops.</summary>
public enum LanczosTarget
{
    /// <summary>Both λ_max and λ_min.</summary>
    Both,

    /// <summary>λ_max only (λ_min is still reported, with its residual, but may be unconverged).</summary>
    Largest,

    /// <summary>λ_min only.</summary>
    Smallest,
}

/// <summary>Options for <see cref="Lanczos"/>.</summary>
/// <param name="MaxIterations">Most Krylov steps (each one operator product); capped at P.</param>
/// <param name="Tolerance">Stop when the targeted extreme Ritz pairs have ‖Av − θv‖ ≤ Tolerance·max(|θ_max|, |θ_min|)
/// (a relative accuracy: max(|θ_max|, |θ_min|) is the Ritz estimate of ‖A‖₂); must be ≥ 0.</param>
/// <param name="Seed">Seed of the Gaussian start vector.</param>
/// <param name="Target">Which extremes the stopping rule waits for.</param>
public sealed record LanczosOptions(int MaxIterations = 300, double Tolerance = 1e-10, ulong Seed = 20261122,
    LanczosTarget Target = LanczosTarget.Both);

/// <summary>Extreme eigenvalues found by Lanczos, with their residual bounds.</summary>
/// <param name="LambdaMax">Largest Ritz value.</param>
/// <param name="LambdaMin">Smallest Ritz value.</param>
/// <param name="ResidualMax">‖Av − θ_max v‖ = βₖ|s_{k,max}| for the top Ritz pair.</param>
/// <param name="ResidualMin">The same for the bottom Ritz pair.</param>
/// <param name="Iterations">Krylov steps taken (= operator products).</param>
/// <param name="Converged">Whether the targeted residuals met the tolerance (or the Krylov space became invariant).</param>
/// <param name="RitzValues">All Ritz values of the final step, ascending.</param>
public sealed record LanczosResult(double LambdaMax, double LambdaMin, double ResidualMax, double ResidualMin, int Iterations,
    bool Converged, IReadOnlyList<double> RitzValues)
{
    /// <summary>max(|λ_max|, |λ_min|), the Ritz estimate of ‖A‖₂ that residuals are relative to (1 when it is 0).</summary>
    public double NormEstimate => Math.Max(Math.Abs(LambdaMax), Math.Abs(LambdaMin)) is double s && s > 0 ? s : 1.0;

    /// <summary>ResidualMax / ‖A‖₂ estimate: the achieved relative accuracy of the top Ritz pair.</summary>
    public double RelativeResidualMax => ResidualMax / NormEstimate;

    /// <summary>ResidualMin / ‖A‖₂ estimate.</summary>
    public double RelativeResidualMin => ResidualMin / NormEstimate;
}

/// <summary>The top eigenpair found by <see cref="Lanczos.Largest"/>.</summary>
/// <param name="Value">Largest Ritz value θ.</param>
/// <param name="Vector">Its unit Ritz vector.</param>
/// <param name="Residual">‖Av − θv‖ = βₖ|sₖ|.</param>
/// <param name="Iterations">Krylov steps (= operator products).</param>
/// <param name="Converged">Whether the residual met the tolerance (or the Krylov space became invariant).</param>
public sealed record LanczosEigenpair(double Value, double[] Vector, double Residual, int Iterations, bool Converged);

/// <summary>The Lanczos method with full re-orthogonalisation for the extreme eigenvalues of a symmetric operator.</summary>
/// <remarks>
/// Builds an orthonormal Krylov basis qⱼ and the tridiagonal Tₖ = QₖᵀAQₖ (αⱼ = qⱼᵀAqⱼ, βⱼ = ‖rⱼ‖); every new vector is
/// orthogonalised twice against all previous ones (classical Gram–Schmidt, "twice is enough"), which avoids ghost
/// eigenvalues at O(kP) memory. A Ritz pair (θ, Qₖs) has residual ‖AQₖs − θQₖs‖ = βₖ|sₖ| (Golub &amp; Van Loan,
/// Matrix Computations, §10.1); iteration stops on that residual, never on the change of θ. Paper A specification F7.
/// </remarks>
public static class Lanczos
{
    /// <summary>λ_max and λ_min of the operator.</summary>
    public static LanczosResult Extremes(ISymmetricOperator op, LanczosOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= new LanczosOptions();
        if (!(options.Tolerance >= 0) || double.IsInfinity(options.Tolerance))
            throw new ArgumentOutOfRangeException(nameof(options), $"the tolerance must be a finite number >= 0, got {options.Tolerance}");
        int p = op.Dimension;
        int maxIter = Math.Max(1, Math.Min(options.MaxIterations, p));
        var start = new double[p];
        new Rng(options.Seed).FillGaussian(start);
        var basis = new List<double[]>();
        var alpha = new List<double>();
        var beta = new List<double>();
        var q = Normalised(start);
        var w = new double[p];
        double[] ritz = [0.0];
        double resMax = double.PositiveInfinity, resMin = double.PositiveInfinity;
        bool converged = false;
        for (int k = 0; k < maxIter; k++)
        {
            basis.Add(q);
            op.Multiply(q, w);
            double a = TensorPrimitives.Dot(q, w);
            alpha.Add(a);
            Reorthogonalise(basis, w);
            double bnorm = TensorPrimitives.Norm(w);
            var (values, rows) = TridiagonalEigen.Solve(alpha.ToArray(), beta.ToArray(), k);
            ritz = values;
            var last = rows[0];
            resMax = bnorm * Math.Abs(last[^1]);
            resMin = bnorm * Math.Abs(last[0]);
            double scale = Math.Max(Math.Abs(values[^1]), Math.Abs(values[0]));
            double tol = options.Tolerance * (scale > 0 ? scale : 1.0);
            bool invariant = bnorm <= 1e-13 * (scale > 0 ? scale : 1.0) || k + 1 == p;
            if (invariant)
            {
                // The Krylov space is invariant: Ritz values are exact eigenvalues.
                if (bnorm <= 1e-13 * (scale > 0 ? scale : 1.0)) resMax = resMin = 0.0;
                converged = true;
                break;
            }
            bool met = options.Target switch
            {
                LanczosTarget.Largest => resMax <= tol,
                LanczosTarget.Smallest => resMin <= tol,
                _ => resMax <= tol && resMin <= tol,
            };
            if (met)
            {
                converged = true;
                break;
            }
            beta.Add(bnorm);
            q = new double[p];
            TensorPrimitives.Multiply(w, 1.0 / bnorm, q);
        }
        return new LanczosResult(ritz[^1], ritz[0], resMax, resMin, alpha.Count, converged, ritz);
    }

    /// <summary>k steps of Lanczos from a given start vector (normalised internally): the tridiagonal (α, β).</summary>
    /// <remarks>Used by stochastic Lanczos quadrature; stops early on an invariant subspace.</remarks>
    public static (double[] Alpha, double[] Beta) Tridiagonalize(ISymmetricOperator op, ReadOnlySpan<double> start, int steps)
    {
        ArgumentNullException.ThrowIfNull(op);
        int p = op.Dimension;
        steps = Math.Max(1, Math.Min(steps, p));
        var basis = new List<double[]>();
        var alpha = new List<double>();
        var beta = new List<double>();
        var q = Normalised(start.ToArray());
        var w = new double[p];
        for (int k = 0; k < steps; k++)
        {
            basis.Add(q);
            op.Multiply(q, w);
            alpha.Add(TensorPrimitives.Dot(q, w));
            Reorthogonalise(basis, w);
            double bnorm = TensorPrimitives.Norm(w);
            if (k + 1 == steps || bnorm <= 1e-13 * Math.Max(1e-300, Math.Abs(alpha[^1]))) break;
            beta.Add(bnorm);
            q = new double[p];
            TensorPrimitives.Multiply(w, 1.0 / bnorm, q);
        }
        return (alpha.ToArray(), beta.ToArray());
    }

    /// <summary>The largest eigenvalue and its Ritz vector, from a given start vector (e.g. the previous top vector, to
    /// warm-start sharpness tracking along a training trajectory).</summary>
    /// <remarks>Same iteration as <see cref="Extremes"/> (full re-orthogonalisation), stopping when the top Ritz pair
    /// alone has ‖Av − θv‖ = βₖ|sₖ| ≤ tolerance·|θ|. The Ritz vector is v = Qₖs, normalised.</remarks>
    /// <param name="op">The symmetric operator.</param>
    /// <param name="start">A non-zero start vector of length P.</param>
    /// <param name="maxIterations">Most Krylov steps (capped at P).</param>
    /// <param name="tolerance">Relative residual of the top pair at which to stop.</param>
    public static LanczosEigenpair Largest(ISymmetricOperator op, ReadOnlySpan<double> start, int maxIterations, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(op);
        int p = op.Dimension;
        if (start.Length != p) throw new ArgumentException($"the start vector must have length {p}");
        int maxIter = Math.Max(1, Math.Min(maxIterations, p));
        var basis = new List<double[]>();
        var alpha = new List<double>();
        var beta = new List<double>();
        var q = Normalised(start.ToArray());
        var w = new double[p];
        double theta = 0, residual = double.PositiveInfinity;
        bool converged = false;
        for (int k = 0; k < maxIter; k++)
        {
            basis.Add(q);
            op.Multiply(q, w);
            alpha.Add(TensorPrimitives.Dot(q, w));
            Reorthogonalise(basis, w);
            double bnorm = TensorPrimitives.Norm(w);
            var (values, rows) = TridiagonalEigen.Solve(alpha.ToArray(), beta.ToArray(), k);
            theta = values[^1];
            residual = bnorm * Math.Abs(rows[0][^1]);
            double scale = Math.Abs(theta) > 0 ? Math.Abs(theta) : 1.0;
            if (bnorm <= 1e-13 * scale || k + 1 == p) { residual = bnorm <= 1e-13 * scale ? 0.0 : residual; converged = true; break; }
            if (residual <= tolerance * scale) { converged = true; break; }
            if (k + 1 == maxIter) break;
            beta.Add(bnorm);
            q = new double[p];
            TensorPrimitives.Multiply(w, 1.0 / bnorm, q);
        }
        int steps = alpha.Count;
        var (_, all) = TridiagonalEigen.Solve(alpha.ToArray(), beta.ToArray(), Enumerable.Range(0, steps).ToArray());
        var vector = new double[p];
        for (int i = 0; i < steps; i++) TensorPrimitives.MultiplyAdd(basis[i], all[i][^1], vector, vector);
        double norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Multiply(vector, 1.0 / norm, vector);
        return new LanczosEigenpair(theta, vector, residual, steps, converged);
    }

    private static double[] Normalised(double[] v)
    {
        double norm = TensorPrimitives.Norm(v);
        if (!(norm > 0)) throw new ArgumentException("the start vector must be non-zero");
        var q = new double[v.Length];
        TensorPrimitives.Multiply(v, 1.0 / norm, q);
        return q;
    }

    /// <summary>Full re-orthogonalisation of w against the Krylov basis, in two passes (classical Gram–Schmidt twice).</summary>
    private static void Reorthogonalise(List<double[]> basis, double[] w)
    {
        for (int pass = 0; pass < 2; pass++)
            foreach (var b in basis)
            {
                double c = TensorPrimitives.Dot(b, w);
                TensorPrimitives.MultiplyAdd(b, -c, w, w);
            }
    }
}
