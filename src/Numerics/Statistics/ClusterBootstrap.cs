using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Statistics;

/// <summary>The bootstrap over independent clusters (seed-level bootstrap): units inside a cluster — the neurons of one
/// trained network — are dependent, clusters — the networks of independent seeds — are not, so whole clusters are
/// resampled with replacement and the statistic recomputed on the pooled units (Davison &amp; Hinkley, Bootstrap Methods
/// and their Application, 1997, §3.8).</summary>
public static class ClusterBootstrap
{
    /// <summary>Percentile bounds of <paramref name="statistic"/> from <paramref name="replicates"/> resamples of the clusters.</summary>
    /// <typeparam name="T">A cluster (e.g. one network's neurons).</typeparam>
    /// <param name="clusters">The independent clusters (at least 2).</param>
    /// <param name="statistic">The statistic of a list of clusters (NaN where undefined; NaN replicates are dropped).</param>
    /// <param name="replicates">B ≥ 1.</param>
    /// <param name="seed">The resampling seed (the result is a function of it).</param>
    public static PercentileBounds Bounds<T>(IReadOnlyList<T> clusters, Func<IReadOnlyList<T>, double> statistic, int replicates, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(statistic);
        if (clusters.Count < 2) throw new ArgumentException("a cluster bootstrap needs at least two clusters");
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        var rng = new Rng(seed);
        var values = new double[replicates];
        var pick = new T[clusters.Count];
        for (int b = 0; b < replicates; b++)
        {
            for (int i = 0; i < pick.Length; i++) pick[i] = clusters[rng.NextInt(clusters.Count)];
            values[b] = statistic(pick);
        }
        return new PercentileBounds(statistic(clusters), values);
    }
}

/// <summary>The sign test of "the median of paired differences is positive": the count of positive differences among the
/// non-zero ones, with exact Clopper–Pearson bounds on P(difference &gt; 0); the median is positive (at level α) when
/// the lower bound exceeds ½.</summary>
public static class SignTest
{
    /// <summary>Clopper–Pearson bounds on the share of positive values among the non-zero <paramref name="differences"/>.</summary>
    public static ClopperPearsonBounds Positive(IEnumerable<double> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        int positive = 0, nonZero = 0;
        foreach (double d in differences)
        {
            if (double.IsNaN(d)) throw new ArgumentException("a difference is NaN");
            if (d == 0) continue;
            nonZero++;
            if (d > 0) positive++;
        }
        if (nonZero == 0) throw new ArgumentException("every difference is zero: the sign test has nothing to count");
        return new ClopperPearsonBounds(positive, nonZero);
    }
}
