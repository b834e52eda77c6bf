using static Flatness.Benchmarks.Timing;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Estimators;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Training;

namespace Flatness.Benchmarks;

/// <summary>The curvature core against the machine's dgemm on the same shape, measured in one run, interleaved
/// (every repetition runs every operation once, in turn), medians and spread: the figures the README reports.</summary>
/// <remarks>The reference rate is the faster of OpenBLAS's dgemm for X̃W̃ᵀ (n×(d+1) times (d+1)×m) in one call with its
/// own threads and in the suite's fixed chunks with one BLAS thread each; without OpenBLAS, the managed kernel's. The
/// forward pass does one such product, the gradient and the Hessian-vector product two, so their "share of the dgemm
/// rate" is (products × dgemm time) / their time.</remarks>
public static class RatioReport
{
    public static void Run(int repetitions)
    {
        Console.WriteLine(MachineInfo.Describe());
        Console.WriteLine(MachineInfo.Load("at the start"));
        var w = new Workload();
        int n = w.Samples, m = w.Width, dt = w.InputDimension + 1;
        Console.WriteLine($"workload: n = {n}, m = {m}, d = {w.InputDimension}, ReLU with hidden and output biases, " +
                          $"P = {w.Network.Layout.Count}, threads = {Parallelism.MaxDegreeOfParallelism}, {repetitions} interleaved repetitions");
        var op = HessianOperator.Create(w.Network, w.Data);
        var streaming = HessianOperator.CreateStreaming(w.Network, w.Data);
        var engine = new FullBatchGradient(w.Network.Activation, w.Network.Layout, w.Data, LossConvention.Mse);
        var v = new double[op.Dimension];
        new Rng(1).FillGaussian(v);
        var hv = new double[v.Length];
        var x = w.Data.AugmentedArray(true);
        var wT = ForwardPass.TransposedHiddenWeights(w.Network);
        var z = new double[n * m];
        var ops = new List<(string Name, int Products, Action Run)>();
        if (OpenBlas.IsAvailable)
        {
            ops.Add(("dgemm X~W~^T, OpenBLAS, one call", 1, () => OpenBlas.MultiplyOneCall(x, dt, wT, m, z, m, n, dt, m, Environment.ProcessorCount)));
            ops.Add(("dgemm X~W~^T, OpenBLAS, fixed chunks", 1, () => OpenBlas.Multiply(x, dt, wT, m, z, m, n, dt, m)));
        }
        ops.Add(("dgemm X~W~^T, managed kernel", 1, () => Gemm.Multiply(x, dt, 1, wT, m, z, m, n, dt, m)));
        ops.Add(("forward pass", 1, () => ForwardPass.Predict(w.Network, w.Data)));
        ops.Add(("exact trace (fused)", 1, () => HessianTrace.Compute(w.Network, w.Data)));
        ops.Add(("HVP (cached forward)", 2, () => op.Multiply(v, hv)));
        ops.Add(("HVP (streaming)", 3, () => streaming.Multiply(v, hv)));
        ops.Add(("cached forward (NetworkEvaluation)", 1, () => NetworkEvaluation.Evaluate(w.Network, w.Data)));
        ops.Add(("loss gradient (training engine)", 2, () => engine.Compute(w.Network.Parameters, hv)));
        var times = ops.Select(_ => new List<double>()).ToArray();
        WarmUp(() => { foreach (var o in ops) o.Run(); }, 3.0);
        for (int r = 0; r < repetitions; r++)
            for (int i = 0; i < ops.Count; i++) times[i].Add(Time(ops[i].Run));
        double peak = FmaPeak.Measure(Parallelism.MaxDegreeOfParallelism);
        int blasOps = OpenBlas.IsAvailable ? 2 : 1;
        double dgemm = Enumerable.Range(0, blasOps).Min(i => Median(times[i]));
        double forward = Median(times[ops.FindIndex(o => o.Name == "forward pass")]);
        Console.WriteLine($"measured FMA limit (registers only, {Parallelism.MaxDegreeOfParallelism} threads): {peak:F1} GFLOP/s");
        Console.WriteLine($"reference dgemm rate: {w.ForwardFlops / dgemm / 1e9:F1} GFLOP/s ({(OpenBlas.IsAvailable ? "OpenBLAS, the faster of its two rows" : "managed kernel: OpenBLAS not installed")})");
        Console.WriteLine($"{"operation",-36} {"median [spread]",-58} {"GFLOP/s",8} {"of dgemm rate",14} {"of FMA limit",13} {"/ forward",10}");
        for (int i = 0; i < ops.Count; i++)
        {
            double t = Median(times[i]), flops = ops[i].Products * w.ForwardFlops;
            Console.WriteLine($"{ops[i].Name,-36} {Spread(times[i]),-58} {flops / t / 1e9,8:F1} {ops[i].Products * dgemm / t,13:P0} {flops / t / 1e9 / peak,13:P0} {t / forward,10:F2}");
        }
        Console.WriteLine("(GFLOP/s count the pre-activation-sized products only, 2nm(d+1) flops each: one for the forward pass and the trace, " +
                          "two for the gradient and the cached HVP, three for the streaming HVP.)");

        // Lanczos: products and time to 1e-8 relative accuracy on λmax, against a tightly converged reference.
        var reference = Lanczos.Extremes(op, new LanczosOptions(MaxIterations: 400, Tolerance: 1e-13));
        int needed = -1;
        for (int k = 1; k <= 400; k++)
        {
            var res = Lanczos.Extremes(op, new LanczosOptions(MaxIterations: k, Tolerance: 1e-16));
            if (Math.Abs(res.LambdaMax - reference.LambdaMax) <= 1e-8 * Math.Abs(reference.LambdaMax)) { needed = k; break; }
        }
        double tl = needed > 0 ? Time(() => Lanczos.Extremes(op, new LanczosOptions(MaxIterations: needed, Tolerance: 1e-16))) : double.NaN;
        Console.WriteLine($"Lanczos lambda_max      {reference.LambdaMax:G12} (reference: {reference.Iterations} steps, residual {reference.ResidualMax:G2})");
        LanczosResult? standard = null;
        double ts = Time(() => standard = Lanczos.Extremes(op));
        Console.WriteLine($"  default stopping rule (both extremes, residual <= 1e-10 |lambda|): {standard!.Iterations} products, {ts:F2} s = {ts / forward:F0} forward passes, lambda_min = {standard.LambdaMin:G6}");
        Console.WriteLine($"  1e-8 relative after   {needed} products, {tl:F2} s = {tl / forward:F0} forward passes");

        // For scale: Hutchinson probes needed for three correct digits (relative SE 5e-4), from the measured one-probe variance.
        double exact = HessianTrace.Compute(w.Network, w.Data).Trace;
        var samples = Hutchinson.Samples(op, 40, 7);
        double mean = samples.Average();
        double variance = samples.Sum(s => (s - mean) * (s - mean)) / (samples.Length - 1);
        double probes = variance / Math.Pow(5e-4 * exact, 2);
        Console.WriteLine($"exact trace             {exact:G12}");
        Console.WriteLine($"Hutchinson (Rademacher) one-probe SD {Math.Sqrt(variance):G4} = {Math.Sqrt(variance) / exact:P1} of the trace: " +
                          $"about {probes:F0} probes (HVPs) for relative SE 5e-4; the closed form needs none");
        Console.WriteLine(MachineInfo.Load("at the end", Parallelism.MaxDegreeOfParallelism));
    }
}
