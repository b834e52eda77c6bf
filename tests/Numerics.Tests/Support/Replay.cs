using MathNet.Numerics.Statistics;

namespace Flatness.Numerics.Tests.Support;

/// <summary>Reference statistics for the replay tests, from MathNet (not the estimators' own running sums).</summary>
public static class Replay
{
    /// <summary>The standard error of the mean: sample standard deviation / √n.</summary>
    public static double StandardErrorOfMean(double[] values) => Math.Sqrt(ArrayStatistics.Variance(values) / values.Length);
}
