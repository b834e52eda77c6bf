using static Flatness.Benchmarks.Timing;
using System.Globalization;
using System.Numerics.Tensors;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Training;

namespace Flatness.Benchmarks;

/// <summary>One full-batch GD step (fused forward + gradient + update) against one forward pass, its GFLOP/s against the
/// measured FMA limit, and the step time per network when several networks train together on one dataset, at paper
/// B's Fig. 3 setting (n = 512, d = 10, width 2048) and Fig. 2's largest cell (n = 512, d = 5, width 2048).</summary>
public static class TrainingRatioReport
{
    /// <summary>The two settings of the issue.</summary>
    public static readonly (string Label, string Stem, int N, int D, int M)[] Settings =
        [("Fig. 3", "fig3", 512, 10, 2048), ("Fig. 2 largest cell", "fig2", 512, 5, 2048)];

    /// <summary>Paper B §9's data (x uniform in the unit ball, y = wᵀx + N(0, 1)) and a Kaiming-initialised ReLU network.</summary>
    public static (Dataset Data, TwoLayerNetwork Network) Setting(int n, int d, int m, ulong seed = 2026)
    {
        var rng = new Rng(seed);
        var data = TeacherData.Linear(n, TeacherData.UnitDirection(d, rng), 1.0, rng).Data;
        var layout = new ParameterLayout(m, d, true, true);
        return (data, new TwoLayerNetwork(new Relu(), layout, KaimingInitialisation.Sample(layout, rng)));
    }

    /// <summary>Flops of one step's two products (pre-activations and the w̃-gradient): 2 · 2n·m·(d+1).</summary>
    public static double StepFlops(int n, int d, int m) => 4.0 * n * m * (d + 1);

    /// <param name="repetitions">Timed repetitions (medians and spread are printed).</param>
    public static void Run(int repetitions)
    {
        Console.WriteLine(MachineInfo.Describe());
        Console.WriteLine(MachineInfo.Load("at the start"));
        double peak = FmaPeak.Measure(Parallelism.MaxDegreeOfParallelism);
        Console.WriteLine($"measured FMA limit (registers only, {Parallelism.MaxDegreeOfParallelism} threads): {peak:F1} GFLOP/s; " +
                          $"{repetitions} interleaved repetitions, ReLU with hidden and output biases, loss 1/(2n)");
        foreach (var (label, _, n, d, m) in Settings)
        {
            var (data, net) = Setting(n, d, m);
            var engine = new FullBatchGradient(net.Activation, net.Layout, data, LossConvention.HalfMse);
            var theta = net.Parameters.ToArray();
            var grad = new double[theta.Length];
            void Step()
            {
                engine.Compute(theta, grad);
                TensorPrimitives.MultiplyAdd(grad, -1e-6, theta, theta);
            }
            // The same step on the general path (σ through Activation.Evaluate), to show what the ReLU specialisation buys.
            var general = new FullBatchGradient(net.Activation, net.Layout, data, LossConvention.HalfMse, specialise: false);
            var thetaG = net.Parameters.ToArray();
            void GeneralStep()
            {
                general.Compute(thetaG, grad);
                TensorPrimitives.MultiplyAdd(grad, -1e-6, thetaG, thetaG);
            }
            WarmUp(() => { ForwardPass.Predict(net, data); Step(); GeneralStep(); });
            var tf = new List<double>();
            var ts = new List<double>();
            var tg = new List<double>();
            for (int r = 0; r < repetitions; r++)
            {
                tf.Add(Time(() => ForwardPass.Predict(net, data)));
                ts.Add(Time(Step));
                tg.Add(Time(GeneralStep));
            }
            double f = Median(tf), s = Median(ts), gflops = StepFlops(n, d, m) / s / 1e9;
            Console.WriteLine($"{label}: n = {n}, d = {d}, width {m}, P = {net.Layout.Count}");
            Console.WriteLine($"  forward pass          {Spread(tf)}");
            Console.WriteLine($"  GD step (fused)       {Spread(ts)}   ratio to forward {s / f,5:F2}   {1 / s,7:F0} steps/s");
            Console.WriteLine($"  GD step rate          {gflops,8:F1} GFLOP/s (two products, {StepFlops(n, d, m) / 1e6:F1} Mflop) = {gflops / peak:P0} of the FMA limit");
            Console.WriteLine($"  general path (σ via Activation.Evaluate) {Spread(tg)}   specialised / general {s / Median(tg):F2}");
            Batched(data, n, d, m, Math.Max(5, repetitions / 4));
        }
        // Where batching matters most: a cell with one chunk of samples, which a single network cannot spread over the cores.
        var (small, _) = Setting(32, 5, 128);
        Console.WriteLine("Fig. 2 smallest cell: n = 32, d = 5, width 128 (one chunk of 32 samples)");
        Batched(small, 32, 5, 128, Math.Max(5, repetitions / 4));
        Console.WriteLine(MachineInfo.Load("at the end", Parallelism.MaxDegreeOfParallelism));
    }

    /// <summary>Per-network step time when 2 networks (the two arms of a cell, as B-17 and B-18 train them) and 5 networks
    /// (e.g. B-20's step sizes) share one dataset: trained together by <see cref="GradientDescent.TrainMany"/> against
    /// each trained alone by <see cref="GradientDescent.Train"/>, 20 steps per network, interleaved.</summary>
    private static void Batched(Dataset data, int n, int d, int m, int rounds)
    {
        const int steps = 20;
        foreach (int networks in new[] { 2, 5 })
        {
            var starts = Enumerable.Range(0, networks).Select(k => Setting(n, d, m, 3000 + (ulong)k).Network).ToArray();
            var options = new TrainingOptions(0.1, steps, RecordEvery: steps);
            var single = new List<double>();
            var batched = new List<double>();
            WarmUp(() =>
            {
                GradientDescent.TrainMany(starts, data, [], [options]);
                GradientDescent.Train(starts[0], data, [], options);
            });
            for (int r = 0; r < rounds; r++)
            {
                single.Add(Time(() => { foreach (var s in starts) GradientDescent.Train(s, data, [], options); }) / (networks * steps));
                batched.Add(Time(() => GradientDescent.TrainMany(starts, data, [], [options])) / (networks * steps));
            }
            double a = Median(single), b = Median(batched);
            Console.WriteLine($"  per network and step, {networks} networks on one dataset ({rounds} rounds of {steps} steps each):");
            Console.WriteLine($"    alone (Train)         {Spread(single)}");
            Console.WriteLine($"    together (TrainMany)  {Spread(batched)}   together / alone {b / a:F2}");
        }
    }

    /// <summary>`gd-step`: only the GD step of both settings, for benchmarks/pytorch/compare.sh, which alternates this
    /// program with PyTorch's; writes the data, parameters and gradient (raw little-endian float64) and the step times
    /// into <paramref name="directory"/> (fig3.x.bin, …, fig3.json).</summary>
    public static void Export(int repetitions, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (label, stem, n, d, m) in Settings)
        {
            var (data, net) = Setting(n, d, m);
            var engine = new FullBatchGradient(net.Activation, net.Layout, data, LossConvention.HalfMse);
            var at = net.Parameters.ToArray();
            var g = new double[at.Length];
            engine.Compute(at, g);
            string path = Path.Combine(directory, stem);
            void Write(string name, double[] values) => File.WriteAllBytes($"{path}.{name}.bin", System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
            Write("x", data.Inputs.ToArray());
            Write("y", data.Targets.ToArray());
            Write("theta", at);
            Write("grad", g);
            var theta = (double[])at.Clone();
            void Step()
            {
                engine.Compute(theta, g);
                TensorPrimitives.MultiplyAdd(g, -1e-6, theta, theta);
            }
            WarmUp(Step);
            var ts = new List<double>();
            for (int r = 0; r < repetitions; r++) ts.Add(Time(Step));
            string times = string.Join(", ", ts.Select(t => t.ToString("R", CultureInfo.InvariantCulture)));
            File.WriteAllText($"{path}.json", string.Create(CultureInfo.InvariantCulture,
                $"{{\"label\": \"{label}\", \"n\": {n}, \"d\": {d}, \"m\": {m}, \"threads\": {Parallelism.MaxDegreeOfParallelism}, \"stepSeconds\": [{times}]}}\n"));
            Console.WriteLine($"{label}: Flatness.Verify GD step {Spread(ts)}");
        }
    }
}
