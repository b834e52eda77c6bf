using BenchmarkDotNet.Running;
using Flatness.Benchmarks;

// `training-ratios [repetitions]` prints the README's training figures (one GD step vs one forward pass).
if (args.Length > 0 && args[0] == "training-ratios")
{
    TrainingRatioReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 31);
    return;
}
// `ratios [repetitions]` prints the README's one-run ratios; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "ratios")
{
    RatioReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CurvatureBenchmarks).Assembly).Run(args);
