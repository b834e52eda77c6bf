using System.Diagnostics;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

var rng = new Rng(1);
int n = 4096, m = 512, d = 64;
var x = new double[n * d]; rng.FillGaussian(x);
var y = new double[n]; rng.FillGaussian(y);
var data = new Dataset(x, y, d);
var layout = new ParameterLayout(m, d, true, true);
var theta = new double[layout.Count]; rng.FillGaussian(theta);
var net = new TwoLayerNetwork(new Relu(), layout, theta);
for (int rep = 0; rep < 3; rep++) {
var sw = Stopwatch.StartNew();
int reps = 20;
for (int r = 0; r < reps; r++) ForwardPass.Predict(net, data);
double tf = sw.Elapsed.TotalSeconds / reps;
sw.Restart();
for (int r = 0; r < reps; r++) HessianTrace.Compute(net, data);
double tt = sw.Elapsed.TotalSeconds / reps;
var op = HessianOperator.Create(net, data);
var v = new double[layout.Count]; rng.FillGaussian(v); var o = new double[layout.Count];
sw.Restart();
for (int r = 0; r < reps; r++) op.Multiply(v, o);
double th = sw.Elapsed.TotalSeconds / reps;
double flops = 2.0 * n * m * (d + 1);
Console.WriteLine($"forward {tf*1e3:F2} ms ({flops/tf/1e9:F1} GFLOP/s)  trace {tt*1e3:F2} ms ratio {tt/tf:F2}  hvp {th*1e3:F2} ms ratio {th/tf:F2}");
}
