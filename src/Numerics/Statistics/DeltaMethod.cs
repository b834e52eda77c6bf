namespace Flatness.Numerics.Statistics;

/// <summary>Standard error of a smooth function of sample means by the delta method.</summary>
/// <remarks>For a statistic g(x̄₁, …, x̄_K) of the means of K per-sample columns, the linearisation
/// g(x̄) − g(μ) ≈ Σ_k ∂_k g (x̄_k − μ_k) = (1/n)Σᵢψᵢ with ψᵢ = Σ_k ∂_k g (x_{ik} − x̄_k) gives
/// SE ≈ sd(ψ)/√n (van der Vaart, Asymptotic Statistics, 1998, §3.1).</remarks>
public static class DeltaMethod
{
    /// <summary>sd(ψ)/√n with ψᵢ = Σ_k gradient[k]·(columns[k][i] − mean_k).</summary>
    /// <param name="columns">K columns of n per-sample values (n ≥ 2).</param>
    /// <param name="gradient">∂g/∂x̄_k at the sample means.</param>
    public static double StandardError(IReadOnlyList<double[]> columns, IReadOnlyList<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(gradient);
        if (columns.Count != gradient.Count || columns.Count == 0) throw new ArgumentException("one gradient entry per column is needed");
        int n = columns[0].Length;
        if (n < 2 || columns.Any(c => c.Length != n)) throw new ArgumentException("columns must have equal length >= 2");
        var means = columns.Select(c => c.Average()).ToArray();
        double s = 0, s2 = 0;
        for (int i = 0; i < n; i++)
        {
            double psi = 0;
            for (int k = 0; k < columns.Count; k++) psi += gradient[k] * (columns[k][i] - means[k]);
            s += psi;
            s2 += psi * psi;
        }
        double variance = (s2 - s * s / n) / (n - 1);
        return Math.Sqrt(Math.Max(variance, 0) / n);
    }
}
