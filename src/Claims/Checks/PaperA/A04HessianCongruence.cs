using Flatness.Claims.Model;
using Flatness.Constructions.Symmetries;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-04: Hessian congruence H(Tθ) = T⁻ᵀH(θ)T⁻¹ under loss-preserving rescalings; inertia and rank kept (spec F3).</summary>
internal sealed class A04HessianCongruence() : Claim("A-04")
{
    public override string Title => "Hessian congruence under rescaling; inertia and rank preserved";
    public override IReadOnlyList<string> DependsOn => ["A-33"];
    public override string Statement =>
        @"If $T$ is linear, invertible and $\hat L\circ T=\hat L$, then $\nabla^2\hat L(T\theta)=T^{-\top}\nabla^2\hat L(\theta)T^{-1}$. For per-neuron rescaling the $a_j$–$a_j$ entries scale by $c_j^{2k}$, $\tilde w_j$–$\tilde w_j$ by $c_j^{-2}$, $a_j$–$\tilde w_j$ by $c_j^{k-1}$; for the layer-wise $T_\alpha$ (Dinh et al., $k=1$) $\mathrm{Tr}H(\alpha)=\alpha^{-2}\mathrm{Tr}H_{11}+\alpha^2\mathrm{Tr}H_{22}\ge2\sqrt{\mathrm{Tr}H_{11}\mathrm{Tr}H_{22}}$ with equality at $\alpha^4=\mathrm{Tr}H_{11}/\mathrm{Tr}H_{22}$. Inertia and rank are preserved (Sylvester).";
    public override string Method =>
        "Random θ and random targets (off interpolation), hidden biases and an output bias. T is diagonal " +
        "(cⱼ on w̃ⱼ, cⱼ^{−k} on aⱼ, 1 on β; cⱼ ~ U[0.3, 3]), so the prediction is H(Tθ)ₚq = H(θ)ₚq/(tₚt_q). Both Hessians are " +
        "assembled densely; the largest entrywise difference relative to the largest entry must be below 10⁻⁹; eigenvalue " +
        "sign counts (threshold 10⁻⁹·max|λ|) and ranks must agree. For k = 1 the layer-wise rescaling is checked the same " +
        "way, with the trace bound and its equality at α*.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("sizes", "n = 6, d = 3, m = 3, hidden and output biases, random targets, nu = 1");
        var table = b.Table("Congruence", "case", "rescaling", "max rel. entry difference", "inertia (+, -, 0) before", "inertia after", "rank before/after", "decision gap (min nonzero / max zero |lambda(S)|)");
        double worst = 0;
        bool inertiaKept = true;
        foreach (var act in CaseFactory.Activations)
        {
            var c = CaseFactory.Make(act, true, true, false, 6, 3, 3, rng);
            var factors = Enumerable.Range(0, 3).Select(_ => rng.NextUniform(0.3, 3)).ToArray();
            var t = Diagonal(c.Network.Layout, p => factors[p / c.Network.Layout.NeuronBlock], (p, cj) => Dinh2017Rescaling.IsSecondLayer(c.Network.Layout, p) ? Math.Pow(cj, -c.Degree) : cj);
            var scaled = PerNeuronRescaling.Apply(c.Network, factors);
            Compare(c, scaled, t, "per-neuron c_j", table, ref worst, ref inertiaKept);
            if (c.Degree == 1)
            {
                double alpha = rng.NextUniform(0.3, 3);
                var tl = Diagonal(c.Network.Layout, _ => alpha, (p, a) => Dinh2017Rescaling.IsFirstLayer(c.Network.Layout, p) ? a : Dinh2017Rescaling.IsSecondLayer(c.Network.Layout, p) ? 1 / a : 1);
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
        double boundError = CaseFactory.RelativeError(atStar, bound);
        b.Table("Layer-wise trace bound (ReLU interpolator)", "Tr H11", "Tr H22", "alpha*", "Tr H(alpha*)", "2 sqrt(Tr H11 Tr H22)", "rel. error")
            .Row(Numbers.Format(tr1), Numbers.Format(tr2), Numbers.Format(alphaStar), Numbers.Format(atStar), Numbers.Format(bound), Numbers.Error(boundError));
        b.ErrorMetric("maxRelativeEntryDifference", worst).ErrorMetric("traceBoundEqualityError", boundError).Metric("inertiaPreserved", inertiaKept ? 1 : 0);
        bool holds = worst < 1e-9 && inertiaKept && boundError < 1e-9;
        return b.Decide(holds, VerdictMethod.ExactNumerics,
            $"H(Tθ) equals T⁻ᵀH(θ)T⁻¹ to {Numbers.Error(worst)} in every case, inertia and rank are preserved, and the layer-wise trace bound is attained at α* to {Numbers.Error(boundError)}.",
            $"a criterion failed: entry difference {Numbers.Error(worst)} (< 1e-9), inertia preserved: {inertiaKept}, bound error {Numbers.Error(boundError)}.",
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
        double diff = CaseFactory.MaxRelativeDifference(h1.Matrix, predicted);
        var (pos0, neg0, zero0, gap0) = Inertia(h0);
        var (pos1, neg1, zero1, gap1) = Inertia(h1);
        bool same = pos0 == pos1 && neg0 == neg1 && zero0 == zero1;
        inertiaKept &= same;
        worst = Math.Max(worst, diff);
        table.Row(c.Label, what, Numbers.Error(diff), $"({pos0}, {neg0}, {zero0})", $"({pos1}, {neg1}, {zero1})", $"{pos0 + neg0}/{pos1 + neg1}", $"{Gap(gap0)} / {Gap(gap1)}");
    }

    private static string Gap(double gap) => double.IsPositiveInfinity(gap) ? "inf" : Numbers.Format(gap, 3);

    /// <summary>Inertia of H decided on its Jacobi scaling D^{−1/2}HD^{−1/2} (congruent to H; unchanged by diagonal T).</summary>
    private static (int Positive, int Negative, int Zero, double Gap) Inertia(DenseSymmetricOperator h)
    {
        int p = h.Dimension;
        var scale = new double[p];
        for (int i = 0; i < p; i++) scale[i] = h[i, i] == 0 ? 1.0 : 1.0 / Math.Sqrt(Math.Abs(h[i, i]));
        var s = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) s[i * p + j] = scale[i] * h[i, j] * scale[j];
        var eigenvalues = new DenseSymmetricOperator(s, p).Eigenvalues();
        double max = eigenvalues.Max(Math.Abs), threshold = 1e-9 * max;
        int pos = eigenvalues.Count(l => l > threshold), neg = eigenvalues.Count(l => l < -threshold);
        double minNonzero = eigenvalues.Where(l => Math.Abs(l) > threshold).Select(Math.Abs).DefaultIfEmpty(double.PositiveInfinity).Min();
        double maxZero = eigenvalues.Where(l => Math.Abs(l) <= threshold).Select(Math.Abs).DefaultIfEmpty(0).Max();
        return (pos, neg, p - pos - neg, maxZero == 0 ? double.PositiveInfinity : minNonzero / maxZero);
    }
}
