namespace Flatness.Numerics.Statistics;

/// <summary>Spearman's rank correlation with a confidence interval.</summary>
/// <param name="Rho">ρ_S, Pearson's correlation of the (mid-)ranks (MathNet's <c>Correlation.Spearman</c>).</param>
/// <param name="Low">Lower end of the interval.</param>
/// <param name="High">Upper end.</param>
/// <param name="Level">Two-sided confidence level.</param>
/// <param name="Count">Number of pairs m.</param>
public sealed record SpearmanResult(double Rho, double Low, double High, double Level, int Count)
{
    /// <summary>The Fisher-z bounds behind <see cref="Low"/> and <see cref="High"/>, at any level (independent pairs).</summary>
    public FisherZBounds Bounds() => new(Rho, Count);
}

/// <summary>Rank correlation used by the shattering experiments (paper B spec §10, B-17, B-21).</summary>
public static class RankCorrelation
{
    /// <summary>Spearman's ρ_S of the pairs, NaN when either variable is constant.</summary>
    public static double Rho(IReadOnlyList<double> x, IReadOnlyList<double> y) => MathNet.Numerics.Statistics.Correlation.Spearman(x, y);

    /// <summary>ρ_S with the Fisher-z interval tanh(atanh ρ ± z_{(1+level)/2}·√(1.06/(m − 3))).</summary>
    /// <remarks>The variance 1.06/(m − 3) of atanh ρ_S is Fieller, Hartley &amp; Pearson (Biometrika 44, 1957), valid for
    /// m ≥ 10 and |ρ| ≤ 0.8 or so; ρ = ±1 gives a degenerate interval at ±1.</remarks>
    public static SpearmanResult Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y, double level)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int m = x.Count;
        if (m != y.Count || m < 4) throw new ArgumentException("need at least four pairs of equal length");
        if (!(level > 0 && level < 1)) throw new ArgumentException("level must lie in (0, 1)");
        double rho = MathNet.Numerics.Statistics.Correlation.Spearman(x, y);
        if (double.IsNaN(rho)) return new SpearmanResult(double.NaN, double.NaN, double.NaN, level, m);
        var bounds = new FisherZBounds(rho, m);
        return new SpearmanResult(rho, bounds.Lower((1 - level) / 2), bounds.Upper((1 - level) / 2), level, m);
    }
}
