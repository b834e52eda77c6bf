using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-03: per-neuron rescaling keeps f and maps (Pⱼ, Qⱼ) to (cⱼ^{2k}Pⱼ, cⱼ^{−2}Qⱼ) (spec F2).</summary>
internal sealed class A03RescalingInvariance() : Claim("A-03")
{
    public override string Title => "Rescaling keeps f and scales (P_j, Q_j) by (c_j^2k, c_j^-2)";
    public override IReadOnlyList<string> DependsOn => ["A-24", "A-25"];
    public override string Statement =>
        @"For $c_j>0$, $(a_j,\tilde w_j)\mapsto(c_j^{-k}a_j,c_j\tilde w_j)$ leaves $f$ unchanged everywhere, and $P_j\mapsto c_j^{2k}P_j$, " +
        @"$Q_j\mapsto c_j^{-2}Q_j$, so the trace of the rescaled network is $\frac{2}{\nu n}\sum_j(c_j^{2k}P_j+c_j^{-2}Q_j)$.";
    public override string Method =>
        "Random interpolating networks with hidden biases; cⱼ uniform in [0.3, 3]. Measures max|Δf| over the samples " +
        "(relative to max(1, |f|)), the per-neuron ratios P'ⱼ/Pⱼ and Q'ⱼ/Qⱼ against cⱼ^{2k} and cⱼ^{−2}, and the " +
        "finite-difference trace of the rescaled network (h = 10⁻⁴) against the formula. Criteria: 10⁻¹² for f, 10⁻⁵ for the traces.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder()
            .Parameter("sizes", "n = 6, d = 3, m = 4, hidden biases, interpolating, nu = 1")
            .Parameter("rescaling", "c_j ~ U[0.3, 3]");
        var table = b.Table("Rescaled networks", "case", "max |delta f|", "max rel. error of P and Q scaling", "formula trace",
            "finite-difference trace", "rel. error");
        double worstF = 0, worstPq = 0, worstTrace = 0;
        foreach (var act in CaseFactory.Activations)
            for (int rep = 0; rep < 2; rep++)
            {
                var c = CaseFactory.Make(act, true, false, true, 6, 3, 4, rng);
                int k = c.Degree;
                var factors = Enumerable.Range(0, 4).Select(_ => rng.NextUniform(0.3, 3)).ToArray();
                var scaled = PerNeuronRescaling.Apply(c.Network, factors);
                var f0 = c.Network.Predict(c.Data);
                var f1 = scaled.Predict(c.Data);
                double df = f0.Zip(f1, (u, v) => Math.Abs(u - v) / Math.Max(1, Math.Abs(u))).Max();
                var t0 = HessianTrace.Compute(c.Network, c.Data);
                var t1 = HessianTrace.Compute(scaled, c.Data);
                double pq = 0, formula = 0;
                for (int j = 0; j < 4; j++)
                {
                    double cp = Math.Pow(factors[j], 2 * k), cq = 1 / (factors[j] * factors[j]);
                    if (t0.P[j] > 0) pq = Math.Max(pq, Descriptive.RelativeError(t1.P[j], cp * t0.P[j]));
                    if (t0.Q[j] > 0) pq = Math.Max(pq, Descriptive.RelativeError(t1.Q[j], cq * t0.Q[j]));
                    formula += cp * t0.P[j] + cq * t0.Q[j];
                }
                formula *= t0.Scale;
                double fd = FiniteDifferences.Trace(scaled, c.Data, LossConvention.Mse);
                double et = Descriptive.RelativeError(formula, fd);
                worstF = Math.Max(worstF, df);
                worstPq = Math.Max(worstPq, pq);
                worstTrace = Math.Max(worstTrace, et);
                table.Row(c.Label, Numbers.Error(df), Numbers.Error(pq), Numbers.Format(formula), Numbers.Format(fd), Numbers.Error(et));
            }
        b.ErrorMetric("maxFunctionChange", worstF).ErrorMetric("maxScalingError", worstPq).ErrorMetric("maxTraceError", worstTrace);
        b.Criterion(Criterion.Error("largest change of f on the samples, relative to max(1, |f|)", worstF, 1e-12))
         .Criterion(Criterion.Error("largest relative error of P'_j = c_j^2k P_j and Q'_j = c_j^-2 Q_j", worstPq, 1e-10))
         .Criterion(Criterion.Error("largest relative error, formula trace vs finite-difference trace of the rescaled network", worstTrace, 1e-5));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"f changes by at most {Numbers.Error(worstF)}, P and Q scale as predicted to {Numbers.Error(worstPq)}, " +
            $"and the formula trace matches finite differences to {Numbers.Error(worstTrace)}.",
            $"max |df| {Numbers.Error(worstF)}, trace err {Numbers.Error(worstTrace)}");
    }
}
