namespace Flatness.Numerics.Statistics;

/// <summary>Exact binomial tail probabilities and the one-sided Clopper–Pearson bound, for tests of a frequency.</summary>
/// <remarks>If F ~ Bin(T, q) with q ≤ q₀, then P(F ≥ k) ≤ P(Bin(T, q₀) ≥ k) = 1 − F_{Bin(T,q₀)}(k − 1): rejecting "q ≤ q₀"
/// when this tail is at most α has false-rejection probability at most α. Equivalently the one-sided (1 − α) Clopper–Pearson
/// lower bound on q, B⁻¹(α; k, T − k + 1) (the α-quantile of Beta(k, T − k + 1); 0 when k = 0), exceeds q₀.</remarks>
public static class BinomialTail
{
    /// <summary>P(Bin(trials, p) ≥ k).</summary>
    public static double Upper(int trials, double p, int k)
    {
        if (k <= 0) return 1.0;
        if (k > trials) return 0.0;
        // P(Bin(n, p) ≥ k) = I_p(k, n − k + 1) (the regularised incomplete beta; Abramowitz & Stegun 26.5.24): accurate in
        // relative terms far into the tail, where 1 − CDF is not.
        return MathNet.Numerics.SpecialFunctions.BetaRegularized(k, trials - k + 1, p);
    }

    /// <summary>The one-sided Clopper–Pearson lower confidence bound at level 1 − α on a probability from k successes in
    /// <paramref name="trials"/> trials: the α-quantile of Beta(k, trials − k + 1), 0 for k = 0.</summary>
    public static double ClopperPearsonLower(int k, int trials, double alpha) =>
        new ClopperPearsonBounds(k, trials).Lower(alpha);
}
