using BenchmarkDotNet.Running;
using Flatness.Benchmarks;

// `ratios [repetitions]` prints the README's one-run ratios; `large [n] [m] [d]` measures at the scale
// (n = 10⁶, m = 512, d = 64) with time and peak memory; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "large")
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    LargeReport.Run(Arg(1, 1_000_000), Arg(2, 512), Arg(3, 64));
    return;
}
// `training-ratios [repetitions]` prints the README's training figures (GD step vs forward pass, GFLOP/s against the
// measured FMA limit, batched vs single per-network step time).
if (args.Length > 0 && args[0] == "training-ratios")
{
    TrainingRatioReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 31);
    return;
}
// `gd-step REPETITIONS DIR`: one round of benchmarks/pytorch/compare.sh (times our step, exports data for PyTorch).
if (args.Length > 2 && args[0] == "gd-step")
{
    TrainingRatioReport.Export(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
    return;
}
// `gelu [repetitions]`: GELU's σ, σ' per element, vector kernel against the per-element code, and the Fig. 3 GD step.
if (args.Length > 0 && args[0] == "gelu")
{
    GeluReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}
if (args.Length > 0 && args[0] == "gemm")
{
    GemmReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
    return;
}
if (args.Length > 0 && args[0] == "ratios")
{
    RatioReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CurvatureBenchmarks).Assembly).Run(args);
