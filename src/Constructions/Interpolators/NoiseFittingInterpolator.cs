using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Interpolators;

/// <summary>Teacher plus noise-fitting neurons, spec §7 class (b): the teacher's neurons unchanged, plus m' random-feature
/// neurons whose minimum-norm output weights interpolate the label noise yᵢ − g(xᵢ).</summary>
public static class NoiseFittingInterpolator
{
    /// <summary>Builds the width (m_teacher + <paramref name="extraNeurons"/>) interpolator; needs extraNeurons ≥ n.</summary>
    public static Construction Build(TwoLayerNetwork teacher, Dataset data, int extraNeurons, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(data);
        var g = teacher.Predict(data);
        var noise = new double[data.Count];
        for (int i = 0; i < data.Count; i++) noise[i] = data.Target(i) - g[i];
        var fit = RandomFeatureInterpolator.Build(teacher.Activation, data.WithTargets(noise), extraNeurons, rng);
        int m = teacher.Width + extraNeurons;
        var a = new double[m];
        var w = new IReadOnlyList<double>[m];
        for (int j = 0; j < teacher.Width; j++)
        {
            a[j] = teacher.OutputWeight(j);
            w[j] = teacher.HiddenWeight(j).ToArray();
        }
        for (int j = 0; j < extraNeurons; j++)
        {
            a[teacher.Width + j] = fit.Network.OutputWeight(j);
            w[teacher.Width + j] = fit.Network.HiddenWeight(j).ToArray();
        }
        var net = TwoLayerNetwork.FromWeights(teacher.Activation, a, w);
        return new Construction(net, Residual.Max(net, data));
    }
}
