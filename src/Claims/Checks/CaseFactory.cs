using Flatness.Constructions.Sampling;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks;

/// <summary>A seeded random network with data, as used by the exact-numeric claims.</summary>
/// <param name="Label">Readable description for tables.</param>
/// <param name="Network">θ.</param>
/// <param name="Data">Samples (interpolated or not).</param>
internal sealed record NetCase(string Label, TwoLayerNetwork Network, Dataset Data)
{
    public int Degree => Network.Activation.Degree;
}

/// <summary>Builds the claims' random cases; every draw comes from the claim's own seed.</summary>
internal static class CaseFactory
{
    /// <summary>The activations of the specs: ReLU, leaky ReLU (α = 0.2), |z|, ReLU², ReLU³.</summary>
    public static readonly Activation[] Activations = [new Relu(), new LeakyRelu(0.2), new AbsoluteValue(), new ReluPower(2), new ReluPower(3)];

    /// <summary>The degree-1 activations.</summary>
    public static readonly Activation[] DegreeOne = [new Relu(), new LeakyRelu(0.2), new AbsoluteValue()];

    public static NetCase Make(Activation activation, bool hiddenBias, bool outputBias, bool interpolate, int n, int d, int m, Rng rng,
        double kinkMargin = 0.05)
    {
        var net = RandomNetworks.Gaussian(activation, new ParameterLayout(m, d, hiddenBias, outputBias), rng);
        var data = RandomNetworks.GaussianData(net, n, rng, interpolate, kinkMargin);
        string label = $"{activation.Describe()}, n={n}, d={d}, m={m}{(hiddenBias ? ", b" : "")}{(outputBias ? ", beta" : "")}";
        return new NetCase(label, net, data);
    }

    public static string Nu(LossConvention loss) => loss.Nu().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
