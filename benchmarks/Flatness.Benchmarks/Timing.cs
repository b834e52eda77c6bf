using System.Diagnostics;

namespace Flatness.Benchmarks;

/// <summary>Wall-clock timing for the one-run ratio reports (medians of interleaved repetitions).</summary>
public static class Timing
{
    /// <summary>Seconds taken by <paramref name="action"/>.</summary>
    public static double Time(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>The median of <paramref name="xs"/> (mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}
