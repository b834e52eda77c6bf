using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Symmetries;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-04: Hessian congruence H(Tθ) = T⁻ᵀH(θ)T⁻¹ under loss-preserving rescalings; inertia and rank kept (spec F3).</summary>
internal sealed class A04HessianCongruence() : Claim("A-04")
{
    public override string Title => "Hessian congruence under rescaling; inertia and rank preserved";
    public override IReadOnlyList<string> DependsOn => ["A-33"];
    public override string Statement =>
        @"If $T$ is linear, invertible and $\hat L\circ T=\hat L$, then $\nabla^2\hat L(T\theta)=T^{-\top}\nabla^2\hat L(\theta)T^{-1}$. " +
        @"For per-neuron rescaling the $a_j$–$a_j$ entries scale by $c_j^{2k}$, $\tilde w_j$–$\tilde w_j$ by $c_j^{-2}$, $a_j$–$\tilde w_j$ by $c_j^{k-1}$; " +
        @"for the layer-wise $T_\alpha$ (Dinh et al., $k=1$) " +
        @"$\mathrm{Tr}H(\alpha)=\alpha^{-2}\mathrm{Tr}H_{11}+\alpha^2\mathrm{Tr}H_{22}\ge2\sqrt{\mathrm{Tr}H_{11}\mathrm{Tr}H_{22}}$ with equality at " +
        @"$\alpha^4=\mathrm{Tr}H_{11}/\mathrm{Tr}H_{22}$. Inertia and rank are preserved (Sylvester).";
    public override string Method =>
        "Random θ and random targets (off interpolation), hidden biases and an output bias. T is diagonal " +
        "(cⱼ on w̃ⱼ, cⱼ^{−k} on aⱼ, 1 on β; cⱼ ~ U[0.3, 3]), so the prediction is H(Tθ)ₚq = H(θ)ₚq/(tₚt_q). Both Hessians are " +
        "assembled densely; the largest entrywise difference relative to the largest entry must be below 10⁻⁹; eigenvalue " +
        "sign counts (threshold 10⁻⁹·max|λ|) and ranks must agree. For k = 1 the layer-wise rescaling is checked the same " +
        "way, with the trace bound and its equality at α*. The dense Hessian itself is checked at every θ against central differences " +
        "of the exact gradient (h = 10⁻⁶) to 10⁻⁶, so the congruence is not one code path compared with itself.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("sizes", "n = 6, d = 3, m = 3, hidden and output biases, random targets, nu = 1");
        var table = b.Table("Congruence", "case", "rescaling", "max rel. entry difference", "inertia (+, -, 0) before", "inertia after", "rank before/after",
            "decision gap (min nonzero / max zero |lambda(S)|)");
        double worst = 0, worstFd = 0;
        bool inertiaKept = true;
        foreach (var act in CaseFactory.Activations)
        {
            var c = CaseFactory.Make(act, true, true, false, 6, 3, 3, rng);
            // The dense Hessian the congruence rests on, against an independent computation off interpolation: central
            // differences of the exact gradient (the residual terms included).
            worstFd = Math.Max(worstFd, Descriptive.MaxRelativeDifference(FiniteDifferences.Hessian(c.Network, c.Data, LossConvention.Mse, 1e-6),
                DenseHessian.Compute(c.Network, c.Data).Matrix));
            var factors = Enumerable.Range(0, 3).Select(_ => rng.NextUniform(0.3, 3)).ToArray();
            var t = Diagonal(c.Network.Layout, p => factors[p / c.Network.Layout.NeuronBlock],
                (p, cj) => Dinh2017Rescaling.IsSecondLayer(c.Network.Layout, p) ? Math.Pow(cj, -c.Degree) : cj);
            var scaled = PerNeuronRescaling.Apply(c.Network, factors);
            Compare(c, scaled, t, "per-neuron c_j", table, ref worst, ref inertiaKept);
            if (c.Degree == 1)
            {
                double alpha = rng.NextUniform(0.3, 3);
                var tl = Diagonal(c.Network.Layout, _ => alpha,
                    (p, a) => Dinh2017Rescaling.IsFirstLayer(c.Network.Layout, p) ? a : Dinh2017Rescaling.IsSecondLayer(c.Network.Layout, p) ? 1 / a : 1);
                Compare(c, Dinh2017Rescaling.Apply(c.Network, alpha), tl, $"layer-wise alpha = {Numbers.Format(alpha, 3)}", table, ref worst, ref inertiaKept);
            }
        }
        // Dinh trace bound on one ReLU case: Tr H(α) = α⁻²Tr H₁₁ + α²Tr H₂₂ ≥ 2√(Tr H₁₁ Tr H₂₂), equality at α*.
        // A draw where every neuron is silent on the data has Tr H₁₁ = Tr H₂₂ = 0 and no α*: redrawn and counted.
        NetCase relu;
        DenseSymmetricOperator h;
        double tr1, tr2;
        int redrawn = -1;
        do
        {
            redrawn++;
            relu = CaseFactory.Make(new Relu(), true, false, true, 6, 3, 3, rng);
            h = DenseHessian.Compute(relu.Network, relu.Data);
            tr1 = 0;
            tr2 = 0;
            for (int p = 0; p < h.Dimension; p++)
            {
                if (Dinh2017Rescaling.IsFirstLayer(relu.Network.Layout, p)) tr1 += h[p, p];
                else if (Dinh2017Rescaling.IsSecondLayer(relu.Network.Layout, p)) tr2 += h[p, p];
            }
        }
        while (!(tr1 > 0 && tr2 > 0) && redrawn < 100);
        b.Parameter("degenerate trace-bound draws redrawn", Numbers.Count(redrawn));
        double alphaStar = Math.Pow(tr1 / tr2, 0.25);
        double atStar = DenseHessian.Compute(Dinh2017Rescaling.Apply(relu.Network, alphaStar), relu.Data).Trace();
        double bound = 2 * Math.Sqrt(tr1 * tr2);
        double boundError = Descriptive.RelativeError(atStar, bound);
        b.Table("Layer-wise trace bound (ReLU interpolator)", "Tr H11", "Tr H22", "alpha*", "Tr H(alpha*)", "2 sqrt(Tr H11 Tr H22)", "rel. error")
            .Row(Numbers.Format(tr1), Numbers.Format(tr2), Numbers.Format(alphaStar), Numbers.Format(atStar), Numbers.Format(bound), Numbers.Error(boundError));
        b.ErrorMetric("maxRelativeEntryDifference", worst).ErrorMetric("traceBoundEqualityError", boundError).Metric("inertiaPreserved", inertiaKept ? 1 : 0)
         .ErrorMetric("maxFiniteDifferenceError", worstFd);
        b.Criterion(Criterion.Error("largest entrywise difference of H(Tθ) and T⁻ᵀH(θ)T⁻¹, relative to the largest entry", worst, 1e-9))
         .Criterion(Criterion.Condition("inertia and rank of H(Tθ) equal those of H(θ) in every case (Sylvester)", inertiaKept,
             inertiaKept ? $"equal in all {table.Count} cases" : "they differ in a case of the congruence table"))
         .Criterion(Criterion.Error("layer-wise trace bound: relative gap between Tr H(α*) and 2√(Tr H₁₁ Tr H₂₂)", boundError, 1e-9))
         .Criterion(Criterion.Error("dense Hessian vs finite differences of the gradient at θ (off interpolation), largest relative entry difference",
             worstFd, 1e-6));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"H(Tθ) equals T⁻ᵀH(θ)T⁻¹ to {Numbers.Error(worst)} in every case, inertia and rank are preserved, " +
            $"and the layer-wise trace bound is attained at α* to {Numbers.Error(boundError)}.",
            $"max rel. entry diff {Numbers.Error(worst)}");
    }

    private static double[] Diagonal(ParameterLayout layout, Func<int, double> factor, Func<int, double, double> entry)
    {
        var t = new double[layout.Count];
        for (int p = 0; p < layout.Count; p++)
            t[p] = layout.HasOutputBias && p == layout.OutputBiasIndex ? 1.0 : entry(p, factor(p));
        return t;
    }

    private static void Compare(NetCase c, TwoLayerNetwork scaled, double[] t, string what, TableBuilder table, ref double worst, ref bool inertiaKept)
    {
        var h0 = DenseHessian.Compute(c.Network, c.Data);
        var h1 = DenseHessian.Compute(scaled, c.Data);
        int p = h0.Dimension;
        var predicted = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) predicted[i * p + j] = h0[i, j] / (t[i] * t[j]);
        double diff = Descriptive.MaxRelativeDifference(h1.Matrix, predicted);
        var i0 = Inertia.Of(h0);
        var i1 = Inertia.Of(h1);
        inertiaKept &= (i0.Positive, i0.Negative, i0.Zero) == (i1.Positive, i1.Negative, i1.Zero);
        worst = Math.Max(worst, diff);
        table.Row(c.Label, what, Numbers.Error(diff), i0.ToString(), i1.ToString(), $"{i0.Rank}/{i1.Rank}", $"{Gap(i0.Gap)} / {Gap(i1.Gap)}");
    }

    private static string Gap(double gap) => double.IsPositiveInfinity(gap) ? "inf" : Numbers.Format(gap, 3);
}
