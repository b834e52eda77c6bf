using Flatness.Numerics.Statistics;

namespace Flatness.Numerics.Networks;

/// <summary>GELU, σ(z) = zΦ(z) with Φ the standard normal distribution function (PyTorch's <c>nn.GELU()</c>, the erf
/// form); σ'(z) = Φ(z) + zφ(z), σ''(z) = φ(z)(2 − z²).</summary>
/// <remarks>
/// <para>Hendrycks and Gimpel, "Gaussian Error Linear Units (GELUs)", arXiv:1606.08415, §2: GELU(x) = xΦ(x) =
/// x·½[1 + erf(x/√2)]; φ' = −zφ gives the derivatives. Paper B uses it in Fig. 8.</para>
/// <para>Φ and φ come from <see cref="StandardNormal"/> (a few ulps on the whole line, no 1 − Φ cancellation), and
/// 2 − z² is one fused multiply-add, so σ'' is relatively accurate even beside its zeros ±√2. Accuracy against mpmath:
/// σ within 8 ulps and σ'' within 16 ulps relative; σ' within 8 ulps of Φ(z) + |z|φ(z) (its two terms cancel at its
/// zero z ≈ −0.7518). For |z| ≥ 39, φ = 0: σ'' = 0 and σ' = Φ(z) ∈ {0, 1}.</para>
/// </remarks>
public sealed class Gelu : SmoothActivation
{
    /// <inheritdoc/>
    public override string Name => "gelu";

    /// <inheritdoc/>
    public override double Value(double z) => z * StandardNormal.Cdf(z);

    /// <inheritdoc/>
    public override double Derivative(double z)
    {
        var (cdf, pdf) = StandardNormal.CdfAndDensity(z);
        return First(z, cdf, pdf);
    }

    /// <inheritdoc/>
    public override double SecondDerivative(double z) => Second(z, StandardNormal.Density(z));

    /// <inheritdoc/>
    public override void Evaluate(ReadOnlySpan<double> z, Span<double> value, Span<double> first, Span<double> second)
    {
        bool wantFirst = !first.IsEmpty, wantSecond = !second.IsEmpty;
        for (int i = 0; i < z.Length; i++)
        {
            double zi = z[i];
            var (cdf, pdf) = StandardNormal.CdfAndDensity(zi);
            value[i] = zi * cdf;
            if (wantFirst) first[i] = First(zi, cdf, pdf);
            if (wantSecond) second[i] = Second(zi, pdf);
        }
    }

    private static double First(double z, double cdf, double pdf) => cdf + z * pdf;

    private static double Second(double z, double pdf) => pdf == 0 ? 0.0 : pdf * Math.FusedMultiplyAdd(-z, z, 2.0);
}
