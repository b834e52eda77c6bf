using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Training;

namespace Flatness.Numerics.Tests.Training;

/// <summary>The initialisation schemes against their stated distributions: ranges exactly, second moments within 5 % (about
/// 14 standard errors for the 65 536 hidden weights, 3.6 for the 4096 output weights; the draw is fixed), for the hidden
/// and the output layer separately (a fan-in taken from the wrong layer changes the output variance by m/d = 256).</summary>
public class InitialisationTests
{
    private const int D = 16, M = 4096;
    private static readonly ParameterLayout Layout = new(M, D, true, true);

    private static (double[] W, double[] B, double[] A) Split(double[] theta)
    {
        var w = new List<double>();
        var b = new double[M];
        var a = new double[M];
        for (int j = 0; j < M; j++)
        {
            int o = Layout.NeuronOffset(j);
            for (int k = 0; k < D; k++) w.Add(theta[o + k]);
            b[j] = theta[o + D];
            a[j] = theta[Layout.OutputWeightIndex(j)];
        }
        return (w.ToArray(), b, a);
    }

    private static double Variance(double[] v) => v.Select(x => x * x).Average();

    [Test]
    public void PyTorchDefault_IsUniformOnPlusMinusOneOverRootFanIn_PerLayer()
    {
        var (w, b, a) = Split(Initialisation.Sample(InitialisationScheme.PyTorchDefault, Layout, new Rng(7)));
        double h = 1 / Math.Sqrt(D), o = 1 / Math.Sqrt(M);
        Assert.That(w.Concat(b).All(x => Math.Abs(x) <= h), Is.True);
        Assert.That(a.All(x => Math.Abs(x) <= o), Is.True);
        Assert.That(Variance(w) / (h * h / 3), Is.EqualTo(1).Within(0.05));
        Assert.That(Variance(a) / (o * o / 3), Is.EqualTo(1).Within(0.05));
    }

    [TestCase(InitialisationScheme.PyTorchDefault)]
    [TestCase(InitialisationScheme.HeNormal)]
    public void Biases_AreUniformOnPlusMinusOneOverRootFanIn_WithBothSigns(InitialisationScheme scheme)
    {
        // Both schemes draw b ~ U(±1/√d) and β ~ U(±1/√m): second moment h²/3, both signs, β inside its range and not 0.
        var theta = Initialisation.Sample(scheme, Layout, new Rng(11));
        var (_, b, _) = Split(theta);
        double h = 1 / Math.Sqrt(D), o = 1 / Math.Sqrt(M);
        Assert.That(Variance(b) / (h * h / 3), Is.EqualTo(1).Within(0.1));
        Assert.That(b.Count(x => x < 0), Is.InRange(M / 2 - 200, M / 2 + 200));
        double beta = theta[Layout.OutputBiasIndex];
        Assert.That(Math.Abs(beta), Is.GreaterThan(0).And.LessThan(o));
        var betas = Enumerable.Range(0, 64).Select(s => Initialisation.Sample(scheme, new ParameterLayout(3, 2, true, true), new Rng((ulong)s))[^1]).ToArray();
        Assert.That(betas.Count(x => x < 0), Is.InRange(16, 48), "β takes both signs");
        Assert.That(betas.All(x => Math.Abs(x) <= 1 / Math.Sqrt(3)), Is.True);
    }

    [Test]
    public void HeNormal_HasVarianceTwoOverDForW_AndOneOverMForA()
    {
        var (w, b, a) = Split(Initialisation.Sample(InitialisationScheme.HeNormal, Layout, new Rng(7)));
        Assert.That(Variance(w) / (2.0 / D), Is.EqualTo(1).Within(0.05));
        Assert.That(Variance(a) / (1.0 / M), Is.EqualTo(1).Within(0.05));
        Assert.That(b.All(x => Math.Abs(x) <= 1 / Math.Sqrt(D)), Is.True);
    }
}
