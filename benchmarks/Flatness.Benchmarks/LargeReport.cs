using System.Diagnostics;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Measurement;
using Flatness.Numerics.Spectral;

namespace Flatness.Benchmarks;

/// <summary><c>measure</c>'s computation at the scale (n = 10⁶, m = 512, d = 64): time for the trace, time
/// for λ_max to 10⁻⁶, and peak memory (issue #11).</summary>
/// <remarks>Runs the same facade as <c>flatness measure --quantities trace</c> and
/// <c>--quantities lambda-max --tolerance 1e-6</c> with the default 2 GB budget, on data generated in-process.
/// Peak memory is the process's peak working set (VmHWM, which includes the data itself and the runtime); confirm
/// with <c>/usr/bin/time -v</c>.</remarks>
public static class LargeReport
{
    public static void Run(int n, int m, int d)
    {
        var sw = Stopwatch.StartNew();
        var w = new Workload(n, m, d);
        double gen = sw.Elapsed.TotalSeconds;
        long dataBytes = 8L * n * (d + 1);
        Console.WriteLine($"workload: n = {n}, m = {m}, d = {d}, ReLU with hidden and output biases, P = {w.Network.Layout.Count}, " +
                          $"threads = {Environment.ProcessorCount}; data {MemoryBudget.Format(dataBytes)} generated in {gen:F1} s");

        ForwardPass.Predict(w.Network, w.Data); // warm-up (JIT tiering)
        sw.Restart();
        var forward = ForwardPass.Predict(w.Network, w.Data);
        double tf = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"one forward pass                       {tf,8:F2} s   ({w.ForwardFlops / tf / 1e9:F1} GFLOP/s)");
        GC.KeepAlive(forward);

        sw.Restart();
        var trace = FlatnessMeasurement.Measure(w.Network, w.Data, new MeasurementOptions(Quantities: FlatnessQuantities.Trace));
        double tt = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"measure --quantities trace             {tt,8:F2} s   = {tt / tf:F2} forward passes; trace = {trace.Trace!.Trace:G10}, " +
                          $"path {trace.Evaluation} (cached would need {MemoryBudget.Format(trace.EstimatedCachedBytes)})");

        sw.Restart();
        var top = FlatnessMeasurement.Measure(w.Network, w.Data, new MeasurementOptions(Quantities: FlatnessQuantities.LambdaMax,
            Lanczos: new LanczosOptions(Tolerance: 1e-6)));
        double tl = sw.Elapsed.TotalSeconds;
        var x = top.Extremes!;
        Console.WriteLine($"measure --quantities lambda-max --tolerance 1e-6 {tl,8:F2} s = {tl / tf:F1} forward passes; lambda_max = {x.LambdaMax:G10}, " +
                          $"{x.Iterations} products, relative residual {x.RelativeResidualMax:G2}, converged {x.Converged}");

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine($"peak working set {MemoryBudget.Format(self.PeakWorkingSet64)}; GC heap peak (last GC) " +
                          $"{MemoryBudget.Format(gc.HeapSizeBytes)}; total allocated {MemoryBudget.Format(GC.GetTotalAllocatedBytes())}");
    }
}
