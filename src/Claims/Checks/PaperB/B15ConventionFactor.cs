using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-15: λ_max(∇²MSE) = 2λ_max(∇²L) with L = (1/(2n))Σr², so the threshold 2/η reads 4/η for plain MSE.</summary>
internal sealed class B15ConventionFactor : Claim
{
    public override string Id => "B-15";
    public override string Title => "lambda_max of the plain-MSE Hessian is twice that of the 1/(2n) loss";
    public override Paper Paper => Paper.B;
    public override Provenance Provenance => Provenance.Paper;
    public override ClaimKind Kind => ClaimKind.ExactNumeric;
    public override string Statement =>
        @"With $\hat R=\frac1n\sum_i(f(x_i)-y_i)^2=2\mathcal L$: $\lambda_{\max}(\nabla^2\hat R)=2\lambda_{\max}(\nabla^2\mathcal L)$, so the stability threshold $\lambda_{\max}(\nabla^2\mathcal L)\le2/\eta$ reads $\lambda_{\max}(\nabla^2\mathrm{MSE})\le4/\eta$.";
    public override string Method =>
        "Random ReLU networks with hidden and output biases (n = 40, d = 3, m = 8), at and away from interpolation; λ_max by " +
        "Lanczos on the exact Hessian-vector product under both conventions; the ratio must be 2 to 10⁻¹².";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder();
        var table = b.Table("lambda_max under both conventions", "case", "lambda_max (mse)", "lambda_max (half-mse)", "ratio");
        double worst = 0;
        foreach (bool interpolate in new[] { false, true })
            for (int rep = 0; rep < 3; rep++)
            {
                var c = CaseFactory.Make(new Relu(), true, true, interpolate, 40, 3, 8, rng);
                double mse = Lanczos.Extremes(HessianOperator.Create(c.Network, c.Data, LossConvention.Mse)).LambdaMax;
                double half = Lanczos.Extremes(HessianOperator.Create(c.Network, c.Data, LossConvention.HalfMse)).LambdaMax;
                worst = Math.Max(worst, CaseFactory.RelativeError(mse / half, 2));
                table.Row(c.Label + (interpolate ? ", interpolating" : ""), Numbers.Format(mse), Numbers.Format(half), Numbers.Format(mse / half, 12));
            }
        b.ErrorMetric("maxRatioError", worst);
        return b.Decide(worst < 1e-12, VerdictMethod.ExactNumerics,
            $"the ratio is 2 to {Numbers.Error(worst)} in all {table.Count} cases.",
            $"the ratio misses 2 by {Numbers.Error(worst)}.",
            $"ratio error {Numbers.Error(worst)}");
    }
}
