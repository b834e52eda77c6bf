using BenchmarkDotNet.Attributes;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Benchmarks;

/// <summary>BenchmarkDotNet view of the same workload as <see cref="RatioReport"/> (absolute times, allocations).</summary>
[MemoryDiagnoser]
public class CurvatureBenchmarks
{
    private Workload _w = null!;
    private HessianOperator _op = null!;
    private double[] _v = null!, _hv = null!;

    [GlobalSetup]
    public void Setup()
    {
        _w = new Workload();
        _op = HessianOperator.Create(_w.Network, _w.Data);
        _v = new double[_w.Network.Layout.Count];
        new Rng(1).FillGaussian(_v);
        _hv = new double[_v.Length];
    }

    [Benchmark(Baseline = true)]
    public double[] Forward() => ForwardPass.Predict(_w.Network, _w.Data);

    [Benchmark]
    public double ExactTrace() => HessianTrace.Compute(_w.Network, _w.Data, LossConvention.Mse).Trace;

    [Benchmark]
    public double HessianVectorProduct()
    {
        _op.Multiply(_v, _hv);
        return _hv[0];
    }

    [Benchmark]
    public NetworkEvaluation CachedForward() => NetworkEvaluation.Evaluate(_w.Network, _w.Data);
}
