using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-22: H̃ = diag(|θ|)H diag(|θ|) is invariant under rescaling; raw trace, λ_max and the +η and bias-excluded
/// variants are not; the second-order expansion of the loss has an O(ρ³) error (spec F6).</summary>
internal sealed class A22AdaptiveSharpness() : Claim("A-22")
{
    private static readonly double[] Radii = [0.01, 0.0071, 0.005, 0.0035, 0.0025];
    public override string Title => "Adaptive sharpness is rescaling-invariant; plain sharpness and broken variants are not";
    public override IReadOnlyList<string> DependsOn => ["A-35"];
    public override string Statement =>
        @"For a loss-preserving positive diagonal $D$, $H'=D^{-1}HD^{-1}$ and $|\theta'|=D|\theta|$, so $\tilde H=\mathrm{diag}(|\theta|)H\mathrm{diag}(|\theta|)$ is invariant, and with it $\mathrm{Tr}\tilde H$ and $\lambda_{\max}(\tilde H)$ (the leading coefficients of adaptive sharpness; the sharpness values $S^\rho_{\rm avg}$, $S^\rho_{\max}$ themselves are not computed here); $\mathrm{Tr}H$, $\lambda_{\max}(H)$, $T_\theta=|\theta|+\eta$ and $T_\theta$ without biases are not invariant. At a minimum the second-order expansion $\hat L(\theta+\delta)-\hat L(\theta)=\frac12\delta^\top H\delta+O(\rho^3)$.";
    public override string Method =>
        "A random ReLU interpolator with hidden biases (inputs kept 0.2 from every kink) and a random per-neuron rescaling " +
        "cⱼ ~ U[0.3, 3] (D = cⱼ on w̃ⱼ, cⱼ⁻¹ on aⱼ). Dense Hessians at θ and Dθ give H̃ for T_θ = |θ|, |θ| + 0.1 and |θ| with " +
        "biases replaced by 1. Criteria: the |θ| variant agrees entrywise to 10⁻⁹ (relative to its largest entry); Tr H, " +
        "λ_max(H) and the two broken variants differ by more than 10⁻³. The expansion is checked along 5 random directions " +
        "δ = ρ·|θ|⊙u (‖u‖ = 1) at five radii ρ from 0.01 to 0.0025: the median fitted log-log slope of |L(θ+δ) − L(θ) − ½δᵀHδ| must be at least 2.7.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var c = CaseFactory.Make(new Relu(), true, false, true, 6, 3, 4, rng, kinkMargin: 0.2);
        var layout = c.Network.Layout;
        var factors = Enumerable.Range(0, 4).Select(_ => rng.NextUniform(0.3, 3)).ToArray();
        var scaled = PerNeuronRescaling.Apply(c.Network, factors);
        var h0 = DenseHessian.Compute(c.Network, c.Data);
        var h1 = DenseHessian.Compute(scaled, c.Data);
        bool IsBias(int p) => p % layout.NeuronBlock == layout.InputDimension;
        var b = new EvidenceBuilder().Parameter("network", c.Label + ", interpolating").Parameter("rescaling", "c_j ~ U[0.3, 3]").Parameter("eta", "0.1");
        var table = b.Table("Invariance under rescaling", "quantity", "at theta", "at D theta", "rel. difference", "invariant?");
        double Row(string name, double v0, double v1, double tol)
        {
            double diff = CaseFactory.RelativeError(v1, v0);
            table.Row(name, Numbers.Format(v0), Numbers.Format(v1), Numbers.Error(diff), diff < tol ? "yes" : "no");
            return diff;
        }
        double dTrace = Row("Tr H", h0.Trace(), h1.Trace(), 1e-9);
        double dLmax = Row("lambda_max(H)", h0.Eigenvalues()[^1], h1.Eigenvalues()[^1], 1e-9);
        var entryDiffs = new Dictionary<AdaptiveScaling, double>();
        foreach (var variant in new[] { AdaptiveScaling.Absolute, AdaptiveScaling.ShiftedAbsolute, AdaptiveScaling.BiasesExcluded })
        {
            var a0 = AdaptiveSharpness.ScaledHessian(h0, AdaptiveSharpness.Scaling(c.Network.Parameters, variant, IsBias));
            var a1 = AdaptiveSharpness.ScaledHessian(h1, AdaptiveSharpness.Scaling(scaled.Parameters, variant, IsBias));
            string name = variant switch { AdaptiveScaling.Absolute => "|theta|", AdaptiveScaling.ShiftedAbsolute => "|theta| + eta", _ => "|theta|, biases excluded" };
            entryDiffs[variant] = CaseFactory.MaxRelativeDifference(a1.Matrix, a0.Matrix);
            Row($"Tr H~ ({name})", a0.Trace(), a1.Trace(), 1e-9);
            Row($"lambda_max(H~) ({name})", a0.Eigenvalues()[^1], a1.Eigenvalues()[^1], 1e-9);
            table.Row($"entries of H~ ({name})", "-", "-", Numbers.Error(entryDiffs[variant]), entryDiffs[variant] < 1e-9 ? "yes" : "no");
        }
        // Second-order expansion along adaptive directions δ = ρ·|θ|⊙u at the interpolator.
        var theta = c.Network.Parameters.ToArray();
        var slopes = new List<double>();
        var expansion = b.Table("Second-order expansion error |L(theta + delta) - L(theta) - delta'H delta / 2|", "direction", "rho = 0.01", "rho = 0.005", "rho = 0.0025");
        double l0 = FiniteDifferences.Loss(c.Network, c.Data, LossConvention.Mse);
        for (int dir = 0; dir < 5; dir++)
        {
            var u = new double[theta.Length];
            rng.FillGaussian(u);
            double norm = Math.Sqrt(u.Sum(v => v * v));
            var errors = new double[Radii.Length];
            for (int r = 0; r < Radii.Length; r++)
            {
                var delta = theta.Select((t, i) => Radii[r] * Math.Abs(t) * u[i] / norm).ToArray();
                var hd = new double[delta.Length];
                h0.Multiply(delta, hd);
                double quad = 0.5 * delta.Zip(hd, (x, y) => x * y).Sum();
                double l1 = FiniteDifferences.Loss(c.Network.WithParameters(theta.Zip(delta, (t, d) => t + d).ToArray()), c.Data, LossConvention.Mse);
                errors[r] = Math.Abs(l1 - l0 - quad);
            }
            var rate = b.Rate($"log error vs log rho, direction {dir + 1}", Radii.Select(r => Math.Log(r)).ToArray(), errors.Select(e => Math.Log(e)).ToArray(), "3 (O(rho^3)); criterion: median slope >= 2.7");
            slopes.Add(rate.Slope);
            expansion.Row(Numbers.Count(dir + 1), Numbers.Format(errors[0], 3), Numbers.Format(errors[2], 3), Numbers.Format(errors[4], 3));
        }
        double medianSlope = slopes.OrderBy(s => s).ElementAt(2);
        b.ErrorMetric("adaptiveEntryDifference", entryDiffs[AdaptiveScaling.Absolute])
         .Metric("rawTraceChange", dTrace, 3).Metric("rawLambdaMaxChange", dLmax, 3)
         .Metric("shiftedEntryDifference", entryDiffs[AdaptiveScaling.ShiftedAbsolute], 3)
         .Metric("biasExcludedEntryDifference", entryDiffs[AdaptiveScaling.BiasesExcluded], 3)
         .Metric("medianExpansionSlope", medianSlope, 3);
        bool holds = entryDiffs[AdaptiveScaling.Absolute] < 1e-9 && dTrace > 1e-3 && dLmax > 1e-3
            && entryDiffs[AdaptiveScaling.ShiftedAbsolute] > 1e-3 && entryDiffs[AdaptiveScaling.BiasesExcluded] > 1e-3 && medianSlope >= 2.7;
        return b.Decide(holds, VerdictMethod.ExactNumerics,
            $"H~ with T = |θ| is invariant to {Numbers.Error(entryDiffs[AdaptiveScaling.Absolute])} while Tr H, λ_max(H) and the +η and bias-excluded variants change by {Numbers.Format(new[] { dTrace, dLmax, entryDiffs[AdaptiveScaling.ShiftedAbsolute], entryDiffs[AdaptiveScaling.BiasesExcluded] }.Min(), 3)} or more; the expansion error has slope {Numbers.Format(medianSlope, 3)} in ρ.",
            $"a criterion failed: adaptive entry difference {Numbers.Error(entryDiffs[AdaptiveScaling.Absolute])} (< 1e-9), raw changes {Numbers.Format(dTrace, 3)}/{Numbers.Format(dLmax, 3)} (> 1e-3), broken variants {Numbers.Format(entryDiffs[AdaptiveScaling.ShiftedAbsolute], 3)}/{Numbers.Format(entryDiffs[AdaptiveScaling.BiasesExcluded], 3)} (> 1e-3), expansion slope {Numbers.Format(medianSlope, 3)} (>= 2.7).",
            $"adaptive diff {Numbers.Error(entryDiffs[AdaptiveScaling.Absolute])}; raw Tr change {Numbers.Format(dTrace, 3)}");
    }
}
