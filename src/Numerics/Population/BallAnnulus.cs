namespace Flatness.Numerics.Population;

/// <summary>The boundary annulus A_ε = {1 − ε ≤ ‖x‖ ≤ 1} of the unit ball and Lemma F.7's high-probability bound on the
/// share of samples that fall in it (paper B spec §7, F.6–F.7, [paper]).</summary>
/// <remarks>For X ~ Unif(B^d₁), P(‖X‖ ≤ r) = r^d, so the annulus mass is p = 1 − (1 − ε)^d, and ε ≤ p ≤ min(1, dε) for
/// ε ∈ [0, 1] (Bernoulli's inequality; obligation B-32). With n_A of n i.i.d. samples in the annulus, the multiplicative
/// Chernoff bound P(n_A ≥ (1 + η)np) ≤ exp(−η²np/3), valid for 0 &lt; η ≤ 1, with η = √(3 ln(1/δ)/(np)) gives
/// n_A/n ≤ p + √(3p ln(1/δ)/n) with probability ≥ 1 − δ whenever np ≥ 3 ln(1/δ).</remarks>
public static class BallAnnulus
{
    /// <summary>p = 1 − (1 − ε)^d, the Unif(B^d₁) mass of the annulus {1 − ε ≤ ‖x‖ ≤ 1}.</summary>
    /// <param name="d">Dimension, ≥ 1.</param>
    /// <param name="epsilon">Width ε ∈ [0, 1].</param>
    public static double Mass(int d, double epsilon)
    {
        if (d < 1) throw new ArgumentOutOfRangeException(nameof(d), d, "the dimension must be at least 1");
        if (!(epsilon >= 0 && epsilon <= 1)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must lie in [0, 1]");
        return 1 - Math.Pow(1 - epsilon, d);
    }

    /// <summary>Lemma F.7's bound p + √(3p ln(1/δ)/n) on the share n_A/n, holding with probability ≥ 1 − δ.</summary>
    public static double ShareBound(double p, int n, double delta) => p + Math.Sqrt(3 * p * Math.Log(1 / delta) / n);

    /// <summary>Whether the Chernoff form behind <see cref="ShareBound"/> applies: η = √(3 ln(1/δ)/(np)) ≤ 1.</summary>
    public static bool ChernoffApplies(double p, int n, double delta) => 3 * Math.Log(1 / delta) <= n * p;
}
