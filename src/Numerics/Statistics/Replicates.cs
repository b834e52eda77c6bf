namespace Flatness.Numerics.Statistics;

/// <summary>Statistics over independent replicates (e.g. the seeds of an experiment, each a whole training run): the
/// replicates are the independent units, so a statistic is computed per replicate and its mean carries Student-t bounds
/// with (replicates − 1) degrees of freedom. Units inside a replicate (the neurons of one network, the points of one
/// sweep) may be dependent without harm.</summary>
public static class Replicates
{
    /// <summary>Student bounds on the mean of one value per replicate (at least two).</summary>
    public static StudentBounds Mean(IEnumerable<double> perReplicate)
    {
        ArgumentNullException.ThrowIfNull(perReplicate);
        var v = perReplicate.ToList();
        if (v.Count < 2) throw new ArgumentException("at least two replicates are needed");
        if (v.Any(x => !double.IsFinite(x))) throw new ArgumentException("a replicate's value is not finite");
        return Descriptive.Mean(v).StudentBounds();
    }

    /// <summary>Student bounds on the mean least-squares slope of y on x, one slope per replicate: a trend across a sweep
    /// (d, log η, …) tested with the replicates as units.</summary>
    /// <param name="x">The sweep's abscissae (shared by every replicate, at least two distinct values).</param>
    /// <param name="perReplicate">For each replicate, its y at every x.</param>
    public static StudentBounds MeanSlope(IReadOnlyList<double> x, IEnumerable<IReadOnlyList<double>> perReplicate)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(perReplicate);
        return Mean(perReplicate.Select(y => LinearFit.Fit(x, y).Slope));
    }
}
