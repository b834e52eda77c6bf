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

    /// <summary>Runs <paramref name="action"/> until <paramref name="seconds"/> have passed (at least five times), so that
    /// the runtime's tiered compilation has replaced the first, unoptimised code before anything is timed.</summary>
    public static void WarmUp(Action action, double seconds = 1.5)
    {
        var sw = Stopwatch.StartNew();
        for (int r = 0; r < 5 || sw.Elapsed.TotalSeconds < seconds; r++) action();
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

    /// <summary>"median ms [IQR q1–q3, range min–max]" of times in seconds (µs below a millisecond): the median and the
    /// spread around it.</summary>
    public static string Spread(IReadOnlyCollection<double> seconds)
    {
        bool micro = Median(seconds) < 1e-3;
        double f = micro ? 1e6 : 1e3;
        string unit = micro ? "µs" : "ms";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Median(seconds) * f,8:F2} {unit} [IQR {Quantile(seconds, 0.25) * f:F2}–{Quantile(seconds, 0.75) * f:F2}, range {seconds.Min() * f:F2}–{seconds.Max() * f:F2}]");
    }
}
