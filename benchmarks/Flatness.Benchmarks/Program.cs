using BenchmarkDotNet.Running;
using Flatness.Benchmarks;

// `ratios [repetitions]` prints the README's one-run ratios; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "ratios")
{
    RatioReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CurvatureBenchmarks).Assembly).Run(args);
