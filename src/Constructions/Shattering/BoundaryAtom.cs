using Flatness.Numerics.Networks;
using Flatness.Numerics.Variation;
using MathNet.Numerics;

namespace Flatness.Constructions.Shattering;

/// <summary>Paper B's boundary atom Φ_{u,ε²}(x) = ε⁻² φ(uᵀx − (1 − ε²)) (spec §8, H.1–H.2).</summary>
/// <remarks>As a neuron of this library (a·σ(wᵀx + b)): w = u, b = −(1 − ε²), a = ε⁻² (path weight |a|‖w‖ = ε⁻²).
/// It is active on the cap uᵀx &gt; 1 − ε² and peaks at 1 at x = u. With s = 1 − uᵀx the slice {uᵀx = 1 − s} of B^d₁ is a
/// (d−1)-ball of radius √(s(2 − s)), so ‖Φ‖²_{L²(B^d₁)} = ε⁻⁴ v_{d−1} ∫₀^{ε²} (ε² − s)² (s(2 − s))^{(d−1)/2} ds
/// = 16·2^{(d−1)/2} v_{d−1} ε^{d+1}/((d + 1)(d + 3)(d + 5)) (1 + o(1)), v_{d−1} = π^{(d−1)/2}/Γ((d + 1)/2) (H.1, [derived]);
/// with the canonical weight g(u, t) = (1 − |t|)^{d+2}, |Φ|_{V_g} = g(u, 1 − ε²)·ε⁻² = ε^{2d+2} (H.2).</remarks>
public static class BoundaryAtom
{
    /// <summary>The volume v_k = π^{k/2}/Γ(k/2 + 1) of the unit k-ball.</summary>
    public static double BallVolume(int k) => Math.Exp(k / 2.0 * Math.Log(Math.PI) - SpecialFunctions.GammaLn(k / 2.0 + 1));

    /// <summary>Φ_{u,ε²}(x) = ε⁻² max(uᵀx − (1 − ε²), 0).</summary>
    public static double Value(ReadOnlySpan<double> u, double epsilon, ReadOnlySpan<double> x)
    {
        double p = 0;
        for (int i = 0; i < u.Length; i++) p += u[i] * x[i];
        return Math.Max(p - (1 - epsilon * epsilon), 0) / (epsilon * epsilon);
    }

    /// <summary>‖Φ_{u,ε²}‖²_{L²(B^d₁)} (Lebesgue measure) by double-exponential quadrature of the one-dimensional slice integral.</summary>
    public static double L2NormSquared(int d, double epsilon)
    {
        double e2 = epsilon * epsilon;
        double integral = Integrate.DoubleExponential(s => (e2 - s) * (e2 - s) * Math.Pow(s * (2 - s), (d - 1) / 2.0), 0, e2, 1e-15 * e2 * e2 * e2);
        return BallVolume(d - 1) * integral / (e2 * e2);
    }

    /// <summary>The leading term 16·2^{(d−1)/2} v_{d−1} ε^{d+1}/((d + 1)(d + 3)(d + 5)) of ‖Φ‖².</summary>
    public static double LeadingL2NormSquared(int d, double epsilon) =>
        16 * Math.Pow(2, (d - 1) / 2.0) * BallVolume(d - 1) * Math.Pow(epsilon, d + 1) / ((d + 1.0) * (d + 3.0) * (d + 5.0));

    /// <summary>A network L·Σⱼ Φ_{uⱼ,ε²} (no output bias term beyond β = 0), one neuron per direction.</summary>
    /// <param name="directions">Unit vectors uⱼ (at least one).</param>
    /// <param name="epsilon">ε ∈ (0, 1/2].</param>
    /// <param name="amplitude">L (the network's sup on the ball).</param>
    public static TwoLayerNetwork Network(IReadOnlyList<double[]> directions, double epsilon, double amplitude = 1)
    {
        ArgumentNullException.ThrowIfNull(directions);
        if (directions.Count == 0) throw new ArgumentException("at least one atom is needed");
        if (!(epsilon > 0 && epsilon <= 0.5)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must lie in (0, 1/2]");
        double e2 = epsilon * epsilon;
        return TwoLayerNetwork.FromWeights(new Relu(), directions.Select(_ => amplitude / e2).ToArray(),
            directions.Select(u => (IReadOnlyList<double>)u.ToArray()).ToArray(), directions.Select(_ => -(1 - e2)).ToArray(), 0.0);
    }

    /// <summary>The probability mass P(uᵀX &gt; 1 − ε²) of a cap under Unif(B^d₁) (= Q(1 − ε²)).</summary>
    public static double CapMass(int d, double epsilon) => PopulationWeight.Q(d, 1 - epsilon * epsilon);

    /// <summary>Lemma I.1's cap-mass bounds [L, U]·ε^{d+1}: L = 2v_{d−1}/((d + 1)v_d), U = 2^{(d+1)/2} v_{d−1}/((d + 1)v_d).</summary>
    public static (double Lower, double Upper) CapMassConstants(int d) =>
        (2 * BallVolume(d - 1) / ((d + 1) * BallVolume(d)), Math.Pow(2, (d + 1) / 2.0) * BallVolume(d - 1) / ((d + 1) * BallVolume(d)));
}
