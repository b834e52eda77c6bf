namespace Flatness.Numerics.Variation;

/// <summary>The constants c₂ … c₅ of paper B's Lemmas E.2–E.3: two-sided bounds on the tail Q(x) = P(X₁ &gt; x) and the
/// conditional mean E(x) = E[X₁ | X₁ &gt; x] of X₁ = uᵀX, X ~ Unif(B^d₁), for x ∈ [3/4, 1) (spec §7, [paper]; c₄, c₅ [derived]).</summary>
/// <remarks>With α = (d − 1)/2 and the density c₁(1 − x²)^α (Lemma E.1), 1 − x² = (1 − x)(1 + x) ∈ [7/4·(1 − x), 2(1 − x)) on
/// [3/4, 1) gives (E.2) c₂(1 − x)^{(d+1)/2} ≤ Q(x) ≤ c₃(1 − x)^{(d+1)/2} with c₂ = c₁/(d + 1)·(7/4)^{(d+1)/2},
/// c₃ = c₁/(d + 1)·2^{(d+2)/2}; and (E.3) 1 − c₅(1 − x) ≤ E(x) ≤ 1 − c₄(1 − x) with c₄ = c₁(7/4)^α/((α + 2)c₃),
/// c₅ = c₁2^α/((α + 2)c₂), from 1 − E(x) = c₁∫ₓ¹(1 − t)^{α+1}(1 + t)^α dt / Q(x) and
/// ∫ₓ¹(1 − t)^{α+1}(1 + t)^α dt ∈ [(7/4)^α, 2^α]·(1 − x)^{α+2}/(α + 2).</remarks>
public static class MarginalTailBounds
{
    /// <summary>c₂ = c₁(d)/(d + 1)·(7/4)^{(d+1)/2}, the lower constant of Lemma E.2.</summary>
    public static double C2(int d) => PopulationWeight.C1(d) / (d + 1) * Math.Pow(1.75, (d + 1) / 2.0);

    /// <summary>c₃ = c₁(d)/(d + 1)·2^{(d+2)/2}, the upper constant of Lemma E.2.</summary>
    public static double C3(int d) => PopulationWeight.C1(d) / (d + 1) * Math.Pow(2, (d + 2) / 2.0);

    /// <summary>c₄ = c₁(7/4)^α/((α + 2)c₃), α = (d − 1)/2: E(x) ≤ 1 − c₄(1 − x) (Lemma E.3).</summary>
    public static double C4(int d)
    {
        double alpha = (d - 1) / 2.0;
        return PopulationWeight.C1(d) * Math.Pow(1.75, alpha) / ((alpha + 2) * C3(d));
    }

    /// <summary>c₅ = c₁2^α/((α + 2)c₂), α = (d − 1)/2: E(x) ≥ 1 − c₅(1 − x) (Lemma E.3).</summary>
    public static double C5(int d)
    {
        double alpha = (d - 1) / 2.0;
        return PopulationWeight.C1(d) * Math.Pow(2, alpha) / ((alpha + 2) * C2(d));
    }
}
