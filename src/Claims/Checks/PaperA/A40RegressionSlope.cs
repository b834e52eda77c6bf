using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.References;
using Flatness.Numerics.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-40: the least-squares slope, its standard error and its Student bounds (every fitted rate of the suite)
/// against a constructed line, MathNet's Fit.Line, an explicit QR and closed-form Student quantiles (issue #16).</summary>
internal sealed class A40RegressionSlope() : Claim("A-40")
{
    private static readonly int[] s_sizes = [3, 4, 6, 12, 40];
    private static readonly double[] s_alphas = [0.05, 1e-4, 1e-8, 1e-12];
    private const double FitTolerance = 1e-10, QuantileTolerance = 1e-8;

    public override string Title => "The regression slope, its standard error and its Student bounds";
    public override string Statement =>
        @"For points $(x_i,y_i)$, $i=1..n$: `LinearFit` returns the least-squares line $\hat\beta_1=S_{xy}/S_{xx}$, $\hat\beta_0=\bar y-\hat\beta_1\bar x$, " +
        @"the standard error $\mathrm{SE}=\sqrt{\mathrm{RSS}/((n-2)S_{xx})}$ ($+\infty$ for $n=2$), " +
        @"and Student bounds $\hat\beta_1\mp t_{n-2,\alpha}\mathrm{SE}$.";
    public override string Method =>
        "For n ∈ {3, 4, 6, 12, 40}: x uniform on [5.5, 9.7] (log-sizes, far from 0, so centring matters), a line β₀ + β₁x with " +
        "|β₁| ∈ [0.5, 1.5], and residuals e made orthogonal to 1 and x by Gram–Schmidt, so the least-squares line is exactly " +
        "(β₀, β₁) and RSS = ‖e‖²: the fit against the construction. The same data with Gaussian noise against MathNet's " +
        "`Fit.Line` (slope, intercept) and an explicit QR of the design [1, x] (β = R⁻¹Qᵀy, SE² = s²[(R⊤R)⁻¹]₁₁); the slope bounds " +
        "with known per-point errors σᵢ (A-08) against the sandwich [R⁻¹QᵀΣQR⁻ᵀ]₁₁ from the same QR. The Student " +
        "bounds (β̂₁ − L(α))/SE and (U(α) − β̂₁)/SE against t_{n−2,α} in closed form (ν = 1: cot πα; ν = 2; ν = 4) or by " +
        "quadrature of the t density (ν = 10, 38; `ReferenceStatistics`), α ∈ {0.05, 10⁻⁴, 10⁻⁸, 10⁻¹²} (the last in the tiny-tail " +
        "branch). Criteria: relative errors < 10⁻¹⁰ (fits) and < 10⁻⁸ (quantiles); n = 2 gives SE = +∞. An off-by-one in the " +
        "degrees of freedom changes SE by ≥ 2 % (n = 40) and the quantile by more: far outside the tolerances.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("sizes", string.Join(", ", s_sizes))
            .Parameter("alphas", string.Join(", ", s_alphas.Select(a => Numbers.Format(a))));
        var fits = b.Table("Fits against the construction, MathNet and QR", "n", "slope", "SE", "vs construction (slope, intercept)", "SE vs construction",
            "vs Fit.Line", "SE vs QR");
        double constructed = 0, seConstructed = 0, mathNet = 0, seQr = 0, knownErr = 0;
        foreach (int n in s_sizes)
        {
            var x = Enumerable.Range(0, n).Select(_ => rng.NextUniform(5.5, 9.7)).ToArray();
            double beta0 = rng.NextUniform(-3, 3), beta1 = (rng.NextDouble() < 0.5 ? -1 : 1) * rng.NextUniform(0.5, 1.5);
            var e = OrthogonalResidual(x, rng);
            var y = x.Select((xi, i) => beta0 + beta1 * xi + e[i]).ToArray();
            var fit = LinearFit.Fit(x, y);
            double mx = x.Average(), sxx = x.Sum(v => (v - mx) * (v - mx)), rss = e.Sum(v => v * v);
            double seTrue = Math.Sqrt(rss / (n - 2) / sxx);
            double c1 = Math.Max(Math.Abs(fit.Slope - beta1) / Math.Abs(beta1), Math.Abs(fit.Intercept - beta0) / (Math.Abs(beta0) + Math.Abs(beta1 * mx)));
            double c2 = Descriptive.RelativeError(fit.SlopeStandardError, seTrue);
            // Noisy data against MathNet and QR.
            var yn = x.Select(xi => beta0 + beta1 * xi + 0.3 * rng.NextGaussian()).ToArray();
            var noisy = LinearFit.Fit(x, yn);
            var (i0, s0) = MathNet.Numerics.Fit.Line(x, yn);
            double c3 = Math.Max(Descriptive.RelativeError(noisy.Slope, s0), Math.Abs(noisy.Intercept - i0) / (Math.Abs(i0) + Math.Abs(s0 * mx)));
            double c4 = Descriptive.RelativeError(noisy.SlopeStandardError, QrStandardError(x, yn));
            // Known per-point standard errors (A-08): the sandwich (AᵀA)⁻¹AᵀΣA(AᵀA)⁻¹ from the same QR.
            var sigma = x.Select(_ => rng.NextUniform(0.05, 0.5)).ToArray();
            var known = LinearFit.SlopeBoundsWithKnownErrors(x, yn, sigma);
            double c5 = Math.Max(Descriptive.RelativeError(known.StandardError, SandwichStandardError(x, sigma)),
                Descriptive.RelativeError(known.Estimate, s0));
            knownErr = Math.Max(knownErr, c5);
            constructed = Math.Max(constructed, c1);
            seConstructed = Math.Max(seConstructed, c2);
            mathNet = Math.Max(mathNet, c3);
            seQr = Math.Max(seQr, c4);
            fits.Row(Numbers.Count(n), Numbers.Format(fit.Slope, 6), Numbers.Format(fit.SlopeStandardError, 4), Numbers.Error(c1), Numbers.Error(c2),
                Numbers.Error(c3), Numbers.Error(c4));
        }
        b.Criterion(Criterion.Error("slope and intercept vs the constructed line (largest relative error)", constructed, FitTolerance));
        b.Criterion(Criterion.Error("slope SE vs sqrt(|e|^2 / ((n - 2) Sxx)) of the construction", seConstructed, FitTolerance));
        b.Criterion(Criterion.Error("slope and intercept vs MathNet Fit.Line", mathNet, FitTolerance));
        b.Criterion(Criterion.Error("slope SE vs the QR covariance s^2 [(R'R)^-1]_11", seQr, FitTolerance));
        b.Criterion(Criterion.Error("slope bounds with known per-point SEs vs the sandwich covariance from the QR", knownErr, FitTolerance));
        var two = LinearFit.Fit([1.0, 2.0], [0.5, 3.0]);
        b.Criterion(Criterion.Condition("n = 2: the line through both points, SE = +inf",
            two.Slope == 2.5 && two.Intercept == -2 && double.IsPositiveInfinity(two.SlopeStandardError),
            $"slope {Numbers.Format(two.Slope)}, intercept {Numbers.Format(two.Intercept)}, SE {Numbers.Format(two.SlopeStandardError)}"));
        var quantiles = b.Table("Student slope bounds against t quantiles", "n", "nu", "alpha", "(slope - L) / SE", "t reference", "rel. error", "reference");
        double worstQ = 0;
        foreach (int n in s_sizes)
        {
            var x = Enumerable.Range(0, n).Select(_ => rng.NextUniform(5.5, 9.7)).ToArray();
            var y = x.Select(xi => 1 + 0.5 * xi + rng.NextGaussian()).ToArray();
            var fit = LinearFit.Fit(x, y);
            var bounds = fit.SlopeBounds();
            int nu = n - 2;
            bool closed = nu is 1 or 2 or 4;
            foreach (double alpha in s_alphas)
            {
                double t = closed ? ReferenceStatistics.StudentUpperQuantileClosedForm(alpha, nu) : ReferenceStatistics.StudentUpperQuantile(alpha, nu);
                double lower = (fit.Slope - bounds.Lower(alpha)) / fit.SlopeStandardError, upper = (bounds.Upper(alpha) - fit.Slope) / fit.SlopeStandardError;
                double err = Math.Max(Descriptive.RelativeError(lower, t), Descriptive.RelativeError(upper, t));
                worstQ = Math.Max(worstQ, err);
                quantiles.Row(Numbers.Count(n), Numbers.Count(nu), Numbers.Format(alpha), Numbers.Format(lower, 8), Numbers.Format(t, 8), Numbers.Error(err),
                    closed ? "closed form" : "quadrature");
            }
        }
        b.Criterion(Criterion.Error("Student slope bounds: (slope - L(alpha)) / SE and (U(alpha) - slope) / SE vs t_{n-2, alpha}", worstQ, QuantileTolerance));
        b.ErrorMetric("maxFitError", Math.Max(Math.Max(constructed, seConstructed), Math.Max(mathNet, seQr))).ErrorMetric("maxQuantileError", worstQ);
        return b.Decide(VerdictMethod.ExactNumerics,
            $"slope, intercept and SE match the constructed line, MathNet's Fit.Line and the QR covariance (largest relative " +
            $"error {Numbers.Error(Math.Max(Math.Max(constructed, seConstructed), Math.Max(mathNet, seQr)))}), " +
            $"and the Student bounds use t_(n−2, α) (largest relative error {Numbers.Error(worstQ)}, α down to 1e-12).",
            $"fit {Numbers.Error(Math.Max(Math.Max(constructed, seConstructed), Math.Max(mathNet, seQr)))}, t {Numbers.Error(worstQ)}");
    }

    /// <summary>SE of the slope for independent yᵢ with known σᵢ: √([R⁻¹Qᵀ]₁ᵢ² σᵢ² summed), the sandwich (AᵀA)⁻¹AᵀΣA(AᵀA)⁻¹ of
    /// the design [1, x] through its QR.</summary>
    private static double SandwichStandardError(double[] x, double[] sigma)
    {
        int n = x.Length;
        var qr = Matrix<double>.Build.Dense(n, 2, (i, j) => j == 0 ? 1 : x[i]).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var h = qr.R.Inverse() * qr.Q.Transpose();
        double v = 0;
        for (int i = 0; i < n; i++) v += h[1, i] * h[1, i] * sigma[i] * sigma[i];
        return Math.Sqrt(v);
    }

    /// <summary>Gaussian residuals projected off span{1, x} by Gram–Schmidt (twice, for orthogonality to rounding).</summary>
    private static double[] OrthogonalResidual(double[] x, Rng rng)
    {
        int n = x.Length;
        var q1 = Enumerable.Repeat(1 / Math.Sqrt(n), n).ToArray();
        var q2 = x.ToArray();
        for (int pass = 0; pass < 2; pass++) Project(q2, q1);
        Normalise(q2);
        var e = new double[n];
        rng.FillGaussian(e);
        for (int pass = 0; pass < 2; pass++)
        {
            Project(e, q1);
            Project(e, q2);
        }
        return e;
    }

    private static void Project(double[] v, double[] q)
    {
        double c = 0;
        for (int i = 0; i < v.Length; i++) c += v[i] * q[i];
        for (int i = 0; i < v.Length; i++) v[i] -= c * q[i];
    }

    private static void Normalise(double[] v)
    {
        double s = Math.Sqrt(v.Sum(t => t * t));
        for (int i = 0; i < v.Length; i++) v[i] /= s;
    }

    /// <summary>SE of the slope from an explicit QR of the design [1, x]: β = R⁻¹Qᵀy, SE² = s²[(RᵀR)⁻¹]₁₁, s² = RSS/(n − 2).</summary>
    private static double QrStandardError(double[] x, double[] y)
    {
        int n = x.Length;
        var a = Matrix<double>.Build.Dense(n, 2, (i, j) => j == 0 ? 1 : x[i]);
        var qr = a.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var beta = qr.Solve(Vector<double>.Build.DenseOfArray(y));
        var residual = Vector<double>.Build.DenseOfArray(y) - a * beta;
        double s2 = residual.DotProduct(residual) / (n - 2);
        var rInv = qr.R.Inverse();
        var cov = rInv * rInv.Transpose();
        return Math.Sqrt(s2 * cov[1, 1]);
    }
}
