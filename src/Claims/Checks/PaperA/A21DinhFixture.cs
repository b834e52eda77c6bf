using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-21: the Dinh one-neuron fixture (spec F5).</summary>
internal sealed class A21DinhFixture() : Claim("A-21")
{
    public override string Title => "Dinh one-neuron fixture: Tr = lambda_max = (2/nu)(c^2 + c^-2), lambda_min = 0";
    public override IReadOnlyList<string> DependsOn => ["A-34"];
    public override string Statement =>
        @"$f(x)=a\,\mathrm{relu}(wx)$, one sample $(1,1)$, on the orbit $(w,a)=(c,1/c)$: $H=\frac2\nu\begin{pmatrix}a^2&aw\\aw&w^2\end{pmatrix}$, " +
        @"$\mathrm{Tr}H=\lambda_{\max}=\frac2\nu(c^2+c^{-2})\ge\frac4\nu$ with equality iff $c=1$, $\lambda_{\min}=0$, and $f$ is the same for every $c$.";
    public override string Method =>
        "For c ∈ {0.1, 1, 10} and ν ∈ {1, 2}: the analytic dense Hessian, the finite-difference Hessian (central differences " +
        "of the exact gradient, h = 10⁻⁶) and its eigenvalues; f(1) must stay 1 to 10⁻¹², the trace and λ_max must equal " +
        "(2/ν)(c² + c⁻²) to 10⁻¹², λ_min must be 0 to 10⁻¹²·λ_max, and finite differences must agree to 10⁻⁶.";

    public override Evidence Check(ClaimContext context)
    {
        var b = new EvidenceBuilder().Parameter("orbit", "(w, a) = (c, 1/c)").Parameter("sample", "(x, y) = (1, 1)");
        var table = b.Table("Fixture", "c", "nu", "Tr H", "(2/nu)(c^2 + c^-2)", "lambda_max", "lambda_min", "max FD difference", "f(1)");
        double worst = 0, worstFd = 0;
        var data = new Dataset([1.0], [1.0], 1);
        foreach (double c in new[] { 0.1, 1.0, 10.0 })
            foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
            {
                var net = TwoLayerNetwork.FromWeights(new Relu(), [1 / c], [[c]]);
                var h = DenseHessian.Compute(net, data, loss);
                var fd = FiniteDifferences.Hessian(net, data, loss, 1e-6);
                var eig = h.Eigenvalues();
                double expected = 2.0 / loss.Nu() * (c * c + 1 / (c * c));
                double fdDiff = Descriptive.MaxRelativeDifference(fd, h.Matrix);
                double f = net.Evaluate([1.0]);
                worst = Math.Max(worst, Math.Max(Descriptive.RelativeError(h.Trace(), expected), Descriptive.RelativeError(eig[1], expected)));
                worst = Math.Max(worst, Math.Max(Math.Abs(eig[0]) / eig[1], Math.Abs(f - 1)));
                worstFd = Math.Max(worstFd, fdDiff);
                table.Row(Numbers.Format(c), CaseFactory.Nu(loss), Numbers.Format(h.Trace()), Numbers.Format(expected), Numbers.Format(eig[1]),
                    Numbers.Error(eig[0]), Numbers.Error(fdDiff), Numbers.Format(f, 12));
            }
        var cs = Enumerable.Range(0, 41).Select(i => Math.Pow(10, -1 + 0.05 * i)).ToArray();
        var traces = cs.Select(c => HessianTrace.Compute(TwoLayerNetwork.FromWeights(new Relu(), [1 / c], [[c]]), data, LossConvention.HalfMse).Trace)
            .ToArray();
        b.Figure(new Figure("orbit", "Dinh fixture: trace along (w, a) = (c, 1/c), nu = 2", "log10 c", "Tr Hessian",
            [new Series("exact trace", cs.Select(Math.Log10).ToArray(), traces, SeriesStyle.Markers),
             new Series("c^2 + c^-2", cs.Select(Math.Log10).ToArray(), cs.Select(c => c * c + 1 / (c * c)).ToArray(), SeriesStyle.Line)],
            "The same function at every c; the trace is minimal (= 2) only at the balanced point c = 1.",
            HorizontalLines: [("minimum 2", 2.0)], VerticalLines: [("c = 1", 0.0)]));
        b.ErrorMetric("maxRelativeError", worst).ErrorMetric("maxFiniteDifferenceError", worstFd);
        b.Criterion(Criterion.Error("largest relative error of Tr H and λ_max against (2/ν)(c² + c⁻²), |λ_min|/λ_max and |f(1) − 1|", worst, 1e-12))
         .Criterion(Criterion.Error("largest relative difference, analytic vs finite-difference Hessian", worstFd, 1e-6));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"trace, λ_max, λ_min and f match the fixture's closed forms to {Numbers.Error(worst)} at c = 0.1, 1, 10 for both ν; " +
            $"finite differences agree to {Numbers.Error(worstFd)}.",
            $"max rel. error {Numbers.Error(worst)}");
    }
}
