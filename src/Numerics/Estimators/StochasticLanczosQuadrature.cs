using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;

namespace Flatness.Numerics.Estimators;

/// <summary>Stochastic Lanczos quadrature: tr g(A) ≈ P · mean over probes of Σ_ℓ τ_ℓ g(θ_ℓ).</summary>
/// <remarks>For a normalised probe v, k Lanczos steps give Tₖ = SΘSᵀ and vᵀg(A)v ≈ Σ_ℓ τ_ℓ g(θ_ℓ) with τ_ℓ = S₁ℓ²
/// (Gauss quadrature, exact for polynomials of degree ≤ 2k−1). Ubaru, Chen, Saad, SIMAX 38 (2017); spec F7.</remarks>
public static class StochasticLanczosQuadrature
{
    /// <summary>Estimates tr g(A) with Rademacher probes.</summary>
    /// <param name="op">A.</param>
    /// <param name="g">The spectral function (identity for the trace).</param>
    /// <param name="probes">Number of probes ≥ 2.</param>
    /// <param name="steps">Lanczos steps per probe.</param>
    /// <param name="seed">Seed of the probes.</param>
    public static TraceEstimate Estimate(ISymmetricOperator op, Func<double, double> g, int probes, int steps, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(g);
        ArgumentOutOfRangeException.ThrowIfLessThan(probes, 2);
        var rng = new Rng(seed);
        var v = new double[op.Dimension];
        var samples = new double[probes];
        int products = 0;
        for (int s = 0; s < probes; s++)
        {
            rng.FillRademacher(v);
            var (alpha, beta) = Lanczos.Tridiagonalize(op, v, steps);
            products += alpha.Length;
            var (theta, rows) = TridiagonalEigen.Solve(alpha, beta, 0);
            double quad = 0;
            for (int l = 0; l < theta.Length; l++) quad += rows[0][l] * rows[0][l] * g(theta[l]);
            samples[s] = op.Dimension * quad;
        }
        var est = Hutchinson.Summarise(samples, products);
        return est;
    }
}
