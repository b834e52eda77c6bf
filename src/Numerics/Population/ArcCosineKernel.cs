namespace Flatness.Numerics.Population;

/// <summary>The arc-cosine kernels of Cho &amp; Saul (2009): Gaussian expectations of products of ReLU powers.</summary>
/// <remarks>
/// <para>For x ~ N(0, I_d) and w, v ∈ ℝ^d with angle θ = arccos(wᵀv/(‖w‖‖v‖)):
/// E[(wᵀx)₊ⁿ(vᵀx)₊ⁿ] = ‖w‖ⁿ‖v‖ⁿ Jₙ(θ)/(2π), with J₀ = π − θ, J₁ = sin θ + (π − θ)cos θ,
/// J₂ = 3 sin θ cos θ + (π − θ)(1 + 2cos²θ). Cho &amp; Saul, "Kernel methods for deep learning", NIPS 2009, eq. (3)–(6)
/// (their kₙ is twice this expectation).</para>
/// <para>Also E[(wᵀx)₊ vᵀx] = wᵀv/2 (Stein's lemma: E[g(z)u] = Cov(z, u)E[g'(z)] with P(z &gt; 0) = 1/2), and
/// E[(wᵀx)₊] = ‖w‖/√(2π), E[(wᵀx)₊²] = ‖w‖²/2.</para>
/// </remarks>
public static class ArcCosineKernel
{
    /// <summary>Jₙ(θ) for n = 0, 1, 2 (Cho &amp; Saul 2009, eq. 6).</summary>
    public static double AngularPart(int degree, double theta) => degree switch
    {
        0 => Math.PI - theta,
        1 => Math.Sin(theta) + (Math.PI - theta) * Math.Cos(theta),
        2 => 3 * Math.Sin(theta) * Math.Cos(theta) + (Math.PI - theta) * (1 + 2 * Math.Cos(theta) * Math.Cos(theta)),
        _ => throw new ArgumentOutOfRangeException(nameof(degree), "closed forms are implemented for degrees 0, 1, 2"),
    };

    /// <summary>E[(wᵀx)₊ⁿ(vᵀx)₊ⁿ] = ‖w‖ⁿ‖v‖ⁿJₙ(θ)/(2π) for x ~ N(0, I), n ∈ {0, 1, 2}.</summary>
    public static double Expectation(int degree, ReadOnlySpan<double> w, ReadOnlySpan<double> v)
    {
        double nw = Math.Sqrt(Dot(w, w)), nv = Math.Sqrt(Dot(v, v));
        if (nw == 0 || nv == 0) return degree == 0 ? double.NaN : 0.0;
        double cos = Math.Clamp(Dot(w, v) / (nw * nv), -1.0, 1.0);
        return Math.Pow(nw * nv, degree) * AngularPart(degree, Math.Acos(cos)) / (2 * Math.PI);
    }

    /// <summary>wᵀv.</summary>
    internal static double Dot(ReadOnlySpan<double> w, ReadOnlySpan<double> v)
    {
        if (w.Length != v.Length) throw new ArgumentException($"vectors of lengths {w.Length} and {v.Length}");
        double s = 0;
        for (int i = 0; i < w.Length; i++) s += w[i] * v[i];
        return s;
    }
}
