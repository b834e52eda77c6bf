// One full-batch GD step of paper B's 2-layer ReLU network (hidden and output biases, 1/(2n) loss), float64, in this
// suite's fused engine and in PyTorch through TorchSharp (autograd, the way a researcher would write it), measured in
// the same process at the same thread count. Settings: paper B's Fig. 3 (n = 512, d = 10, width 2048) and Fig. 2's
// largest cell (n = 512, d = 5, width 2048). Before timing, both gradients are compared (they must agree to 1e-10
// relative), so the two sides compute the same thing.
using System.Diagnostics;
using System.Globalization;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Training;
using TorchSharp;
using static Flatness.Benchmarks.Timing;
using static TorchSharp.torch;

int repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 31;
int threads = Environment.ProcessorCount;
torch.set_num_threads(threads);
Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetName().Version}, libtorch threads = {torch.get_num_threads()}, .NET threads = {threads}, repetitions = {repetitions} (medians)");

foreach (var (label, n, d, m) in new[] { ("Fig. 3", 512, 10, 2048), ("Fig. 2 largest cell", 512, 5, 2048) })
{
    var rng = new Rng(2026);
    // Paper B §9's data: x uniform in the unit ball, y = wᵀx + N(0, 1).
    var data = TeacherData.Linear(n, TeacherData.UnitDirection(d, rng), 1.0, rng).Data;
    var x = data.Inputs.ToArray();
    var y = data.Targets.ToArray();
    var layout = new ParameterLayout(m, d, true, true);
    var net = new TwoLayerNetwork(new Relu(), layout, KaimingInitialisation.Sample(layout, rng));
    var engine = new FullBatchGradient(net.Activation, layout, data, LossConvention.HalfMse);
    var theta = net.Parameters.ToArray();
    var grad = new double[theta.Length];
    const double eta = 1e-6;

    // The same parameters as torch tensors: W (m×d), b (m), a (m), β.
    var w0 = new double[m * d];
    var b0 = new double[m];
    var a0 = new double[m];
    for (int j = 0; j < m; j++)
    {
        var wj = net.HiddenWeight(j);
        for (int k = 0; k < d; k++) w0[j * d + k] = wj[k];
        b0[j] = net.HiddenBias(j);
        a0[j] = net.OutputWeight(j);
    }
    using var X = torch.tensor(x, new long[] { n, d }, ScalarType.Float64);
    using var Y = torch.tensor(y, ScalarType.Float64);
    using var W = torch.tensor(w0, new long[] { m, d }, ScalarType.Float64).requires_grad_();
    using var B = torch.tensor(b0, ScalarType.Float64).requires_grad_();
    using var A = torch.tensor(a0, ScalarType.Float64).requires_grad_();
    using var Beta = torch.tensor(new[] { net.OutputBias }, ScalarType.Float64).requires_grad_();

    void TorchGradient()
    {
        using var scope = torch.NewDisposeScope();
        foreach (var p in new[] { W, B, A, Beta }) p.grad?.zero_();
        var f = torch.nn.functional.relu(X.matmul(W.t()) + B).matmul(A) + Beta;
        var loss = (f - Y).pow(2).sum() / (2.0 * n);
        loss.backward();
    }
    void TorchStep()
    {
        TorchGradient();
        using var noGrad = torch.no_grad();
        foreach (var p in new[] { W, B, A, Beta }) p.add_(p.grad!, -eta);
    }
    void OurStep()
    {
        engine.Compute(theta, grad);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(grad, -eta, theta, theta);
    }

    // Same gradient on both sides before anything is timed (parameter order: per neuron a_j, w_j, b_j, then β).
    engine.Compute(theta, grad);
    TorchGradient();
    double[] gw = W.grad!.data<double>().ToArray(), gb = B.grad!.data<double>().ToArray(), ga = A.grad!.data<double>().ToArray();
    double gbeta = Beta.grad!.data<double>().ToArray()[0];
    var ours = new TwoLayerNetwork(new Relu(), layout, grad);
    double maxDiff = Math.Abs(ours.OutputBias - gbeta), maxAbs = Math.Abs(gbeta);
    for (int j = 0; j < m; j++)
    {
        var wj = ours.HiddenWeight(j);
        for (int k = 0; k < d; k++) { maxDiff = Math.Max(maxDiff, Math.Abs(wj[k] - gw[j * d + k])); maxAbs = Math.Max(maxAbs, Math.Abs(gw[j * d + k])); }
        maxDiff = Math.Max(maxDiff, Math.Max(Math.Abs(ours.HiddenBias(j) - gb[j]), Math.Abs(ours.OutputWeight(j) - ga[j])));
        maxAbs = Math.Max(maxAbs, Math.Max(Math.Abs(gb[j]), Math.Abs(ga[j])));
    }
    if (maxDiff > 1e-10 * maxAbs) throw new InvalidOperationException($"gradients differ: {maxDiff:G3} (max |g| {maxAbs:G3})");

    for (int r = 0; r < 5; r++) { OurStep(); TorchStep(); }
    var tOurs = new List<double>();
    var tTorch = new List<double>();
    for (int r = 0; r < repetitions; r++)
    {
        tOurs.Add(Time(OurStep));
        tTorch.Add(Time(TorchStep));
    }
    double o = Median(tOurs), t = Median(tTorch);
    Console.WriteLine($"{label}: n = {n}, d = {d}, width {m}, P = {layout.Count}; gradients agree to {maxDiff / maxAbs:G2} relative");
    Console.WriteLine($"  Flatness.Verify GD step {o * 1e3,8:F2} ms  {1 / o,7:F0} steps/s");
    Console.WriteLine($"  TorchSharp GD step      {t * 1e3,8:F2} ms  {1 / t,7:F0} steps/s");
    Console.WriteLine($"  speed-up (torch / ours) {t / o,8:F2}x   (target >= 2)");
}
