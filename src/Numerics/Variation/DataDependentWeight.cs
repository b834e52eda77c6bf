namespace Flatness.Numerics.Variation;

/// <summary>Paper B's data-dependent weight g(u, t) = min{g̃(u, t), g̃(−u, −t)} with the plug-in
/// g̃ = p̂·ŝ·√(1 + ‖μ̂‖²) (paper B spec §3, [reconstructed]).</summary>
/// <remarks>p̂ = (1/n)#{i : xᵢᵀu &gt; t}, ŝ = (1/n)Σᵢ(xᵢᵀu − t)₊, μ̂ the mean of the xᵢ with xᵢᵀu &gt; t; g̃ = 0 when no sample
/// lies beyond the threshold (so a neuron that never fires contributes exactly 0 to the empirical |f|_{V_g}).</remarks>
public static class DataDependentWeight
{
    /// <summary>g̃(u, t) from the samples (rows of <paramref name="inputs"/>, dimension d).</summary>
    public static double OneSided(ReadOnlySpan<double> inputs, int d, ReadOnlySpan<double> u, double t)
    {
        if (u.Length != d || inputs.Length % d != 0) throw new ArgumentException("dimension mismatch");
        int n = inputs.Length / d;
        int count = 0;
        double s = 0;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            var x = inputs.Slice(i * d, d);
            double proj = 0;
            for (int k = 0; k < d; k++) proj += x[k] * u[k];
            if (proj > t)
            {
                count++;
                s += proj - t;
                for (int k = 0; k < d; k++) mean[k] += x[k];
            }
        }
        if (count == 0) return 0.0;
        double mu2 = 0;
        for (int k = 0; k < d; k++) mu2 += (mean[k] / count) * (mean[k] / count);
        return (count / (double)n) * (s / n) * Math.Sqrt(1 + mu2);
    }

    /// <summary>g(u, t) = min{g̃(u, t), g̃(−u, −t)}.</summary>
    public static double Weight(ReadOnlySpan<double> inputs, int d, ReadOnlySpan<double> u, double t)
    {
        var minus = new double[u.Length];
        for (int k = 0; k < u.Length; k++) minus[k] = -u[k];
        return Math.Min(OneSided(inputs, d, u, t), OneSided(inputs, d, minus, -t));
    }
}
