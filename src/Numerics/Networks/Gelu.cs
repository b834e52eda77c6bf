using System.Runtime.Intrinsics;
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
    /// <remarks>Φ and φ come from the vector kernel <see cref="StandardNormal.CdfAndDensity(ReadOnlySpan{double}, Span{double}, Span{double})"/>
    /// (bit-identical to the scalar one) in chunks of <see cref="Chunk"/>; σ = zΦ, σ' = Φ + zφ (a product, then a sum) and
    /// σ'' = φ·fma(−z, z, 2) (0 where φ = 0) are formed by the same operations as in the scalar methods, in vectors where
    /// AVX-512 is available, so the results are those of <see cref="EvaluateScalar"/> bit for bit.</remarks>
    public override void Evaluate(ReadOnlySpan<double> z, Span<double> value, Span<double> first, Span<double> second)
    {
        if (z.Length < 16 || !StandardNormal.IsVectorised)
        {
            EvaluateScalar(z, value, first, second);
            return;
        }
        Span<double> cdf = stackalloc double[Chunk];
        Span<double> pdf = stackalloc double[Chunk];
        for (int start = 0; start < z.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, z.Length - start);
            var zc = z.Slice(start, length);
            StandardNormal.CdfAndDensity(zc, cdf[..length], pdf[..length]);
            Combine(zc, cdf[..length], pdf[..length], value.Slice(start, length),
                first.IsEmpty ? first : first.Slice(start, length), second.IsEmpty ? second : second.Slice(start, length));
        }
    }

    /// <summary>Elements per call of the vector kernel (two stack buffers of this many doubles).</summary>
    private const int Chunk = 256;

    /// <summary>The per-element reference: Φ and φ from <see cref="StandardNormal.CdfAndDensity(double)"/>, then σ = zΦ,
    /// σ' = Φ + zφ, σ'' = φ(2 − z²). <see cref="Evaluate"/> gives the same bits.</summary>
    internal static void EvaluateScalar(ReadOnlySpan<double> z, Span<double> value, Span<double> first, Span<double> second)
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

    /// <summary>σ = zΦ, σ' = Φ + zφ, σ'' = φ·fma(−z, z, 2) (0 where φ = 0) from Φ and φ, as in the scalar methods: in
    /// AVX-512 vectors (a vector holding a NaN, and the last elements, element by element).</summary>
    private static void Combine(ReadOnlySpan<double> z, ReadOnlySpan<double> cdf, ReadOnlySpan<double> pdf,
                                Span<double> value, Span<double> first, Span<double> second)
    {
        bool wantFirst = !first.IsEmpty, wantSecond = !second.IsEmpty;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 8 <= z.Length; i += 8)
            {
                var zv = Vector512.Create(z.Slice(i, 8));
                if (Vector512.EqualsAny(Vector512.Equals(zv, zv), Vector512<double>.Zero))
                {
                    for (int k = i; k < i + 8; k++) CombineOne(z[k], cdf[k], pdf[k], out value[k], first, second, k);
                    continue;
                }
                var c = Vector512.Create(cdf.Slice(i, 8));
                var p = Vector512.Create(pdf.Slice(i, 8));
                (zv * c).CopyTo(value.Slice(i, 8));
                if (wantFirst) (c + zv * p).CopyTo(first.Slice(i, 8));
                if (wantSecond)
                {
                    var s = p * Vector512.FusedMultiplyAdd(-zv, zv, Vector512.Create(2.0));
                    Vector512.ConditionalSelect(Vector512.Equals(p, Vector512<double>.Zero), Vector512<double>.Zero, s).CopyTo(second.Slice(i, 8));
                }
            }
        }
        for (; i < z.Length; i++) CombineOne(z[i], cdf[i], pdf[i], out value[i], first, second, i);
    }

    /// <summary>One element of <see cref="Combine"/>, by the scalar expressions.</summary>
    private static void CombineOne(double z, double cdf, double pdf, out double value, Span<double> first, Span<double> second, int i)
    {
        value = z * cdf;
        if (!first.IsEmpty) first[i] = First(z, cdf, pdf);
        if (!second.IsEmpty) second[i] = Second(z, pdf);
    }

    private static double First(double z, double cdf, double pdf) => cdf + z * pdf;

    private static double Second(double z, double pdf) => pdf == 0 ? 0.0 : pdf * Math.FusedMultiplyAdd(-z, z, 2.0);
}
