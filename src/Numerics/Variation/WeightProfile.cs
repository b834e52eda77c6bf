namespace Flatness.Numerics.Variation;

/// <summary>The empirical weight g(u, t) of <see cref="DataDependentWeight"/> along one direction u at many thresholds at
/// once, from the sorted projections and prefix sums (O(n log n + n·d + T·(d + log n)) instead of O(T·n·d)).</summary>
/// <remarks>With sᵢ = xᵢᵀu sorted: g̃(u, t) = p̂ŝ√(1 + ‖μ̂‖²) uses the samples with sᵢ &gt; t (p̂ = count/n, ŝ = (Σsᵢ − count·t)/n,
/// μ̂ = Σxᵢ/count); g̃(−u, −t) uses those with sᵢ &lt; t (ŝ = (count·t − Σsᵢ)/n); g = min of the two (paper B spec §3).</remarks>
public static class WeightProfile
{
    /// <summary>g(u, tₖ) for every threshold tₖ.</summary>
    /// <param name="inputs">Samples, row-major n×d.</param>
    /// <param name="d">Dimension.</param>
    /// <param name="u">Direction (length d; unit length for paper B's normal form).</param>
    /// <param name="thresholds">Thresholds t.</param>
    public static double[] AlongDirection(ReadOnlySpan<double> inputs, int d, ReadOnlySpan<double> u, IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (u.Length != d || inputs.Length % d != 0) throw new ArgumentException("dimension mismatch");
        int n = inputs.Length / d;
        var proj = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int k = 0; k < d; k++) s += inputs[i * d + k] * u[k];
            proj[i] = s;
            order[i] = i;
        }
        Array.Sort(proj, order);
        // prefix[j] = Σ_{i<j} sᵢ, prefixX[j·d + k] = Σ_{i<j} x_{i,k} in sorted order.
        var prefix = new double[n + 1];
        var prefixX = new double[(n + 1) * d];
        for (int j = 0; j < n; j++)
        {
            prefix[j + 1] = prefix[j] + proj[j];
            for (int k = 0; k < d; k++) prefixX[(j + 1) * d + k] = prefixX[j * d + k] + inputs[order[j] * d + k];
        }
        var result = new double[thresholds.Count];
        for (int q = 0; q < thresholds.Count; q++)
        {
            double t = thresholds[q];
            int below = LowerBound(proj, t);      // #{sᵢ < t}
            int atMost = UpperBound(proj, t);     // #{sᵢ ≤ t}
            int above = n - atMost;
            double plus = 0, minus = 0;
            if (above > 0)
            {
                double mu2 = 0;
                for (int k = 0; k < d; k++) { double m = (prefixX[n * d + k] - prefixX[atMost * d + k]) / above; mu2 += m * m; }
                plus = above / (double)n * ((prefix[n] - prefix[atMost]) - above * t) / n * Math.Sqrt(1 + mu2);
            }
            if (below > 0)
            {
                double mu2 = 0;
                for (int k = 0; k < d; k++) { double m = prefixX[below * d + k] / below; mu2 += m * m; }
                minus = below / (double)n * (below * t - prefix[below]) / n * Math.Sqrt(1 + mu2);
            }
            result[q] = Math.Min(plus, minus);
        }
        return result;
    }

    private static int LowerBound(double[] sorted, double t)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (sorted[mid] < t) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int UpperBound(double[] sorted, double t)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (sorted[mid] <= t) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
