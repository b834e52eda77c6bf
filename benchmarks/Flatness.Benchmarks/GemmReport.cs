using static Flatness.Benchmarks.Timing;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;

namespace Flatness.Benchmarks;

/// <summary>The pre-activation product's shape (n×(d+1) times (d+1)×m) through every managed kernel and OpenBLAS.</summary>
public static class GemmReport
{
    public static void Run(int repetitions, int n = 4096, int m = 512, int k = 65)
    {
        var rng = new Rng(3);
        var a = new double[n * k];
        var b = new double[k * m];
        rng.FillGaussian(a);
        rng.FillGaussian(b);
        var c = new double[n * m];
        double flops = 2.0 * n * m * k;
        Console.WriteLine($"C({n}x{m}) = A({n}x{k}) B({k}x{m}); OpenBLAS {(OpenBlas.IsAvailable ? OpenBlas.CoreName : "absent")}");
        var runs = new List<(string, Action)>();
        foreach (var kernel in GemmKernels.Supported())
        {
            var kk = kernel;
            runs.Add(($"managed {kk}", () => Gemm.Multiply(kk, a, k, 1, b, m, c, m, n, k, m)));
        }
        if (OpenBlas.IsAvailable) runs.Add(("OpenBLAS", () => OpenBlas.Multiply(a, k, b, m, c, m, n, k, m)));
        foreach (int threads in new[] { 1, Environment.ProcessorCount })
        {
            using var _ = Parallelism.Limit(threads);
            var times = runs.Select(_ => new List<double>()).ToArray();
            for (int r = 0; r < 3; r++) foreach (var (_, act) in runs) act();
            for (int r = 0; r < repetitions; r++)
                for (int i = 0; i < runs.Count; i++) times[i].Add(Time(runs[i].Item2));
            for (int i = 0; i < runs.Count; i++)
                Console.WriteLine($"threads {threads}  {runs[i].Item1,-16} median {Median(times[i]) * 1e3,7:F2} ms {flops / Median(times[i]) / 1e9,6:F1} GFLOP/s   best {times[i].Min() * 1e3,7:F2} ms {flops / times[i].Min() / 1e9,6:F1} GFLOP/s");
        }
    }
}
