using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-22: H̃ = diag(|θ|)H diag(|θ|) is invariant under rescaling; raw trace, λ_max and the +η and bias-excluded
/// variants are not; the second-order expansion of the loss has an O(ρ³) error (spec F6).</summary>
internal sealed class A22AdaptiveSharpness() : Claim("A-22")
{
    private static readonly double[] Radii = [0.001, 0.00071, 0.0005, 0.00035, 0.00025];
    private const double Eta = 0.1;

    /// <summary>A broken variant must change by more than this under the large rescaling (its proven lower bound is ≥ 0.99).</summary>
    private const double Change = 0.5;

    public override string Title => "Adaptive sharpness is rescaling-invariant; plain sharpness and broken variants are not";
    public override IReadOnlyList<string> DependsOn => ["A-35"];
    public override string Statement =>
        @"For a loss-preserving positive diagonal $D$, $H'=D^{-1}HD^{-1}$ and $|\theta'|=D|\theta|$, " +
        @"so $\tilde H=\mathrm{diag}(|\theta|)H\mathrm{diag}(|\theta|)$ is invariant, and with it $\mathrm{Tr}\tilde H$ and $\lambda_{\max}(\tilde H)$ (the " +
        @"leading coefficients of adaptive sharpness; the sharpness values $S^\rho_{\rm avg}$, $S^\rho_{\max}$ themselves are not computed here); " +
        @"$\mathrm{Tr}H$, $\lambda_{\max}(H)$, $T_\theta=|\theta|+\eta$ and $T_\theta$ without biases are not invariant. " +
        @"At a minimum the second-order expansion $\hat L(\theta+\delta)-\hat L(\theta)=\frac12\delta^\top H\delta+O(\rho^3)$.";
    public override string Method =>
        "A random ReLU interpolator with hidden biases (inputs kept 0.2 from every kink), balanced (`PerNeuronRescaling.Balance`, so " +
        "Pⱼ = Qⱼ for every neuron): θ. Two loss-preserving rescalings D (cⱼ on w̃ⱼ, cⱼ⁻¹ on aⱼ): a random one, cⱼ ~ U[0.3, 3], and a large one " +
        "fixed by θ, cⱼ = c₊ = 10(1 + max|θ|/η) for every neuron (η = 0.1). Dense Hessians at θ and Dθ give H̃ for T_θ = |θ|, |θ| + η and " +
        "|θ| with biases replaced by 1. Criteria: (1) the |θ| variant's entries agree under both rescalings to 10⁻⁹ (relative to its largest " +
        "entry); (2) under c₊, Tr H, λ_max(H) and the largest relative change of a diagonal entry of H̃ for each broken variant exceed 0.5. " +
        "These changes are bounded below whatever the draw: at a balanced θ, Tr H(c) = ((c² + c⁻²)/2)·Tr H, a change of at least 49; " +
        "λ_max(H(c)) ≥ c²·maxⱼ H_{aⱼaⱼ} ≥ c²Tr H/(2m) ≥ c²λ_max(H)/8, at least 11.5; the +η variant's aⱼ entries grow by " +
        "((|aⱼ| + ηc₊)/(|aⱼ| + η))² ≥ 100; the bias-excluded variant's bias entries shrink by c₊⁻², a change of at least 0.99. (3) The expansion " +
        "along 5 random directions δ = ρ·|θ|⊙u (‖u‖ = 1) at five radii ρ from 10⁻³ to 2.5·10⁻⁴: with no kink crossed the loss is a quartic " +
        "polynomial in ρ, so E(ρ) = L(θ + δ) − L(θ) − ½δᵀHδ = c₂ρ² + c₃ρ³ + c₄ρ⁴ exactly, and the claim is c₂ = 0: the least-squares fit of " +
        "E(ρ)/ρ² on (1, ρ, ρ²) must give |c₂| ≤ 10⁻⁶ of the quadratic term's coefficient ½uᵀ(|θ|H|θ|)u (a wrong H leaves c₂ of its order); " +
        "the fitted log–log slopes of |E| are reported (3 expected).";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var c = CaseFactory.Make(new Relu(), true, false, true, 6, 3, 4, rng, kinkMargin: 0.2);
        var network = PerNeuronRescaling.Balance(c.Network, c.Data);
        var layout = network.Layout;
        var theta = network.Parameters.ToArray();
        double largest = theta.Max(Math.Abs), cPlus = 10 * (1 + largest / Eta);
        var random = Enumerable.Range(0, layout.Width).Select(_ => rng.NextUniform(0.3, 3)).ToArray();
        var rescaled = new (string Name, TwoLayerNetwork Network)[]
        {
            ("random c_j ~ U[0.3, 3]", PerNeuronRescaling.Apply(network, random)),
            ($"c_j = c+ = {Numbers.Format(cPlus, 4)}", PerNeuronRescaling.Apply(network, Enumerable.Repeat(cPlus, layout.Width).ToArray())),
        };
        var h0 = DenseHessian.Compute(network, c.Data);
        bool IsBias(int p) => p % layout.NeuronBlock == layout.InputDimension;
        var b = new EvidenceBuilder().Parameter("network", c.Label + ", interpolating, balanced")
            .Parameter("rescalings", $"c_j ~ U[0.3, 3]; c_j = c+ = 10(1 + max|θ|/η) = {Numbers.Format(cPlus, 4)}")
            .Parameter("eta", Numbers.Format(Eta));
        var table = b.Table("Invariance under rescaling", "quantity", "rescaling", "at theta", "at D theta", "rel. difference");
        double adaptive = 0;
        var changes = new Dictionary<string, double>();
        foreach (var (name, scaled) in rescaled)
        {
            var h1 = DenseHessian.Compute(scaled, c.Data);
            bool large = !ReferenceEquals(scaled, rescaled[0].Network);
            double Row(string quantity, double v0, double v1)
            {
                double diff = Descriptive.RelativeError(v1, v0);
                table.Row(quantity, name, Numbers.Format(v0), Numbers.Format(v1), Numbers.Error(diff));
                return diff;
            }
            double dTrace = Row("Tr H", h0.Trace(), h1.Trace());
            double dLmax = Row("lambda_max(H)", h0.Eigenvalues()[^1], h1.Eigenvalues()[^1]);
            if (large)
            {
                changes["Tr H"] = dTrace;
                changes["lambda_max(H)"] = dLmax;
            }
            foreach (var variant in new[] { AdaptiveScaling.Absolute, AdaptiveScaling.ShiftedAbsolute, AdaptiveScaling.BiasesExcluded })
            {
                var a0 = AdaptiveSharpness.ScaledHessian(h0, AdaptiveSharpness.Scaling(network.Parameters, variant, IsBias, Eta));
                var a1 = AdaptiveSharpness.ScaledHessian(h1, AdaptiveSharpness.Scaling(scaled.Parameters, variant, IsBias, Eta));
                string label = variant switch
                {
                    AdaptiveScaling.Absolute => "|theta|",
                    AdaptiveScaling.ShiftedAbsolute => "|theta| + eta",
                    _ => "|theta|, biases excluded"
                };
                Row($"Tr H~ ({label})", a0.Trace(), a1.Trace());
                Row($"lambda_max(H~) ({label})", a0.Eigenvalues()[^1], a1.Eigenvalues()[^1]);
                double entries = Descriptive.MaxRelativeDifference(a1.Matrix, a0.Matrix);
                table.Row($"entries of H~ ({label})", name, "-", "-", Numbers.Error(entries));
                double diagonal = LargestDiagonalChange(a0, a1);
                table.Row($"largest relative change of a diagonal entry of H~ ({label})", name, "-", "-", Numbers.Error(diagonal));
                if (variant == AdaptiveScaling.Absolute) adaptive = Math.Max(adaptive, Math.Max(entries, diagonal));
                else if (large) changes[label] = diagonal;
            }
        }
        var (slopes, quadratic) = Expansion(b, network, c.Data, h0, theta, rng);
        double medianSlope = Descriptive.Median(slopes);
        b.ErrorMetric("adaptiveEntryDifference", adaptive)
         .Metric("rawTraceChange", changes["Tr H"], 3).Metric("rawLambdaMaxChange", changes["lambda_max(H)"], 3)
         .Metric("shiftedEntryDifference", changes["|theta| + eta"], 3)
         .Metric("biasExcludedEntryDifference", changes["|theta|, biases excluded"], 3)
         .Metric("medianExpansionSlope", medianSlope, 3)
         .ErrorMetric("expansionQuadraticCoefficient", quadratic);
        b.Criterion(Criterion.Error("entries of H~ (T = |θ|): largest relative difference under both rescalings", adaptive, 1e-9))
         .Criterion(Criterion.Exact("Tr H: relative change under c+ (≥ 49 at a balanced θ)", changes["Tr H"], Region.Above(Change), 4))
         .Criterion(Criterion.Exact("λ_max(H): relative change under c+ (≥ c+²/8 − 1 ≥ 11.5)", changes["lambda_max(H)"], Region.Above(Change), 4))
         .Criterion(Criterion.Exact("H~ (T = |θ| + η): largest relative change of a diagonal entry under c+ (≥ 99)",
             changes["|theta| + eta"], Region.Above(Change), 4))
         .Criterion(Criterion.Exact("H~ (biases excluded): largest relative change of a diagonal entry under c+ (≥ 1 − c+⁻² ≥ 0.99)",
             changes["|theta|, biases excluded"], Region.Above(Change), 4))
         .Criterion(Criterion.Error("expansion: largest |c₂| / (½uᵀ|θ|H|θ|u) over 5 directions (the ρ² term of L(θ+δ) − L(θ) − ½δᵀHδ)", quadratic, 1e-6));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"H~ with T = |θ| is invariant to {Numbers.Error(adaptive)} while Tr H, " +
            $"λ_max(H) and the +η and bias-excluded variants change by {Numbers.Format(changes.Values.Min(), 3)} or more under c+; " +
            $"the expansion error has no ρ² term ({Numbers.Error(quadratic)}) and slope {Numbers.Format(medianSlope, 3)} in ρ.",
            $"adaptive diff {Numbers.Error(adaptive)}; raw Tr change {Numbers.Format(changes["Tr H"], 3)}");
    }

    /// <summary>maxᵢ |a1ᵢᵢ − a0ᵢᵢ| / |a0ᵢᵢ| over the non-zero diagonal entries of a0.</summary>
    private static double LargestDiagonalChange(DenseSymmetricOperator a0, DenseSymmetricOperator a1)
    {
        double worst = 0;
        for (int i = 0; i < a0.Dimension; i++)
            if (a0[i, i] != 0) worst = Math.Max(worst, Descriptive.RelativeError(a1[i, i], a0[i, i]));
        return worst;
    }

    /// <summary>The second-order expansion along 5 adaptive directions: the fitted log–log slopes of |E(ρ)| (reported) and
    /// the largest |c₂|/q, c₂ the ρ² coefficient of E(ρ) (least squares of E/ρ² on 1, ρ, ρ²) and q = ½uᵀ|θ|H|θ|u.</summary>
    private static (List<double> Slopes, double Quadratic) Expansion(EvidenceBuilder b, TwoLayerNetwork network, Dataset data,
        DenseSymmetricOperator h, double[] theta, Rng rng)
    {
        var slopes = new List<double>();
        double worst = 0;
        var expansion = b.Table("Second-order expansion error E = |L(theta + delta) - L(theta) - delta'H delta / 2|", "direction",
            "rho = 1e-3", "rho = 5e-4", "rho = 2.5e-4", "c2 / q (rho^2 coefficient)");
        double l0 = FiniteDifferences.Loss(network, data, LossConvention.Mse);
        for (int dir = 0; dir < 5; dir++)
        {
            var u = new double[theta.Length];
            rng.FillGaussian(u);
            double norm = Math.Sqrt(u.Sum(v => v * v));
            var direction = theta.Select((t, i) => Math.Abs(t) * u[i] / norm).ToArray();
            var hd = new double[direction.Length];
            h.Multiply(direction, hd);
            double q = 0.5 * direction.Zip(hd, (x, y) => x * y).Sum();
            var errors = new double[Radii.Length];
            for (int r = 0; r < Radii.Length; r++)
            {
                double rho = Radii[r];
                double l1 = FiniteDifferences.Loss(network.WithParameters(theta.Select((t, i) => t + rho * direction[i]).ToArray()), data, LossConvention.Mse);
                errors[r] = l1 - l0 - rho * rho * q;
            }
            var coefficients = MathNet.Numerics.Fit.Polynomial(Radii, errors.Select((e, r) => e / (Radii[r] * Radii[r])).ToArray(), 2);
            double ratio = Math.Abs(coefficients[0]) / Math.Abs(q);
            worst = Math.Max(worst, double.IsNaN(ratio) ? double.PositiveInfinity : ratio);
            var rate = b.Rate($"log error vs log rho, direction {dir + 1}", Radii.Select(r => Math.Log(r)).ToArray(),
                errors.Select(e => Math.Log(Math.Abs(e))).ToArray(), "3 (O(rho^3)); reported");
            slopes.Add(rate.Slope);
            expansion.Row(Numbers.Count(dir + 1), Numbers.Format(Math.Abs(errors[0]), 3), Numbers.Format(Math.Abs(errors[2]), 3),
                Numbers.Format(Math.Abs(errors[4]), 3), Numbers.Error(ratio));
        }
        return (slopes, worst);
    }
}
