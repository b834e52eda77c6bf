using MathNet.Numerics;

namespace Flatness.Numerics.Variation;

/// <summary>Paper B's population weight g_P(u, t) for X ~ Unif(B^d₁) in closed form (paper B spec §3, [derived]).</summary>
/// <remarks>
/// All quantities depend on t only (rotation invariance); X₁ = uᵀX has density c₁(1 − x²)^{(d−1)/2} on [−1, 1]
/// (Lemma E.1), with c₁(d) = Γ(d/2 + 1)/(√π Γ((d + 1)/2)).
/// <list type="bullet">
/// <item>Q(t) = P(X₁ &gt; t) = ½ I_{1−t²}((d + 1)/2, ½) for 0 ≤ t ≤ 1 (X₁² ~ Beta(½, (d + 1)/2)), Q(−t) = 1 − Q(t);</item>
/// <item>M(t) = E[X₁ 1{X₁ &gt; t}] = c₁(1 − t²)^{(d+1)/2}/(d + 1) on [−1, 1];</item>
/// <item>S(t) = E(X₁ − t)₊ = M − tQ;</item>
/// <item>g̃_P(t) = Q S √(1 + (M/Q)²) = S √(Q² + M²), decreasing from 1 (t → −1) to 0 (t → 1);</item>
/// <item>g_P(u, t) = min{g̃_P(t), g̃_P(−t)} = g̃_P(|t|); g_P(u, 0) = c₁/(2(d + 1)) √(1 + (2c₁/(d + 1))²);</item>
/// <item>κ_d = lim_{t→1} g_P(t)/(1 − t)^{d+2} = 2^{d+5/2} c₁² / ((d + 1)²(d + 3));</item>
/// <item>d = 1: g_P(t) = ((1 − |t|)/2)³ √(1 + ((1 + |t|)/2)²) (the univariate weight of Mulayoff et al.).</item>
/// </list>
/// </remarks>
public static class PopulationWeight
{
    /// <summary>c₁(d) = Γ(d/2 + 1)/(√π Γ((d + 1)/2)), the normalising constant of X₁'s density (Lemma E.1).</summary>
    /// <param name="d">Dimension, ≥ 1.</param>
    public static double C1(int d)
    {
        CheckDimension(d);
        return Math.Exp(SpecialFunctions.GammaLn(d / 2.0 + 1) - SpecialFunctions.GammaLn((d + 1) / 2.0)) / Math.Sqrt(Math.PI);
    }

    /// <summary>The density c₁(1 − x²)^{(d−1)/2} of X₁ = uᵀX on [−1, 1] (0 outside).</summary>
    public static double MarginalDensity(int d, double x) =>
        Math.Abs(x) > 1 ? 0.0 : C1(d) * Math.Pow((1 - x) * (1 + x), (d - 1) / 2.0);

    /// <summary>Q(t) = P(X₁ &gt; t) = ½ I_{1−t²}((d + 1)/2, ½) for t ≥ 0, 1 − Q(−t) for t &lt; 0.</summary>
    public static double Q(int d, double t)
    {
        CheckDimension(d);
        if (t >= 1) return 0;
        if (t <= -1) return 1;
        double a = Math.Abs(t);
        double upper = 0.5 * SpecialFunctions.BetaRegularized((d + 1) / 2.0, 0.5, (1 - a) * (1 + a));
        return t >= 0 ? upper : 1 - upper;
    }

    /// <summary>M(t) = E[X₁ 1{X₁ &gt; t}] = c₁(1 − t²)^{(d+1)/2}/(d + 1) on [−1, 1], 0 outside.</summary>
    public static double M(int d, double t) =>
        Math.Abs(t) >= 1 ? 0 : C1(d) * Math.Pow((1 - t) * (1 + t), (d + 1) / 2.0) / (d + 1);

    /// <summary>S(t) = E(X₁ − t)₊ = M(t) − tQ(t) (−t for t ≤ −1, 0 for t ≥ 1).</summary>
    public static double S(int d, double t) => t >= 1 ? 0 : t <= -1 ? -t : M(d, t) - t * Q(d, t);

    /// <summary>The one-sided weight g̃_P(t) = Q S √(1 + (M/Q)²) = S √(Q² + M²) (P² · E[X₁ − t | X₁ &gt; t] · √(1 + ‖E[X | X₁ &gt; t]‖²)).</summary>
    public static double OneSided(int d, double t) => t >= 1 ? 0 : S(d, t) * Math.Sqrt(Q(d, t) * Q(d, t) + M(d, t) * M(d, t));

    /// <summary>g_P(u, t) = min{g̃_P(t), g̃_P(−t)} = g̃_P(|t|) (0 for |t| ≥ 1).</summary>
    public static double Weight(int d, double t) => OneSided(d, Math.Abs(t));

    /// <summary>g_P(u, 0) = c₁/(2(d + 1)) · √(1 + (2c₁/(d + 1))²), the maximum of g_P.</summary>
    public static double WeightAtZero(int d)
    {
        double c = C1(d);
        return c / (2 * (d + 1)) * Math.Sqrt(1 + Math.Pow(2 * c / (d + 1), 2));
    }

    /// <summary>κ_d = 2^{d+5/2} c₁(d)² / ((d + 1)²(d + 3)), the limit of g_P(t)/(1 − t)^{d+2} as t → 1.</summary>
    public static double BoundaryConstant(int d)
    {
        double c = C1(d);
        return Math.Pow(2, d + 2.5) * c * c / ((d + 1.0) * (d + 1.0) * (d + 3.0));
    }

    /// <summary>The d = 1 form g_P(t) = ((1 − |t|)/2)³ √(1 + ((1 + |t|)/2)²) for |t| &lt; 1, else 0.</summary>
    public static double UnivariateWeight(double t)
    {
        double a = Math.Abs(t);
        return a >= 1 ? 0 : Math.Pow((1 - a) / 2, 3) * Math.Sqrt(1 + Math.Pow((1 + a) / 2, 2));
    }

    /// <summary>The canonical weight of Sections 3.1–3.2, g(u, t) = (1 − |t|)^{d+2} for |t| &lt; 1, else 0.</summary>
    public static double CanonicalWeight(int d, double t)
    {
        CheckDimension(d);
        double a = Math.Abs(t);
        return a >= 1 ? 0 : Math.Pow(1 - a, d + 2);
    }

    private static void CheckDimension(int d)
    {
        if (d < 1) throw new ArgumentOutOfRangeException(nameof(d), d, "the dimension must be at least 1");
    }
}
