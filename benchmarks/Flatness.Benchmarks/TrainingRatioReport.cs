using static Flatness.Benchmarks.Timing;
using System.Diagnostics;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Training;

namespace Flatness.Benchmarks;

/// <summary>One full-batch GD step (fused forward + gradient + update) as a ratio to one forward pass, and steps per
/// second, at paper B's Fig. 3 setting (n = 512, d = 10, width 2048) and Fig. 2's largest cell (n = 512, d = 5, width 4n).</summary>
public static class TrainingRatioReport
{
    /// <param name="repetitions">Timed repetitions (medians are printed).</param>
    /// <param name="exportDirectory">When set, each setting's data, parameters, gradient and median step time are written
    /// there as raw little-endian float64 files (<c>fig3.x.bin</c>, …) for <c>benchmarks/pytorch/gd_step.py</c>, which
    /// checks PyTorch's gradient against ours and times PyTorch's step right after this run.</param>
    public static void Run(int repetitions, string? exportDirectory = null)
    {
        foreach (var (label, n, d, m) in new[] { ("Fig. 3", 512, 10, 2048), ("Fig. 2 largest cell", 512, 5, 2048) })
        {
            var rng = new Rng(2026);
            // Paper B §9's data: x uniform in the unit ball, y = wᵀx + N(0, 1).
            var data = TeacherData.Linear(n, TeacherData.UnitDirection(d, rng), 1.0, rng).Data;
            var layout = new ParameterLayout(m, d, true, true);
            var net = new TwoLayerNetwork(new Relu(), layout, KaimingInitialisation.Sample(layout, rng));
            var engine = new FullBatchGradient(net.Activation, layout, data, LossConvention.HalfMse);
            var theta = net.Parameters.ToArray();
            var grad = new double[theta.Length];
            void Step()
            {
                engine.Compute(theta, grad);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(grad, -1e-6, theta, theta);
            }
            for (int r = 0; r < 5; r++) { ForwardPass.Predict(net, data); Step(); }
            var tf = new List<double>();
            var ts = new List<double>();
            for (int r = 0; r < repetitions; r++)
            {
                tf.Add(Time(() => ForwardPass.Predict(net, data)));
                ts.Add(Time(Step));
            }
            double f = Median(tf), s = Median(ts);
            if (exportDirectory is not null)
            {
                string stem = Path.Combine(exportDirectory, label.StartsWith("Fig. 3", StringComparison.Ordinal) ? "fig3" : "fig2");
                Directory.CreateDirectory(exportDirectory);
                var at = net.Parameters.ToArray();
                var g = new double[at.Length];
                engine.Compute(at, g);
                void Write(string name, double[] values) => File.WriteAllBytes($"{stem}.{name}.bin", System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
                Write("x", data.Inputs.ToArray());
                Write("y", data.Targets.ToArray());
                Write("theta", at);
                Write("grad", g);
                File.WriteAllText($"{stem}.json", $"{{\"n\": {n}, \"d\": {d}, \"m\": {m}, \"stepSeconds\": {s.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, \"forwardSeconds\": {f.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, \"threads\": {Environment.ProcessorCount}}}\n");
            }
            Console.WriteLine($"{label}: n = {n}, d = {d}, width {m}, P = {layout.Count}, threads = {Environment.ProcessorCount}");
            Console.WriteLine($"  forward pass          {f * 1e3,8:F2} ms");
            Console.WriteLine($"  GD step (fused)       {s * 1e3,8:F2} ms   ratio to forward {s / f,5:F2}   (target <= 3)   {1 / s,7:F0} steps/s");
        }
    }
}
