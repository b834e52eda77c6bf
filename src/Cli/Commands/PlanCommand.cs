using System.Diagnostics;
using System.Globalization;
using Flatness.Claims.Running;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Training;

namespace Flatness.Cli.Commands;

/// <summary><c>check --plan N</c>: the work units of a run with their estimated costs, and the cost-balanced split over N shards.</summary>
internal static class PlanCommand
{
    public static int Print(RunPlan plan, int shards, CommandIO io)
    {
        double rate = MeasureRate();
        string Sec(double flop) => (flop / rate).ToString("F0", CultureInfo.InvariantCulture);
        string G(double flop) => (flop / 1e9).ToString("F1", CultureInfo.InvariantCulture);
        io.Out.WriteLine($"# {plan.Claims.Count} claim units ({plan.Claims.Count(c => c.Deferred)} decided at the merge from " +
            $"training runs), {plan.Training.Count} training runs");
        io.Out.WriteLine($"# this machine trains at about {(rate / 1e9).ToString("F1", CultureInfo.InvariantCulture)} GFLOP/s (measured now on a d = 10, " +
            $"n = 512, width 2048 ReLU step); seconds below = flop / that rate; a GELU run's flop include about 200 per sample, " +
            "neuron and step for its activation's general path");
        io.Out.WriteLine("unit\tGflop\tseconds");
        foreach (var (_, flop, name) in plan.ShardWork.OrderByDescending(w => w.Flop)) io.Out.WriteLine($"{name}\t{G(flop)}\t{Sec(flop)}");
        double total = plan.TotalFlop;
        io.Out.WriteLine($"# total\t{G(total)}\t{Sec(total)}");
        var shares = Sharding.AssignAll(plan, shards);
        io.Out.WriteLine($"# split over {shards} shards (longest processing time first): " +
            $"largest share {(100 * shares.Max(s => s.Flop) / Math.Max(total, 1)).ToString("F1", CultureInfo.InvariantCulture)}% of the total " +
            $"(ideal {(100.0 / shards).ToString("F1", CultureInfo.InvariantCulture)}%)");
        for (int i = 0; i < shares.Count; i++)
            io.Out.WriteLine($"shard {i + 1}/{shards}\t{G(shares[i].Flop)}\t{Sec(shares[i].Flop)}\t{shares[i].Training.Count} " +
                $"runs, {shares[i].Claims.Count} claims");
        return Program.Success;
    }

    /// <summary>Flop per second of the training engine on Fig. 3's shape, over about half a second.</summary>
    private static double MeasureRate()
    {
        var layout = new ParameterLayout(2048, 10, hasHiddenBias: true, hasOutputBias: true);
        var rng = new Rng(1);
        var x = new double[512 * 10];
        rng.FillGaussian(x);
        var y = new double[512];
        rng.FillGaussian(y);
        var data = new Dataset(x, y, 10);
        var engine = new FullBatchGradient(new Relu(), layout, data, LossConvention.HalfMse);
        var theta = Initialisation.Sample(InitialisationScheme.PyTorchDefault, layout, rng);
        var grad = new double[layout.Count];
        engine.Compute(theta, grad);
        int steps = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 0.5 || steps < 3)
        {
            engine.Compute(theta, grad);
            steps++;
        }
        return steps * 4.0 * 512 * 2048 * 12 / clock.Elapsed.TotalSeconds;
    }
}
