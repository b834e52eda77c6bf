using System.Diagnostics;
using System.Globalization;

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
    public static double Median(IReadOnlyCollection<double> xs) => Quantile(xs, 0.5);

    /// <summary>The q-quantile by linear interpolation between order statistics (q = 0.5 is the median).</summary>
    public static double Quantile(IReadOnlyCollection<double> xs, double q)
    {
        var s = xs.Order().ToArray();
        if (s.Length == 0) return double.NaN;
        double h = (s.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(s.Length - 1, lo + 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /// <summary>"median ms [q1–q3, min–max]" of times in seconds: the median and the spread around it.</summary>
    public static string Spread(IReadOnlyCollection<double> seconds) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Median(seconds) * 1e3,8:F2} ms [IQR {Quantile(seconds, 0.25) * 1e3:F2}–{Quantile(seconds, 0.75) * 1e3:F2}, range {seconds.Min() * 1e3:F2}–{seconds.Max() * 1e3:F2}]");
}
