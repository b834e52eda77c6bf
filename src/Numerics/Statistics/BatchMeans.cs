namespace Flatness.Numerics.Statistics;

/// <summary>Batch means: Student bounds on a mean from the spread of the means of consecutive batches, for Monte Carlo
/// integrands that are skewed or heavy-tailed.</summary>
/// <remarks>The N values are split into K batches of ⌊N/K⌋ consecutive values (the last N mod K are dropped); the batch
/// means Ȳ₁ … Y̅_K are independent and, each averaging N/K values, close to normal, so (Ȳ − μ)/(s_Ȳ/√K) is close to
/// Student's t with K − 1 degrees of freedom (Schmeiser, "Batch size effects in the analysis of simulation output",
/// Operations Research 30, 1982). Unlike the normal bounds x̄ ± z·s/√N, the standard error does not rest on one sample
/// variance of a heavy-tailed variable (which comes out low exactly in the samples that miss the rare large values, the
/// same samples whose mean is low), and the t quantile with few degrees of freedom is much wider in the far tails, where
/// false refutations are decided.</remarks>
public static class BatchMeans
{
    /// <summary>Student bounds (K − 1 degrees of freedom) on the mean of <paramref name="values"/> from K batch means.</summary>
    /// <param name="values">N ≥ 2K values, in the order drawn.</param>
    /// <param name="batches">K ≥ 2.</param>
    public static StudentBounds Bounds(IReadOnlyList<double> values, int batches)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 2);
        int size = values.Count / batches;
        if (size < 2) throw new ArgumentException($"{values.Count} values cannot fill {batches} batches of at least two");
        var means = new double[batches];
        for (int k = 0; k < batches; k++)
        {
            double sum = 0;
            for (int i = k * size; i < (k + 1) * size; i++) sum += values[i];
            means[k] = sum / size;
        }
        var m = Descriptive.Mean(means);
        return new StudentBounds(m.Mean, m.StandardError, batches - 1);
    }
}
