namespace Flatness.Numerics.Variation;

/// <summary>The "P instead of P²" variant of paper B's weight,
/// P(Xᵀu &gt; t)·E[Xᵀu − t | Xᵀu &gt; t]·√(1 + ‖E[X | Xᵀu &gt; t]‖²) = ŝ√(1 + ‖μ̂‖²), and g′ = min{g̃′(u, t), g̃′(−u, −t)}.</summary>
/// <remarks>Not paper B's weight: a mutant (spec row B-02, obligation B-29's mutant) that a check of Term A must be able to
/// refute. It equals the plug-in g̃ = p̂ŝ√(1 + ‖μ̂‖²) divided by p̂, so it is never smaller, and much larger for rarely
/// active neurons. ŝ = (1/n)Σᵢ(xᵢᵀu − t)₊, μ̂ the mean of the xᵢ with xᵢᵀu &gt; t; 0 when no sample is beyond t.</remarks>
public static class FirstPowerWeight
{
    /// <summary>g̃′(u, t) = ŝ√(1 + ‖μ̂‖²).</summary>
    public static double OneSided(ReadOnlySpan<double> inputs, int d, ReadOnlySpan<double> u, double t)
    {
        if (u.Length != d || inputs.Length % d != 0) throw new ArgumentException("dimension mismatch");
        int n = inputs.Length / d, count = 0;
        double excess = 0;
        var sum = new double[d];
        for (int i = 0; i < n; i++)
        {
            double proj = 0;
            for (int k = 0; k < d; k++) proj += inputs[i * d + k] * u[k];
            if (proj <= t) continue;
            count++;
            excess += proj - t;
            for (int k = 0; k < d; k++) sum[k] += inputs[i * d + k];
        }
        if (count == 0) return 0.0;
        double mu2 = 0;
        foreach (double s in sum) mu2 += s / count * (s / count);
        return excess / n * Math.Sqrt(1 + mu2);
    }

    /// <summary>g′(u, t) = min{g̃′(u, t), g̃′(−u, −t)}.</summary>
    public static double Weight(ReadOnlySpan<double> inputs, int d, ReadOnlySpan<double> u, double t)
    {
        var minus = new double[u.Length];
        for (int k = 0; k < u.Length; k++) minus[k] = -u[k];
        return Math.Min(OneSided(inputs, d, u, t), OneSided(inputs, d, minus, -t));
    }
}
