using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Variation;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-05: a network whose neurons never fire on the data has ∇²L = e_β e_βᵀ, is flat iff η ≤ 2, and has
/// empirical |f|_{V_g} = 0, whatever its output weights (Proposition I.2).</summary>
internal sealed class B05EmptyDataNetwork() : Claim("B-05")
{
    public override string Title => "Neurons silent on the data: Hessian e_beta e_beta^T, flat iff eta <= 2, |f|_Vg = 0";
    public override IReadOnlyList<string> DependsOn => ["B-25"];
    public override string Statement =>
        @"If no neuron is active on any $x_i$, then $\nabla f(x_i)=e_\beta$ and $\nabla^2f(x_i)=0$, so $\nabla^2\mathcal L=e_\beta e_\beta^\top$ for any " +
        @"residuals and output weights (Proposition I.2: $\lambda_{\max}=1$ when $f_\theta(x_i)=y_i=0$): the point is linearly stable for every $\eta\le2$, " +
        @"and the empirical weighted path norm is $0$ — even with output weights of $10^6$.";
    public override string Method =>
        "x ~ Unif(B^d₁), n = 50, d ∈ {2, 3, 5}; K = 6 neurons with unit directions and thresholds beyond the ball " +
        "(wᵀx + b ≤ 1 − 1.2 < 0), output weights ±10⁶, β = 0, y ≡ 0, ν = 2 (paper B's 1/(2n)). The dense Hessian must equal " +
        "e_β e_βᵀ entrywise to 10⁻¹⁵; λ_max = 1, so 2/λ_max = 2; the plug-in weighted path norm must be exactly 0.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("samples", "n = 50, x ~ Unif(B^d_1)").Parameter("neurons", "K = 6, |w| = 1, b = -1.2, |v_k| = 1e6");
        var table = b.Table("Silent networks", "d", "max |H - e_beta e_beta^T|", "lambda_max", "max stable eta = 2/lambda_max", "weighted path norm");
        double worst = 0, pathNorm = 0, worstEta = 0;
        foreach (int d in new[] { 2, 3, 5 })
        {
            var layout = new ParameterLayout(6, d, true, true);
            var theta = new double[layout.Count];
            for (int j = 0; j < 6; j++)
            {
                var u = UniformSampling.Sphere(d, rng);
                int o = layout.NeuronOffset(j);
                for (int t = 0; t < d; t++) theta[o + t] = u[t];
                theta[o + d] = -1.2;
                theta[layout.OutputWeightIndex(j)] = rng.NextRademacher() * 1e6;
            }
            var net = new TwoLayerNetwork(new Relu(), layout, theta);
            var x = new double[50 * d];
            for (int i = 0; i < 50; i++) UniformSampling.Ball(d, rng).CopyTo(x, i * d);
            var data = new Dataset(x, new double[50], d);
            var h = DenseHessian.Compute(net, data, LossConvention.HalfMse);
            double dev = 0;
            for (int i = 0; i < h.Dimension; i++)
                for (int j = 0; j < h.Dimension; j++)
                    dev = Math.Max(dev, Math.Abs(h[i, j] - (i == layout.OutputBiasIndex && j == i ? 1.0 : 0.0)));
            double lmax = h.Eigenvalues()[^1];
            double pn = WeightedPathNorm.Compute(net, data);
            worst = Math.Max(worst, dev);
            pathNorm = Math.Max(pathNorm, Math.Abs(pn));
            worstEta = Math.Max(worstEta, Math.Abs(2 / lmax - 2));
            table.Row(Numbers.Count(d), Numbers.Error(dev), Numbers.Format(lmax, 12), Numbers.Format(2 / lmax, 12), Numbers.Format(pn));
        }
        b.ErrorMetric("maxHessianDeviation", worst).Metric("maxPathNorm", pathNorm).ErrorMetric("stableStepDeviation", worstEta);
        b.Criterion(Criterion.Exact("largest entrywise |H - e_beta e_beta^T| of the dense Hessian", worst, Region.Below(1e-15), 2));
        b.Criterion(Criterion.Exact("largest |2/lambda_max - 2| (stable for every eta <= 2 and no larger)", worstEta, Region.Below(1e-14), 2));
        b.Criterion(Criterion.Exact("largest |weighted path norm| with the empirical weight (must be exactly 0)", pathNorm, Region.Between(0, 0)));
        return b.Decide(VerdictMethod.ExactNumerics,
            "with output weights of 1e6 the Hessian is exactly e_β e_βᵀ (λ_max = 1, stable for every η ≤ 2) and the weighted path norm is exactly 0.",
            $"|H - e e'| {Numbers.Error(worst)}, path norm {Numbers.Format(pathNorm)}");
    }
}
