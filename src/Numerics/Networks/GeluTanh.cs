namespace Flatness.Numerics.Networks;

/// <summary>The tanh approximation of GELU (PyTorch's <c>nn.GELU(approximate='tanh')</c>):
/// σ(z) = ½z(1 + tanh u) = z·S with u = √(2/π)(z + κz³), κ = 0.044715 and S = 1/(1 + e^{−2u});
/// σ'(z) = S + 2zu'S(1 − S), σ''(z) = 2S(1 − S)(2u' + zu'' − 2zu'² tanh u), u' = √(2/π)(1 + 3κz²), u'' = 6√(2/π)κz.</summary>
/// <remarks>
/// <para>Hendrycks and Gimpel, arXiv:1606.08415, §2: GELU(x) ≈ 0.5x(1 + tanh[√(2/π)(x + 0.044715x³)]), with the decimal
/// κ = 0.044715 and the exact √(2/π). With ½(1 + tanh u) = S, S' = 2u'S(1 − S) and (1 − 2S) = −tanh u the derivatives
/// follow.</para>
/// <para>Only e^{−2|u|} ≤ 1 is formed, and S, 1 − S each directly. u is carried as an unevaluated sum of two doubles
/// (z³ and the products by κ and √(2/π) with fused multiply-adds, both constants split in two), so e^{−2|u|} keeps the
/// stated accuracy where 2|u| is in the hundreds; a plainly rounded u loses accuracy in proportion to |u| there (about
/// 350 ulps of σ at z = −20, which the mpmath test rejects). For |z| &gt; 30,
/// e^{−2|u|} &lt; 10⁻⁷⁰⁰ is 0 in double: S ∈ {0, 1}, σ' = S, σ'' = 0 (and z³ is never formed, so nothing overflows).
/// Accuracy against mpmath: σ within 8 ulps relative; σ' within 8 ulps of S + 2|z|u'S(1 − S) and σ'' within 16 ulps of
/// 2S(1 − S)(2u' + |z|u'' + 2|z|u'²|tanh u|) (their terms cancel near the zeros of σ' and σ'').</para>
/// </remarks>
public sealed class GeluTanh : SmoothActivation
{
    /// <summary>√(2/π) = C + C_lo (C the nearest double, C_lo from mpmath at 40 digits).</summary>
    private const double C = 0.7978845608028654, CLo = -4.9846544045554601573e-17;

    /// <summary>κ = 0.044715 = K + K_lo.</summary>
    private const double K = 0.044715, KLo = 2.196021142708559637e-18;

    /// <summary>|z| beyond which e^{−2|u|} underflows to 0 (2u(30) ≈ 1974).</summary>
    private const double Cutoff = 30.0;

    /// <inheritdoc/>
    public override string Name => "gelu_tanh";

    /// <inheritdoc/>
    public override double Value(double z) => z * Parts(z).S;

    /// <inheritdoc/>
    public override double Derivative(double z)
    {
        var p = Parts(z);
        return First(z, p.S, p.OneMinusS);
    }

    /// <inheritdoc/>
    public override double SecondDerivative(double z)
    {
        var p = Parts(z);
        return Second(z, p.S, p.OneMinusS, p.E);
    }

    /// <inheritdoc/>
    public override void Evaluate(ReadOnlySpan<double> z, Span<double> value, Span<double> first, Span<double> second)
    {
        bool wantFirst = !first.IsEmpty, wantSecond = !second.IsEmpty;
        for (int i = 0; i < z.Length; i++)
        {
            double zi = z[i];
            var p = Parts(zi);
            value[i] = zi * p.S;
            if (wantFirst) first[i] = First(zi, p.S, p.OneMinusS);
            if (wantSecond) second[i] = Second(zi, p.S, p.OneMinusS, p.E);
        }
    }

    /// <summary>u = √(2/π)(z + κz³) as an unevaluated sum hi + lo of two doubles (for |z| ≤ <see cref="Cutoff"/>).</summary>
    internal static (double Hi, double Lo) Inner(double z)
    {
        double z2 = z * z, z2Lo = Math.FusedMultiplyAdd(z, z, -z2);
        double z3 = z2 * z, z3Lo = Math.FusedMultiplyAdd(z2, z, -z3) + z2Lo * z;
        double k3 = K * z3, k3Lo = Math.FusedMultiplyAdd(K, z3, -k3) + (K * z3Lo + KLo * z3);
        double w = z + k3, bv = w - z, wLo = (z - (w - bv)) + (k3 - bv) + k3Lo;
        double u = C * w, uLo = Math.FusedMultiplyAdd(C, w, -u) + (C * wLo + CLo * w);
        return (u, uLo);
    }

    /// <summary>S = ½(1 + tanh u), 1 − S and e = e^{−2|u|}.</summary>
    private static (double S, double OneMinusS, double E) Parts(double z)
    {
        if (!(Math.Abs(z) <= Cutoff)) return z > 0 ? (1.0, 0.0, 0.0) : double.IsNaN(z) ? (z, z, z) : (0.0, 1.0, 0.0);
        var (u, uLo) = Inner(z);
        // e^{−2|u + uLo|} = e^{−2|u|}·e^{∓2uLo}, and |2uLo| ≤ 10⁻¹³, so the second factor is 1 ∓ 2uLo to 2⁻¹⁰⁶.
        double e = Math.Exp(-2 * Math.Abs(u)) * (1 - 2 * (u >= 0 ? uLo : -uLo));
        double big = 1 / (1 + e), small = e / (1 + e);
        return u >= 0 ? (big, small, e) : (small, big, e);
    }

    private static double First(double z, double s, double oneMinusS)
    {
        double ss = s * oneMinusS;
        return ss == 0 ? s : s + 2 * z * (C * (1 + 3 * K * z * z)) * ss;
    }

    private static double Second(double z, double s, double oneMinusS, double e)
    {
        double ss = s * oneMinusS;
        if (ss == 0) return 0.0;
        double du = C * (1 + 3 * K * z * z), zddu = 6 * C * K * z * z;
        double zTanhU = Math.Abs(z) * ((1 - e) / (1 + e));
        return 2 * ss * (2 * du + zddu - 2 * zTanhU * du * du);
    }
}
