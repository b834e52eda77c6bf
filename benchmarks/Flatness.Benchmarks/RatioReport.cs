using static Flatness.Benchmarks.Timing;
using System.Diagnostics;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Estimators;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;

namespace Flatness.Benchmarks;

/// <summary>Ratios measured in one run, interleaved, medians of repeated timings: the figures the README reports.</summary>
/// <remarks>On a shared, noisy machine absolute times drift between runs; ratios of operations timed alternately in
/// the same process do not drift with the load as much.</remarks>
public static class RatioReport
{
    public static void Run(int repetitions)
    {
        var w = new Workload();
        Console.WriteLine($"workload: n = {w.Samples}, m = {w.Width}, d = {w.InputDimension}, ReLU with hidden and output biases, " +
                          $"P = {w.Network.Layout.Count}, threads = {Environment.ProcessorCount}");
        var op = HessianOperator.Create(w.Network, w.Data);
        var streaming = HessianOperator.CreateStreaming(w.Network, w.Data);
        var v = new double[op.Dimension];
        new Rng(1).FillGaussian(v);
        var hv = new double[v.Length];
        var tf = new List<double>();
        var tt = new List<double>();
        var th = new List<double>();
        var te = new List<double>();
        var ts2 = new List<double>();
        // Warm up (JIT tiering), then interleave.
        for (int r = 0; r < 5; r++)
        {
            ForwardPass.Predict(w.Network, w.Data);
            HessianTrace.Compute(w.Network, w.Data);
            op.Multiply(v, hv);
            streaming.Multiply(v, hv);
        }
        for (int r = 0; r < repetitions; r++)
        {
            tf.Add(Time(() => ForwardPass.Predict(w.Network, w.Data)));
            tt.Add(Time(() => HessianTrace.Compute(w.Network, w.Data)));
            th.Add(Time(() => op.Multiply(v, hv)));
            te.Add(Time(() => NetworkEvaluation.Evaluate(w.Network, w.Data)));
            ts2.Add(Time(() => streaming.Multiply(v, hv)));
        }
        double f = Median(tf), t = Median(tt), h = Median(th), e = Median(te), hs = Median(ts2);
        Console.WriteLine($"forward pass            {f * 1e3,8:F2} ms   {w.ForwardFlops / f / 1e9,6:F1} GFLOP/s (pre-activation product 2nm(d+1) flops)");
        Console.WriteLine($"exact trace (fused)     {t * 1e3,8:F2} ms   ratio to forward {t / f,5:F2}   (target <= 2)");
        Console.WriteLine($"HVP (cached forward)    {h * 1e3,8:F2} ms   ratio to forward {h / f,5:F2}   (target <= 4)");
        Console.WriteLine($"HVP incl. its forward   {(h + e) * 1e3,8:F2} ms   ratio to forward {(h + e) / f,5:F2}");
        Console.WriteLine($"HVP (streaming)         {hs * 1e3,8:F2} ms   ratio to forward {hs / f,5:F2}   ratio to cached HVP {hs / h,5:F2}   (holds no n x m array)");

        // Lanczos: products and time to 1e-8 relative accuracy on λmax, against a tightly converged reference.
        var reference = Lanczos.Extremes(op, new LanczosOptions(MaxIterations: 400, Tolerance: 1e-13));
        int needed = -1;
        for (int k = 1; k <= 400; k++)
        {
            var r = Lanczos.Extremes(op, new LanczosOptions(MaxIterations: k, Tolerance: 1e-16));
            if (Math.Abs(r.LambdaMax - reference.LambdaMax) <= 1e-8 * Math.Abs(reference.LambdaMax)) { needed = k; break; }
        }
        double tl = needed > 0 ? Time(() => Lanczos.Extremes(op, new LanczosOptions(MaxIterations: needed, Tolerance: 1e-16))) : double.NaN;
        Console.WriteLine($"Lanczos lambda_max      {reference.LambdaMax:G12} (reference: {reference.Iterations} steps, residual {reference.ResidualMax:G2})");
        LanczosResult? standard = null;
        double ts = Time(() => standard = Lanczos.Extremes(op));
        Console.WriteLine($"  default stopping rule (both extremes, residual <= 1e-10 |lambda|): {standard!.Iterations} products, {ts:F2} s = {ts / f:F0} forward passes, lambda_min = {standard.LambdaMin:G6}");
        Console.WriteLine($"  1e-8 relative after   {needed} products, {tl:F2} s = {tl / f:F0} forward passes");

        // For scale: Hutchinson probes needed for three correct digits (relative SE 5e-4), from the measured one-probe variance.
        double exact = HessianTrace.Compute(w.Network, w.Data).Trace;
        var samples = Hutchinson.Samples(op, 40, 7);
        double mean = samples.Average();
        double variance = samples.Sum(s => (s - mean) * (s - mean)) / (samples.Length - 1);
        double probes = variance / Math.Pow(5e-4 * exact, 2);
        Console.WriteLine($"exact trace             {exact:G12}");
        Console.WriteLine($"Hutchinson (Rademacher) one-probe SD {Math.Sqrt(variance):G4} = {Math.Sqrt(variance) / exact:P1} of the trace: " +
                          $"about {probes:F0} probes (HVPs) for relative SE 5e-4; the closed form needs none");
    }
}
