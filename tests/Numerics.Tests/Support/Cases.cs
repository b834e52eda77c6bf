using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Tests.Support;

/// <summary>A random test case: a small network and data, optionally interpolated, kept away from kinks.</summary>
public sealed record TestNet(string Name, TwoLayerNetwork Network, Dataset Data)
{
    public override string ToString() => Name;
}

public static class Cases
{
    /// <summary>The positively homogeneous activations (the orbit, rescaling and paper A/B constructions apply).</summary>
    public static readonly string[] ActivationNames = ["relu", "leaky_relu", "abs", "relu2", "relu3"];

    /// <summary>The smooth, non-homogeneous activations: σ'' ≠ 0, so the residual term is present off interpolation.</summary>
    public static readonly string[] SmoothActivationNames = ["gelu", "gelu_tanh", "silu", "tanh"];

    /// <summary>Every activation the curvature core handles.</summary>
    public static IEnumerable<string> AllActivationNames => ActivationNames.Concat(SmoothActivationNames);

    /// <summary>A bias-free network of width <paramref name="m"/> on ℝ^<paramref name="d"/> with standard Gaussian weights.</summary>
    public static TwoLayerNetwork RandomBiasFree(Activation act, int m, int d, Rng rng)
    {
        var a = new double[m];
        rng.FillGaussian(a);
        var w = new double[m][];
        for (int j = 0; j < m; j++)
        {
            w[j] = new double[d];
            rng.FillGaussian(w[j]);
        }
        return TwoLayerNetwork.FromWeights(act, a, w);
    }

    public static Activation MakeActivation(string name) => name switch
    {
        "relu" => new Relu(),
        "leaky_relu" => new LeakyRelu(0.2),
        "abs" => new AbsoluteValue(),
        "relu2" => new ReluPower(2),
        "relu3" => new ReluPower(3),
        "gelu" => new Gelu(),
        "gelu_tanh" => new GeluTanh(),
        "silu" => new Silu(),
        "tanh" => new Tanh(),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Gaussian θ and inputs; every |zᵢⱼ| ≥ <paramref name="kinkMargin"/> (inputs are redrawn until so).</summary>
    public static TestNet Make(string activation, bool hiddenBias, bool outputBias, bool interpolate, int n, int d, int m, ulong seed,
        double kinkMargin = 0.05)
    {
        var rng = new Rng(seed);
        var layout = new ParameterLayout(m, d, hiddenBias, outputBias);
        var theta = new double[layout.Count];
        rng.FillGaussian(theta);
        var net = new TwoLayerNetwork(MakeActivation(activation), layout, theta);
        var x = new double[n * d];
        var xi = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int attempt = 0; ; attempt++)
            {
                rng.FillGaussian(xi);
                if (MinAbsZ(net, xi) >= kinkMargin || attempt > 1000) break;
            }
            xi.CopyTo(x, i * d);
        }
        var y = new double[n];
        rng.FillGaussian(y);
        var data = new Dataset(x, y, d);
        if (interpolate) data = data.WithTargets(net.Predict(data));
        string name = $"{activation}{(hiddenBias ? "+b" : "")}{(outputBias ? "+beta" : "")}{(interpolate ? "@interp" : "")} n{n} d{d} m{m} seed{seed}";
        return new TestNet(name, net, data);
    }

    private static double MinAbsZ(TwoLayerNetwork net, double[] x)
    {
        double best = double.PositiveInfinity;
        for (int j = 0; j < net.Width; j++)
        {
            var w = net.HiddenWeight(j);
            double z = net.HiddenBias(j);
            for (int k = 0; k < x.Length; k++) z += w[k] * x[k];
            best = Math.Min(best, Math.Abs(z));
        }
        return best;
    }

    /// <summary>Every activation (homogeneous, then smooth) × hidden bias × output bias × interpolation, small sizes, for
    /// [TestCaseSource]; the homogeneous cases keep the seeds they had before the smooth ones were added.</summary>
    public static IEnumerable<TestNet> All(int n = 5, int d = 3, int m = 4)
    {
        ulong seed = 100;
        foreach (var act in AllActivationNames)
            foreach (bool hb in new[] { false, true })
                foreach (bool ob in new[] { false, true })
                    foreach (bool interp in new[] { false, true })
                        yield return Make(act, hb, ob, interp, n, d, m, seed++);
    }
}
