using static Flatness.Benchmarks.Timing;
using System.Numerics.Tensors;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Training;

namespace Flatness.Benchmarks;

/// <summary>GELU's σ and σ' through <see cref="Gelu.Evaluate"/> (vector kernel) against the per-element code it replaced
/// (<see cref="Gelu.EvaluateScalar"/>), in ns per element, and the Fig. 3 GD step (n = 512, d = 10, width 2048) with a
/// GELU network on the general path, both ways, against the ReLU step; all interleaved in one process.</summary>
public static class GeluReport
{
    /// <summary>GELU with the per-element <see cref="Gelu.EvaluateScalar"/> as its span evaluation (the code before the
    /// vector kernel), for timing only.</summary>
    private sealed class ScalarGelu : SmoothActivation
    {
        private static readonly Gelu s_gelu = new();

        public override string Name => "gelu";

        public override double Value(double z) => s_gelu.Value(z);

        public override double Derivative(double z) => s_gelu.Derivative(z);

        public override double SecondDerivative(double z) => s_gelu.SecondDerivative(z);

        public override void Evaluate(ReadOnlySpan<double> z, Span<double> value, Span<double> first, Span<double> second) =>
            Gelu.EvaluateScalar(z, value, first, second);
    }

    /// <param name="repetitions">Interleaved repetitions of each timing (medians and spread are printed).</param>
    public static void Run(int repetitions)
    {
        Console.WriteLine(MachineInfo.Describe());
        Console.WriteLine(MachineInfo.Load("at the start"));
        const int n = 512, d = 10, m = 2048;
        var rng = new Rng(7);
        var z = new double[n * m];
        rng.FillGaussian(z);
        double[] v = new double[z.Length], d1 = new double[z.Length];
        var gelu = new Gelu();
        var scalar = new ScalarGelu();
        // Rows of width m, as FullBatchGradient and ForwardPass call it.
        void Rows(Activation act)
        {
            for (int o = 0; o < z.Length; o += m) act.Evaluate(z.AsSpan(o, m), v.AsSpan(o, m), d1.AsSpan(o, m), Span<double>.Empty);
        }
        WarmUp(() => { Rows(gelu); Rows(scalar); }, 0.5);
        var tOld = new List<double>();
        var tNew = new List<double>();
        for (int r = 0; r < repetitions; r++)
        {
            tOld.Add(Time(() => Rows(scalar)));
            tNew.Add(Time(() => Rows(gelu)));
        }
        double perOld = Median(tOld) / z.Length * 1e9, perNew = Median(tNew) / z.Length * 1e9;
        Console.WriteLine($"GELU σ, σ' over {n} rows of {m} (z ~ N(0, 1)): per-element {perOld:F2} ns/element, vector {perNew:F2} ns/element, " +
                          $"speed-up {perOld / perNew:F2}");

        var (data, reluNet) = TrainingRatioReport.Setting(n, d, m);
        var relu = new FullBatchGradient(reluNet.Activation, reluNet.Layout, data, LossConvention.HalfMse);
        var geluNew = new FullBatchGradient(gelu, reluNet.Layout, data, LossConvention.HalfMse);
        var geluOld = new FullBatchGradient(scalar, reluNet.Layout, data, LossConvention.HalfMse);
        var grad = new double[reluNet.Layout.Count];
        Action Step(FullBatchGradient engine)
        {
            var theta = reluNet.Parameters.ToArray();
            return () =>
            {
                engine.Compute(theta, grad);
                TensorPrimitives.MultiplyAdd(grad, -1e-6, theta, theta);
            };
        }
        Action sRelu = Step(relu), sNew = Step(geluNew), sOld = Step(geluOld);
        WarmUp(() => { sRelu(); sNew(); sOld(); }, 1.0);
        var tr = new List<double>();
        var tn = new List<double>();
        var to = new List<double>();
        for (int r = 0; r < repetitions; r++)
        {
            tr.Add(Time(sRelu));
            to.Add(Time(sOld));
            tn.Add(Time(sNew));
        }
        Console.WriteLine($"Fig. 3 GD step (n = {n}, d = {d}, width {m}), {repetitions} interleaved repetitions:");
        Console.WriteLine($"  ReLU (specialised)              {Spread(tr)}");
        Console.WriteLine($"  GELU, per-element σ (before)    {Spread(to)}   / ReLU {Median(to) / Median(tr):F2}");
        Console.WriteLine($"  GELU, vector σ (now)            {Spread(tn)}   / ReLU {Median(tn) / Median(tr):F2}");
        Console.WriteLine(MachineInfo.Load("at the end", Parallelism.MaxDegreeOfParallelism));
    }
}
