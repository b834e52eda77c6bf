using Flatness.Numerics.LinearAlgebra;

namespace Flatness.Numerics.Curvature;

/// <summary>Which scaling vector T_θ the adaptive Hessian uses.</summary>
public enum AdaptiveScaling
{
    /// <summary>T_θ = |θ| (Kwon et al. 2021; Andriushchenko et al. 2023): invariant under loss-preserving diagonal rescalings.</summary>
    Absolute,

    /// <summary>T_θ = |θ| + η: breaks the invariance.</summary>
    ShiftedAbsolute,

    /// <summary>|θ| with bias entries replaced by 1 (biases excluded from T_θ): breaks the invariance.</summary>
    BiasesExcluded,
}

/// <summary>The adaptive Hessian H̃ = diag(t) H diag(t) behind adaptive sharpness (paper A spec F6).</summary>
/// <remarks>For a loss-preserving positive diagonal D, H' = D⁻¹HD⁻¹ and |θ'| = D|θ|, so H̃' = H̃: entrywise
/// |dᵢθᵢ|(hᵢⱼ/(dᵢdⱼ))|dⱼθⱼ| = |θᵢ|hᵢⱼ|θⱼ|. At a minimum, for small ρ, S_avg ≈ (ρ²/2)Tr H̃ and S_max^{ℓ2} ≈ (ρ²/2)λ_max(H̃).</remarks>
public static class AdaptiveSharpness
{
    /// <summary>The scaling vector t for θ.</summary>
    /// <param name="theta">θ.</param>
    /// <param name="scaling">Which variant.</param>
    /// <param name="isBias">Which entries are biases (for <see cref="AdaptiveScaling.BiasesExcluded"/>).</param>
    /// <param name="eta">η of <see cref="AdaptiveScaling.ShiftedAbsolute"/>.</param>
    public static double[] Scaling(ReadOnlySpan<double> theta, AdaptiveScaling scaling, Func<int, bool>? isBias = null, double eta = 0.1)
    {
        var t = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
            t[i] = scaling switch
            {
                AdaptiveScaling.Absolute => Math.Abs(theta[i]),
                AdaptiveScaling.ShiftedAbsolute => Math.Abs(theta[i]) + eta,
                _ => isBias is not null && isBias(i) ? 1.0 : Math.Abs(theta[i]),
            };
        return t;
    }

    /// <summary>H̃ = diag(t) H diag(t).</summary>
    public static DenseSymmetricOperator ScaledHessian(DenseSymmetricOperator hessian, ReadOnlySpan<double> t)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        int p = hessian.Dimension;
        if (t.Length != p) throw new ArgumentException("dimension mismatch");
        var m = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) m[i * p + j] = t[i] * hessian[i, j] * t[j];
        return new DenseSymmetricOperator(m, p);
    }
}
