using System.Globalization;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Sampling;
using Flatness.Constructions.Shattering;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;
using Flatness.Numerics.Variation;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-10: boundary atoms Φ_{u,ε²}: sup 1 at u, ‖Φ‖² ≍ ε^{d+1} (H.1, exact slice integral), |Φ|_{V_g} = ε^{2d+2} (H.2).</summary>
internal sealed class B10BoundaryAtoms() : Claim("B-10")
{
    private static readonly int[] Dimensions = [2, 3, 5];
    private const int Samples = 1_000_000;
    // The Monte Carlo ratio v_d·mean(Φ²)/‖Φ‖² must be shown within 1 ± RatioMargin (fixed in advance). Φ² ∈ [0, 1] is nonzero
    // only on the cap uᵀx > 3/4 (0.4 % of the ball for d = 5): a rare event with a skewed integrand, so the bounds are empirical
    // Bernstein (distribution-free), not normal. For d = 5 (the widest) at 10⁶ points their half-width is about 0.04 at 95 % and
    // 0.10 at the refutation level: a margin of 0.15 keeps a true claim supported at every seed.
    private const double RatioMargin = 0.15;
    public override string Title => "Boundary atoms: sup 1 at u, ||Phi||^2 ~ eps^(d+1) (H.1), |Phi|_Vg = eps^(2d+2) (H.2)";
    public override IReadOnlyList<string> DependsOn => ["B-35", "B-37"];
    public override string Statement =>
        @"$\Phi_{u,\varepsilon^2}(x)=\varepsilon^{-2}\phi(u^\top x-(1-\varepsilon^2))$ has $\sup_{B^d_1}\Phi=\Phi(u)=1$; " +
        @"$\|\Phi\|^2_{L^2(B^d_1)}=\varepsilon^{-4}v_{d-1}\int_0^{\varepsilon^2}(\varepsilon^2-s)^2(s(2-s))^{\frac{d-1}2}ds=" +
        @"\frac{16\cdot2^{(d-1)/2}v_{d-1}\varepsilon^{d+1}}{(d+1)(d+3)(d+5)}(1+o(1))$ (H.1, exact integral [derived]); with the canonical weight " +
        @"$|\Phi|_{V_g}=g(u,1-\varepsilon^2)\varepsilon^{-2}=\varepsilon^{2d+2}$ (H.2).";
    public override string Method =>
        "d ∈ {2, 3, 5}, random unit u. Sup: Φ(u) = 1 (to 10⁻¹²/ε²) and max of Φ over 10⁶ points uniform in the ball ≤ 1. L²: the slice " +
        "integral (quadrature) against Monte Carlo v_d·E[Φ(X)²] at ε = 0.5 (10⁶ points): Φ² ∈ [0, 1] fires only on the cap uᵀx > 3/4, a rare " +
        "event, so the ratio Monte Carlo/exact gets empirical Bernstein bounds (distribution-free) and must be shown within 1 ± 0.15 (an equivalence " +
        "criterion; contradicted when the bounds at the suite's false-refutation budget exclude 1); " +
        "the ratio to the leading term within 10⁻² of 1 at ε = 10⁻³. V_g: the reduced seminorm of the one-neuron network with the canonical weight equals " +
        "ε^{2d+2} at ε ∈ {0.5, 0.1, 0.01} to rel. 10⁻¹² + (d + 2)ε_mach/ε² (the cancellation in 1 − (1 − ε²) raised to the power d + 2; " +
        "errors are reported rescaled to the 10⁻¹² scale).";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder();
        var table = b.Table("Boundary atoms", "d", "Phi(u) - 1", "max Phi on samples", "||Phi||^2 exact (eps = 0.5)", "Monte Carlo", "(MC - exact)/SE",
            "ratio to leading term (eps = 1e-3)", "max rel. error |Phi|_Vg vs eps^(2d+2)");
        double worstPeak = 0, worstScore = 0, worstLead = 0, worstVg = 0, worstSup = 0;
        var ratios = new List<(int D, ConfidenceBounds Bounds)>();
        foreach (int d in Dimensions)
        {
            var u = UniformSampling.Sphere(d, rng);
            double peak = Math.Abs(BoundaryAtom.Value(u, 0.1, u) - 1) * 0.01;
            double sum = 0, sum2 = 0, sup = 0;
            for (int i = 0; i < Samples; i++)
            {
                var x = UniformSampling.Ball(d, rng);
                double f = BoundaryAtom.Value(u, 0.5, x);
                sup = Math.Max(sup, f);
                sum += f * f; sum2 += f * f * f * f;
            }
            var mean = Descriptive.MeanFromSums(sum, sum2, Samples);
            double vol = BoundaryAtom.BallVolume(d), exact = BoundaryAtom.L2NormSquared(d, 0.5), mc = vol * mean.Mean;
            double score = Math.Abs(mc - exact) / (vol * mean.StandardError);
            // Φ² lies in [0, 1]: empirical Bernstein bounds on its mean, read as the ratio v_d·mean/‖Φ‖² (exact, by quadrature).
            ratios.Add((d, new ScaledBounds(mean.BernsteinBounds(1), vol / exact)));
            double lead = BoundaryAtom.L2NormSquared(d, 1e-3) / BoundaryAtom.LeadingL2NormSquared(d, 1e-3);
            double vgErr = 0;
            foreach (double eps in new[] { 0.5, 0.1, 0.01 })
            {
                double vg = WeightedVariation.Reduced(BoundaryAtom.Network([u], eps), WeightedVariation.CanonicalWeight(d));
                // 1 − |t| = 1 − (1 − ε²) loses log10(1/ε²) digits, and the power d + 2 multiplies that relative error:
                // the error is measured in units of the rounding bound 10⁻¹² + (d + 2)·ε_mach/ε².
                double allowed = SeminormRoundingBound(d, eps);
                vgErr = Math.Max(vgErr, Math.Abs(vg - Math.Pow(eps, 2 * d + 2)) / Math.Pow(eps, 2 * d + 2) / allowed * 1e-12);
            }
            worstPeak = Math.Max(worstPeak, peak); worstScore = Math.Max(worstScore, score); worstLead = Math.Max(worstLead, Math.Abs(lead - 1));
            worstVg = Math.Max(worstVg, vgErr); worstSup = Math.Max(worstSup, sup);
            table.Row(Numbers.Count(d), Numbers.Error(peak), Numbers.Format(sup, 4), Numbers.Format(exact, 8), Numbers.Format(mc, 6), Numbers.Format(score, 2),
                Numbers.Format(lead, 8), Numbers.Error(vgErr));
            b.Metric($"l2NormSquaredEps0.5_d{d.ToString(CultureInfo.InvariantCulture)}", exact, 10);
        }
        b.ErrorMetric("maxVgError", worstVg).ErrorMetric("maxLeadingTermGap", worstLead).Metric("maxMonteCarloZ", worstScore, 3);
        b.Criterion(Criterion.Error("largest |Phi(u) - 1|·eps^2 (eps = 0.1)", worstPeak, 1e-12));
        b.Criterion(Criterion.Exact("largest Phi over the 1e6 ball samples (sup <= 1)", worstSup, Region.Below(1), 4));
        b.Criterion(Criterion.Error("largest |ratio of ||Phi||^2 to its leading term - 1| at eps = 1e-3", worstLead, 1e-2));
        b.Criterion(Criterion.Error("largest relative error of |Phi|_Vg against eps^(2d+2), " +
            "in units of the rounding bound 1e-12 + (d+2)eps_mach/eps^2 (scaled to 1e-12)", worstVg, 1e-12));
        foreach (var (d, bounds) in ratios)
            b.Criterion(Criterion.Statistical($"Monte Carlo ||Phi||^2 / exact slice integral, d = {d}, eps = 0.5", bounds, Region.Near(1, RatioMargin)));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"Phi peaks at 1 at u and never exceeds 1; the exact L2 integral agrees with Monte Carlo (ratios shown within 1 ± {Numbers.Format(RatioMargin)} " +
            $"by empirical Bernstein bounds; largest |MC - exact|/SE {Numbers.Format(worstScore, 2)}) and with its leading term " +
            $"to {Numbers.Error(worstLead)} at eps = 1e-3; |Phi|_Vg = eps^(2d+2) to {Numbers.Error(worstVg)}.",
            $"V_g error {Numbers.Error(worstVg)}, MC z {Numbers.Format(worstScore, 2)}");
    }

    /// <summary>The rounding bound 10⁻¹² + (d + 2)ε_mach/ε² on the relative error of an atom's V_g seminorm: 1 − |t| = ε² loses
    /// log10(1/ε²) digits and the power d + 2 multiplies that error (shared with B-11's f_ξ).</summary>
    internal static double SeminormRoundingBound(int d, double eps) => 1e-12 + (d + 2) * 2.220446049250313e-16 / (eps * eps);
}
