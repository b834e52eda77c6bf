using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Statistics;
using MathNet.Numerics.Distributions;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-50: for the smooth activations (GELU, GELU-tanh, SiLU, tanh) the exact curvature — σ'' itself, the trace with
/// its residual term, λ_max and λ_min — agrees with finite-difference references off interpolation.</summary>
internal sealed class A50SmoothActivationCurvature() : Claim("A-50")
{
    private const double SecondDerivativeTolerance = 1e-7;
    private const double GradientFdTolerance = 1e-6;
    private const double LossFdTolerance = 1e-4;
    private const double GeluReferenceTolerance = 1e-13;
    private static readonly string[] Names = ["gelu", "gelu_tanh", "silu", "tanh"];
    private static readonly double[] Points = [-30, -6, -2.5, -1, -0.3, 0, 0.2, 0.7, 1.5, 3, 8];

    public override string Title => "Smooth activations: exact curvature with the residual term against finite differences";
    public override string Statement =>
        @"For $\sigma\in\{$GELU (erf), GELU (tanh), SiLU, tanh$\}$, where $\sigma''\ne0$ almost everywhere, the Hessian of $\hat L_\nu$ is the Gauss–Newton " +
        @"part plus the residual term $\frac2{\nu n}\sum_ir_i\nabla^2_\theta f(x_i)$ at every $\theta$, and the suite's exact trace, $\lambda_{\max}$ and " +
        @"$\lambda_{\min}$ (the closed form, the dense Hessian and Lanczos on the exact Hessian-vector product) are those of the true Hessian.";
    public override string Method =>
        "σ'' at 11 points from −30 to 8 against the central difference of σ' (h = 10⁻⁵, relative error below 10⁻⁷ on the scale " +
        "max(1, |σ''|)). For each activation, 3 random networks (n = 8, d = 3, m = 5, hidden and output biases, N(0, 1) weights) with " +
        "random N(0, 1) targets (not interpolated, so the residual term is present), ν = 1 and 2: the exact trace (closed form), the " +
        "dense exact Hessian's extreme eigenvalues and Lanczos's λ_max, λ_min against the dense Hessian from central differences of the " +
        "analytic gradient (which uses σ' but not σ'', h = 10⁻⁴; errors on the scale of its largest |eigenvalue|, below 10⁻⁶) and against " +
        "the dense Hessian from second differences of the loss (σ alone, below 10⁻⁴). The share of the residual term in the trace is " +
        "reported, and the Gauss–Newton trace alone is shown to miss. The span path (`Activation.Evaluate` over a row of " +
        $"{SpanGridSize} values from −40 to 40 with the series boundaries 1, 2, 4, 8, 39 and their neighbours, so GELU goes through its " +
        "vector kernel) against the scalar σ, σ', σ'' bit for bit, and GELU's σ = zΦ, σ' = Φ + zφ, σ'' = φ(2 − z²) against Φ and φ " +
        "from MathNet (erfc), an independent implementation (below 10⁻¹³ on the scale max(1, |value|)).";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("activations", string.Join(", ", Names))
            .Parameter("sizes", "n = 8, d = 3, m = 5, biases, random N(0,1) targets; nu = 1, 2")
            .Parameter("finite-difference steps", "sigma'': h = 1e-5 on sigma'; Hessian: h = 1e-4 on the gradient and on the loss");
        var sig = b.Table("sigma'' against the central difference of sigma'", "activation", "largest error (scale max(1, |sigma''|))", "at z");
        var table = b.Table("Curvature against finite-difference Hessians", "activation", "nu", "trace (exact)", "residual share", "GN alone: rel. miss",
            "trace vs FD-gradient", "lambda_max vs FD-gradient", "lambda_min vs FD-gradient", "Lanczos vs FD-gradient", "FD-loss: worst");
        double worstSigma = 0, worstGrad = 0, worstLoss = 0, smallestMiss = double.PositiveInfinity;
        foreach (string name in Names)
        {
            var act = Activation.Create(name);
            double worst = 0, at = 0;
            foreach (double z in Points)
            {
                const double h = 1e-5;
                double fd = (act.Derivative(z + h) - act.Derivative(z - h)) / (2 * h), exact = act.SecondDerivative(z);
                double e = Math.Abs(exact - fd) / Math.Max(1, Math.Abs(exact));
                if (e > worst) { worst = e; at = z; }
            }
            worstSigma = Math.Max(worstSigma, worst);
            sig.Row(name, Numbers.Error(worst), Numbers.Format(at));
            for (int rep = 0; rep < 3; rep++)
                foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
                {
                    var c = CaseFactory.Make(act, true, true, false, 8, 3, 5, rng);
                    var r = Compare(c.Network, c.Data, loss);
                    worstGrad = Math.Max(worstGrad, r.GradientFd);
                    worstLoss = Math.Max(worstLoss, r.LossFd);
                    smallestMiss = Math.Min(smallestMiss, r.GaussNewtonMiss);
                    table.Row(name, CaseFactory.Nu(loss), Numbers.Format(r.Trace), Numbers.Format(r.ResidualShare, 3), Numbers.Format(r.GaussNewtonMiss, 3),
                        Numbers.Error(r.TraceError), Numbers.Error(r.MaxError), Numbers.Error(r.MinError),
                        Numbers.Error(r.LanczosError), Numbers.Error(r.LossFd));
                }
        }
        var (mismatches, geluError, _) = SpanPath(b);
        b.ErrorMetric("maxSecondDerivativeError", worstSigma).ErrorMetric("maxErrorVsGradientDifferences", worstGrad)
         .ErrorMetric("maxErrorVsLossDifferences", worstLoss).ErrorMetric("geluRowVsMathNet", geluError).Metric("smallestGaussNewtonMiss", smallestMiss, 3);
        b.Criterion(Criterion.Error("sigma'' vs the central difference of sigma' (every activation, 11 points)", worstSigma, SecondDerivativeTolerance));
        b.Criterion(Criterion.Error("trace, lambda_max, lambda_min (closed form, dense, Lanczos) vs the Hessian of gradient differences",
            worstGrad, GradientFdTolerance));
        b.Criterion(Criterion.Error("the same vs the Hessian of loss differences (sigma alone)", worstLoss, LossFdTolerance));
        b.Criterion(Criterion.Condition("the span path (GELU's vector kernel) equals the scalar sigma, sigma', sigma'' bit for bit", mismatches == 0,
            $"{mismatches} of {3 * SpanGridSize * Names.Length} values differ"));
        b.Criterion(Criterion.Error("GELU sigma, sigma', sigma'' over a row vs MathNet's Phi and phi", geluError, GeluReferenceTolerance));
        b.Note("Why two references: central differences of the analytic gradient rest on σ' but never on σ'', so a fault in σ'' " +
               "shows against them; second differences of the loss rest on σ alone, so a fault shared by σ' and σ'' shows there. The " +
               "Gauss–Newton trace alone is reported to show the residual term is there to be checked (its relative miss); it does not " +
               "decide, since its size depends on the draw.");
        return b.Decide(VerdictMethod.ExactNumerics,
            $"σ'' matches differences of σ' to {Numbers.Error(worstSigma)}, and the exact trace, λ_max and λ_min, residual term included, " +
            $"match the finite-difference Hessians to {Numbers.Error(worstGrad)} (gradient) and {Numbers.Error(worstLoss)} (loss).",
            $"max err {Numbers.Error(worstGrad)} (FD gradient), {Numbers.Error(worstLoss)} (FD loss)");
    }

    /// <summary>Values in the span test: a grid over [−40, 40] and the boundaries of GELU's series with their neighbours.</summary>
    private static double[] SpanGrid()
    {
        var z = new List<double>();
        for (int k = 0; k <= 200; k++) z.Add(-40 + 0.4 * k + 0.0123);
        foreach (double edge in new[] { 0.0, 1, 2, 4, 8, 39, Math.Sqrt(2), 0.7518 })
            foreach (double e in new[] { edge, -edge })
                z.AddRange([e, Math.BitDecrement(e), Math.BitIncrement(e)]);
        return z.ToArray();
    }

    private static readonly int SpanGridSize = SpanGrid().Length;

    /// <summary>Evaluate over one row against the scalar methods (bit mismatches, every activation) and GELU's row against
    /// MathNet's Φ and φ: (mismatches, largest error on the scale max(1, |value|), where).</summary>
    private static (int Mismatches, double GeluError, double GeluAt) SpanPath(EvidenceBuilder b)
    {
        var z = SpanGrid();
        int n = z.Length, mismatches = 0;
        double geluError = 0, geluAt = 0;
        var table = b.Table("The span path against the scalar methods and an independent reference", "activation", "values",
            "bit mismatches vs scalar", "vs MathNet Phi, phi (GELU)");
        foreach (string name in Names)
        {
            var act = Activation.Create(name);
            var v = new double[n];
            var d1 = new double[n];
            var d2 = new double[n];
            act.Evaluate(z, v, d1, d2);
            int bad = 0;
            for (int i = 0; i < n; i++)
            {
                if (BitConverter.DoubleToInt64Bits(v[i]) != BitConverter.DoubleToInt64Bits(act.Value(z[i]))) bad++;
                if (BitConverter.DoubleToInt64Bits(d1[i]) != BitConverter.DoubleToInt64Bits(act.Derivative(z[i]))) bad++;
                if (BitConverter.DoubleToInt64Bits(d2[i]) != BitConverter.DoubleToInt64Bits(act.SecondDerivative(z[i]))) bad++;
            }
            mismatches += bad;
            string reference = "—";
            if (name == "gelu")
            {
                for (int i = 0; i < n; i++)
                {
                    double cdf = Normal.CDF(0, 1, z[i]), pdf = Normal.PDF(0, 1, z[i]);
                    double[] expected = [z[i] * cdf, cdf + z[i] * pdf, pdf * (2 - z[i] * z[i])];
                    double[] got = [v[i], d1[i], d2[i]];
                    for (int k = 0; k < 3; k++)
                    {
                        double e = Math.Abs(got[k] - expected[k]) / Math.Max(1, Math.Abs(expected[k]));
                        if (e > geluError) { geluError = e; geluAt = z[i]; }
                    }
                }
                reference = $"{Numbers.Error(geluError)} at z = {Numbers.Format(geluAt)}";
            }
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            table.Row(name, n.ToString(inv), bad.ToString(inv), reference);
        }
        return (mismatches, geluError, geluAt);
    }

    private sealed record Comparison(double Trace, double ResidualShare, double GaussNewtonMiss, double TraceError, double MaxError, double MinError,
        double LanczosError, double GradientFd, double LossFd);

    private static Comparison Compare(TwoLayerNetwork net, Dataset data, LossConvention loss)
    {
        int p = net.Parameters.Length;
        var trace = HessianTrace.Compute(net, data, loss);
        var exactEig = DenseHessian.Compute(net, data, loss).Eigenvalues();
        var lanczos = Lanczos.Extremes(HessianOperator.Create(net, data, loss));
        var (fdTrace, fdEig) = Spectrum(FiniteDifferences.Hessian(net, data, loss), p);
        var (lossTrace, lossEig) = Spectrum(FiniteDifferences.HessianOfLoss(net, data, loss), p);
        double scale = Math.Max(Math.Abs(fdEig[0]), Math.Abs(fdEig[^1]));
        double traceErr = Math.Abs(trace.Trace - fdTrace) / scale, maxErr = Math.Abs(exactEig[^1] - fdEig[^1]) / scale,
            minErr = Math.Abs(exactEig[0] - fdEig[0]) / scale;
        double lanczosErr = Math.Max(Math.Abs(lanczos.LambdaMax - fdEig[^1]), Math.Abs(lanczos.LambdaMin - fdEig[0])) / scale;
        double lossErr = new[] { Math.Abs(trace.Trace - lossTrace), Math.Abs(exactEig[^1] - lossEig[^1]), Math.Abs(exactEig[0] - lossEig[0]) }.Max() / scale;
        return new Comparison(trace.Trace, trace.ResidualTrace / trace.Trace, Descriptive.RelativeError(trace.GaussNewtonTrace, fdTrace),
            traceErr, maxErr, minErr, lanczosErr, new[] { traceErr, maxErr, minErr, lanczosErr }.Max(), lossErr);
    }

    private static (double Trace, double[] Eigenvalues) Spectrum(double[] h, int p)
    {
        var sym = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) sym[i * p + j] = 0.5 * (h[i * p + j] + h[j * p + i]);
        var op = new DenseSymmetricOperator(sym, p);
        return (op.Trace(), op.Eigenvalues());
    }
}
