using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-01: at interpolators Tr ∇²L̂_ν = 2/(νn) Σⱼ(Pⱼ + Qⱼ) (spec F1).</summary>
internal sealed class A01TraceIdentityAtInterpolators() : Claim("A-01")
{
    private const double Tolerance = 1e-5;
    public override string Title => "Hessian-trace identity at interpolators";
    public override IReadOnlyList<string> DependsOn => ["A-32"];
    public override string Statement =>
        @"At an interpolator ($r\equiv0$), $\mathrm{Tr}\,\nabla^2\hat L_\nu=\frac{2}{\nu n}\sum_j(P_j+Q_j)$ with $P_j=\sum_i\sigma(z_{ij})^2$ and " +
        @"$Q_j=a_j^2\sum_i\sigma'(z_{ij})^2\|\tilde x_i\|^2$, for every degree-$k$ homogeneous activation ($k=1,2,3$).";
    public override string Method =>
        "Random Gaussian θ and inputs (kept at least 0.05 away from every kink), targets yᵢ := f(xᵢ; θ). The closed form " +
        "(`HessianTrace`, the Gauss–Newton part 2/(νn)Σ(Pⱼ+Qⱼ)) is compared with the sum of central second differences " +
        "of the loss, (L(θ+heₚ) − 2L(θ) + L(θ−heₚ))/h² with h = 10⁻⁴, the loss evaluated with plain loops. " +
        "Criterion: relative error below 10⁻⁵ in every case.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder()
            .Parameter("activations", "relu, leaky_relu(0.2), abs, relu_power(2), relu_power(3)")
            .Parameter("sizes", "n = 6, d = 3, m = 4; with and without hidden biases; nu = 1 and 2")
            .Parameter("finite-difference step", "h = 1e-4")
            .Parameter("tolerance", "relative error < 1e-5");
        var table = b.Table("Closed form vs finite differences at interpolators", "case", "nu", "2/(nu n) sum(P+Q)", "finite differences", "rel. error");
        double worst = 0;
        string worstCase = "";
        foreach (var act in CaseFactory.Activations)
            foreach (bool bias in new[] { false, true })
                foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
                {
                    var c = CaseFactory.Make(act, bias, false, true, 6, 3, 4, rng);
                    var t = HessianTrace.Compute(c.Network, c.Data, loss);
                    double fd = FiniteDifferences.Trace(c.Network, c.Data, loss);
                    double err = Descriptive.RelativeError(t.GaussNewtonTrace, fd);
                    if (err > worst) { worst = err; worstCase = c.Label; }
                    table.Row(c.Label, CaseFactory.Nu(loss), Numbers.Format(t.GaussNewtonTrace), Numbers.Format(fd), Numbers.Error(err));
                }
        b.Metric("cases", table.Count).ErrorMetric("maxRelativeError", worst);
        b.Criterion(Criterion.Error($"largest relative error, closed form vs finite differences ({table.Count} cases; worst: {worstCase})", worst, Tolerance));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"in all {table.Count} cases the closed form matches finite differences (largest relative error {Numbers.Error(worst)} < 1e-5).",
            $"max rel. error {Numbers.Error(worst)} over {table.Count} cases");
    }
}
