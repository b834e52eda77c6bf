using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-15: λ_max(∇²MSE) = 2λ_max(∇²L) with L = (1/(2n))Σr², so the threshold 2/η reads 4/η for plain MSE.</summary>
internal sealed class B15ConventionFactor() : Claim("B-15")
{
    public override string Title => "lambda_max of the plain-MSE Hessian is twice that of the 1/(2n) loss";
    public override string Statement =>
        @"With $\hat R=\frac1n\sum_i(f(x_i)-y_i)^2=2\mathcal L$: $\lambda_{\max}(\nabla^2\hat R)=2\lambda_{\max}(\nabla^2\mathcal L)$, " +
        @"so the stability threshold $\lambda_{\max}(\nabla^2\mathcal L)\le2/\eta$ reads $\lambda_{\max}(\nabla^2\mathrm{MSE})\le4/\eta$.";
    public override string Method =>
        "Random ReLU networks with hidden and output biases (n = 40, d = 3, m = 8, P = 41), at and away from interpolation. " +
        "Independent reference for each convention: the finite-difference Hessian (central differences of the exact loss " +
        "gradient, h = 10⁻⁴) and its dense eigendecomposition. Under test: λ_max and λ_min by Lanczos on the Hessian–vector " +
        "product, and the dense analytic Hessian (`DenseHessian`). Criteria: the reference ratio λ_max(MSE)/λ_max(1/(2n)) is 2 " +
        "to 10⁻⁶ (it comes from the two losses' own definitions, not from a shared scale factor); Lanczos's λ_max and λ_min " +
        "match the reference to 10⁻⁶·max|λ| under both conventions; the dense Hessian matches the finite-difference Hessian " +
        "entrywise to 10⁻⁶ of its largest entry. Off interpolation the residual part of the Hessian is non-zero, so the HVP's " +
        "and the dense Hessian's residual parts are both tested; the Lanczos ratio is then 2 to 10⁻¹⁰.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("finite-difference step", "h = 1e-4 (central differences of the exact gradient)");
        var table = b.Table("lambda_max under both conventions vs the finite-difference reference", "case", "lambda_max (mse), Lanczos", "lambda_max (mse), FD",
            "lambda_max (half-mse), Lanczos", "lambda_max (half-mse), FD", "FD ratio", "Lanczos ratio",
            "max Lanczos error / max|lambda|", "dense vs FD Hessian");
        double worstRatioFd = 0, worstRatioLanczos = 0, worstLanczos = 0, worstDense = 0;
        foreach (bool interpolate in new[] { false, true })
            for (int rep = 0; rep < 3; rep++)
            {
                var c = CaseFactory.Make(new Relu(), true, true, interpolate, 40, 3, 8, rng);
                var lanczos = new double[2];
                var reference = new double[2];
                double lanczosError = 0, denseError = 0;
                var conventions = new[] { LossConvention.Mse, LossConvention.HalfMse };
                for (int v = 0; v < 2; v++)
                {
                    var fd = FiniteDifferences.Hessian(c.Network, c.Data, conventions[v]);
                    var eig = new DenseSymmetricOperator(fd, c.Network.Layout.Count).Eigenvalues();
                    var ext = Lanczos.Extremes(HessianOperator.Create(c.Network, c.Data, conventions[v]));
                    double scale = Math.Max(Math.Abs(eig[0]), Math.Abs(eig[^1]));
                    lanczosError = Math.Max(lanczosError, Math.Max(Math.Abs(ext.LambdaMax - eig[^1]), Math.Abs(ext.LambdaMin - eig[0])) / scale);
                    denseError = Math.Max(denseError, Descriptive.MaxRelativeDifference(DenseHessian.Compute(c.Network, c.Data, conventions[v]).Matrix, fd));
                    lanczos[v] = ext.LambdaMax;
                    reference[v] = eig[^1];
                }
                double ratioFd = reference[0] / reference[1], ratioLanczos = lanczos[0] / lanczos[1];
                worstRatioFd = Math.Max(worstRatioFd, Descriptive.RelativeError(ratioFd, 2));
                worstRatioLanczos = Math.Max(worstRatioLanczos, Descriptive.RelativeError(ratioLanczos, 2));
                worstLanczos = Math.Max(worstLanczos, lanczosError);
                worstDense = Math.Max(worstDense, denseError);
                table.Row(c.Label + (interpolate ? ", interpolating" : ""), Numbers.Format(lanczos[0]), Numbers.Format(reference[0]),
                    Numbers.Format(lanczos[1]), Numbers.Format(reference[1]), Numbers.Format(ratioFd, 9), Numbers.Format(ratioLanczos, 12),
                    Numbers.Error(lanczosError), Numbers.Error(denseError));
            }
        b.ErrorMetric("maxRatioErrorFiniteDifferences", worstRatioFd).ErrorMetric("maxRatioErrorLanczos", worstRatioLanczos)
         .ErrorMetric("maxLanczosError", worstLanczos).ErrorMetric("maxDenseHessianError", worstDense);
        b.Criterion(Criterion.Error("reference ratio lambda_max(MSE)/lambda_max(1/(2n)) against 2 (finite-difference Hessians, relative)", worstRatioFd, 1e-6));
        b.Criterion(Criterion.Error("Lanczos ratio against 2 (relative)", worstRatioLanczos, 1e-10));
        b.Criterion(Criterion.Error("Lanczos lambda_max and lambda_min against the reference's extremes (relative to max|lambda|)", worstLanczos, 1e-6));
        b.Criterion(Criterion.Error("dense Hessian against the finite-difference Hessian (entrywise, relative to the largest entry)", worstDense, 1e-6));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"in all {table.Count} cases the finite-difference reference gives λ_max(MSE)/λ_max(1/(2n)) = 2 to {Numbers.Error(worstRatioFd)}; " +
            $"Lanczos on the Hessian–vector product matches the reference extremes to {Numbers.Error(worstLanczos)} (ratio 2 " +
            $"to {Numbers.Error(worstRatioLanczos)}) and the dense Hessian matches it entrywise to {Numbers.Error(worstDense)}.",
            $"ratio error {Numbers.Error(worstRatioFd)} (FD); Lanczos err {Numbers.Error(worstLanczos)}");
    }
}
