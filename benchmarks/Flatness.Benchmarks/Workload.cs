using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Benchmarks;

/// <summary>The benchmark workload: n = 4096, m = 512, d = 64, ReLU with hidden and output biases.</summary>
public sealed class Workload
{
    public Workload(int n = 4096, int m = 512, int d = 64, ulong seed = 2026)
    {
        var rng = new Rng(seed);
        var x = new double[n * d];
        rng.FillGaussian(x);
        var layout = new ParameterLayout(m, d, hasHiddenBias: true, hasOutputBias: true);
        var theta = new double[layout.Count];
        rng.FillGaussian(theta);
        for (int i = 0; i < theta.Length; i++) theta[i] /= Math.Sqrt(d);
        Network = new TwoLayerNetwork(new Relu(), layout, theta);
        var y = new double[n];
        rng.FillGaussian(y);
        Data = new Dataset(x, y, d);
        Samples = n;
        Width = m;
        InputDimension = d;
    }

    public TwoLayerNetwork Network { get; }
    public Dataset Data { get; }
    public int Samples { get; }
    public int Width { get; }
    public int InputDimension { get; }

    /// <summary>Flops of the pre-activation product X̃W̃ᵀ: 2·n·m·(d+1).</summary>
    public double ForwardFlops => 2.0 * Samples * Width * (InputDimension + 1);
}
