using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Symmetries;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-19: permutations keep the trace and F*; for k = 1, a ↦ ta interpolates ty and scales F* by |t| (A-D6).</summary>
internal sealed class A19PermutationAndOutputScaling() : Claim("A-19")
{
    public override string Title => "Permutation invariance; F*(t a) = |t| F*(a) for k = 1";
    public override IReadOnlyList<string> DependsOn => ["A-24"];
    public override string Statement =>
        @"Permuting the neurons leaves $\mathrm{Tr}\,\nabla^2\hat L$ and $F^\star$ unchanged; for $k=1$, " +
        @"$a\mapsto ta$ gives an interpolator of $ty$ and $F^\star(ta)=|t|F^\star(a)$ ($F^\star$ is 1-homogeneous in $y$ for a fixed activation pattern).";
    public override string Method =>
        "Random interpolating networks (hidden biases, n = 8, d = 3, m = 5): a random permutation (`NeuronPermutation`) " +
        "must keep the trace and F* to 10⁻¹²; for the degree-1 activations and t ∈ {−2, 0.5, 3}, the network with output " +
        "weights ta must interpolate ty and have F* = |t|F* to 10⁻¹². So that no constant cancels in these ratios, every F* " +
        "(closed form) is also compared with the trace of the actually balanced network (`PerNeuronRescaling.Balance`) taken by " +
        "central second differences of the loss (h = 10⁻⁴), criterion 10⁻⁵.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder();
        var table = b.Table("Symmetries", "case", "operation", "rel. change of trace", "F* ratio", "expected", "rel. error");
        double worst = 0, worstFd = 0;
        var independent = b.Table("Closed-form F* vs the finite-difference trace of the balanced network", "case", "network", "F* (closed form)",
            "FD trace at balance", "rel. error");
        void Independent(string label, string what, TwoLayerNetwork net, Dataset data, double closed)
        {
            double fd = FiniteDifferences.Trace(PerNeuronRescaling.Balance(net, data), data, LossConvention.Mse);
            double e = Descriptive.RelativeError(closed, fd);
            worstFd = Math.Max(worstFd, e);
            independent.Row(label, what, Numbers.Format(closed), Numbers.Format(fd), Numbers.Error(e));
        }
        foreach (var act in CaseFactory.Activations)
        {
            var c = CaseFactory.Make(act, true, false, true, 8, 3, 5, rng);
            var perm = Enumerable.Range(0, 5).OrderBy(_ => rng.NextDouble()).ToArray();
            var permuted = NeuronPermutation.Apply(c.Network, perm);
            double t0 = HessianTrace.Compute(c.Network, c.Data).Trace, t1 = HessianTrace.Compute(permuted, c.Data).Trace;
            double f0 = OrbitMinimalTrace.Compute(c.Network, c.Data).Value!.Value, f1 = OrbitMinimalTrace.Compute(permuted, c.Data).Value!.Value;
            double e = Math.Max(Descriptive.RelativeError(t1, t0), Descriptive.RelativeError(f1, f0));
            worst = Math.Max(worst, e);
            table.Row(c.Label, "permutation " + string.Join("", perm), Numbers.Error(Descriptive.RelativeError(t1, t0)),
                Numbers.Format(f1 / f0), "1", Numbers.Error(e));
            Independent(c.Label, "original", c.Network, c.Data, f0);
            Independent(c.Label, "permuted", permuted, c.Data, f1);
            if (c.Degree != 1) continue;
            foreach (double t in new[] { -2.0, 0.5, 3.0 })
            {
                var theta = c.Network.Parameters.ToArray();
                for (int j = 0; j < 5; j++) theta[c.Network.Layout.OutputWeightIndex(j)] *= t;
                var scaled = c.Network.WithParameters(theta);
                var data = c.Data.WithTargets(c.Data.Targets.ToArray().Select(y => t * y).ToArray());
                double residual = scaled.Predict(data).Zip(data.Targets.ToArray(), (u, v) => Math.Abs(u - v)).Max();
                double ft = OrbitMinimalTrace.Compute(scaled, data).Value!.Value;
                double et = Math.Max(Descriptive.RelativeError(ft, Math.Abs(t) * f0), residual);
                worst = Math.Max(worst, et);
                table.Row(c.Label, $"a -> {Numbers.Format(t)} a", "-", Numbers.Format(ft / f0), Numbers.Format(Math.Abs(t)), Numbers.Error(et));
                Independent(c.Label, $"a -> {Numbers.Format(t)} a", scaled, data, ft);
            }
        }
        b.ErrorMetric("maxRelativeError", worst).ErrorMetric("maxClosedFormVsFiniteDifferences", worstFd);
        b.Criterion(Criterion.Error("largest relative error of the symmetries (trace and F* under permutation; F*(t a) = |t| F*(a) and the residual of t y)",
            worst, 1e-12))
         .Criterion(Criterion.Error("largest relative error, closed-form F* vs finite-difference trace of the balanced network", worstFd, 1e-5));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"permutations keep trace and F*, and output scaling by t scales F* by |t|, all to {Numbers.Error(worst)}; " +
            $"every closed-form F* equals the finite-difference trace of the balanced network to {Numbers.Error(worstFd)}.",
            $"max rel. error {Numbers.Error(worst)}");
    }
}
