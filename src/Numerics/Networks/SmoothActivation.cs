namespace Flatness.Numerics.Networks;

/// <summary>A smooth activation that is not positively homogeneous: <see cref="Gelu"/>, <see cref="GeluTanh"/>,
/// <see cref="Silu"/> or <see cref="Tanh"/>.</summary>
/// <remarks>
/// <para>σ is infinitely differentiable and σ'' vanishes only at isolated points, so the residual term
/// 2/(νn)Σᵢ rᵢ∇²fᵢ of the loss Hessian is present at every point off interpolation (spec F1); the exact trace, the
/// Hessian-vector product and the dense Hessian use σ'' as for ReLU^k.</para>
/// <para>There is no kink (<see cref="Activation.HasKink"/> is false) and no rescaling symmetry: σ(tz) ≠ t^kσ(z), so
/// <see cref="Activation.Degree"/> throws and the homogeneity-based quantities (the orbit-minimal trace, <c>rescale</c>,
/// paper A's and paper B's quantities) do not apply.</para>
/// <para>Every subclass computes σ, σ', σ'' by the same expressions in its scalar methods and in
/// <see cref="Activation.Evaluate"/>, so the two give identical bits, and stays finite (no exp overflow, no 0·∞) for every
/// finite z. Each states its accuracy in ulps of the value or, where terms cancel beside a zero, of the sum of their
/// absolute values, checked against 60-digit mpmath values in the tests; every bound has 10⁻³¹⁵ added, which matters only where an
/// exponential factor inside is subnormal (results below about 10⁻²⁹⁰).</para>
/// </remarks>
public abstract class SmoothActivation : Activation
{
    /// <inheritdoc/>
    public sealed override bool IsHomogeneous => false;

    /// <inheritdoc/>
    public sealed override bool HasKink => false;

    /// <summary>Throws: a smooth activation is not positively homogeneous and has no degree.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public sealed override int Degree =>
        throw new InvalidOperationException($"{Name} is not positively homogeneous: it has no degree k (no rescaling (w, b, a) -> (cw, cb, c^-k a) keeps f)");

    /// <inheritdoc/>
    public sealed override string Describe() => Name;

    /// <summary>e^{−|x|} ∈ (0, 1] and the logistic pair s = 1/(1 + e^{−x}), 1 − s, with no overflow and no cancellation:
    /// for x ≥ 0, s = 1/(1 + e) and 1 − s = e/(1 + e); for x &lt; 0 the two swap.</summary>
    internal static (double S, double OneMinusS, double E) Logistic(double x)
    {
        double e = Math.Exp(-Math.Abs(x));
        double big = 1 / (1 + e), small = e / (1 + e);
        return x >= 0 ? (big, small, e) : (small, big, e);
    }
}
