using System.Text.Json;
using Flatness.Numerics.Curvature;
using Flatness.Inputs;
using Flatness.Numerics.Networks;

namespace Flatness.Cli.Tests.Commands;

public class MeasurePaperBTests
{
    // Neurons 0 and 2 are antipodal in paper B's form: 2·relu(x₁ − 0.2) and 1·relu(−2x₁ + 0.4) = 2·relu(−(x₁ − 0.2))·…
    // (u, t) = (e₁, 0.2) with a = 2 and (−e₁, −0.2) with a = −1·2 = −2 → they merge to 0.
    private const string Model = """
        {"activation": {"name": "relu"}, "outputWeights": [2, 0.7, -1],
         "hiddenWeights": [[1, 0], [0.3, -0.9], [-2, 0]], "hiddenBiases": [-0.2, 0.1, 0.4], "outputBias": 0.2}
        """;
    private const string Data = "x1,x2,y\n0.5,0.3,1.2\n-0.6,0.3,0.1\n0.7,-0.4,0.9\n0.1,0.2,0.4\n-0.2,-0.8,0.3\n0.9,0.1,1.5\n";

    /// <summary>Independent brute force of the definitions: the plug-in weight written out per (u, t), the merge done
    /// by hand for this model, λ_max from the dense Hessian of the 1/(2n) loss.</summary>
    private static double PlugIn(Dataset data, double[] u, double t)
    {
        double OneSided(double[] uu, double tt)
        {
            int count = 0; double s = 0; var mean = new double[uu.Length];
            for (int i = 0; i < data.Count; i++)
            {
                var x = data.Input(i);
                double p = 0;
                for (int k = 0; k < uu.Length; k++) p += uu[k] * x[k];
                if (p <= tt) continue;
                count++; s += p - tt;
                for (int k = 0; k < uu.Length; k++) mean[k] += x[k] / 1.0;
            }
            if (count == 0) return 0;
            double m2 = mean.Sum(v => (v / count) * (v / count));
            return count / (double)data.Count * (s / data.Count) * Math.Sqrt(1 + m2);
        }
        return Math.Min(OneSided(u, t), OneSided(u.Select(v => -v).ToArray(), -t));
    }

    [TestCase("mse")]
    [TestCase("half-mse")]
    public void Json_ReportsPaperBQuantities_MatchingABruteForce(string loss)
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run("measure", "--model", cli.File("m.json", Model), "--data", cli.File("d.csv", Data), "--json", "--loss", loss);
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var data = DataFile.Parse(Data);
        var net = ModelFile.Parse(Model);
        double n1 = Math.Sqrt(0.3 * 0.3 + 0.9 * 0.9);
        var u1 = new[] { 0.3 / n1, -0.9 / n1 };
        double g0 = PlugIn(data, [1, 0], 0.2), g1 = PlugIn(data, u1, -0.1 / n1);
        double raw = 2 * g0 + 0.7 * n1 * g1 + 1 * 2 * g0;
        double reduced = 0.7 * n1 * g1;     // 2 + (−2) = 0 for the antipodal pair
        var dense = DenseHessian.Compute(net, data, LossConvention.HalfMse).Eigenvalues()[^1];
        double halfLoss = 0, radius = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double r = net.Evaluate(data.Input(i)) - data.Target(i);
            halfLoss += r * r / (2 * data.Count);
            radius = Math.Max(radius, Math.Sqrt(data.Input(i).ToArray().Sum(v => v * v)));
        }
        double bound = dense / 2 - 0.5 + (radius + 1) * Math.Sqrt(2 * halfLoss);
        var t32 = root.GetProperty("theorem32");
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("weightedPathNorm").GetDouble(), Is.EqualTo(raw).Within(1e-12).Percent);
            Assert.That(root.GetProperty("weightedVariation").GetDouble(), Is.EqualTo(reduced).Within(1e-12).Percent);
            Assert.That(t32.GetProperty("radius").GetDouble(), Is.EqualTo(radius).Within(1e-13).Percent);
            Assert.That(t32.GetProperty("lambdaMax").GetDouble(), Is.EqualTo(dense).Within(1e-10).Percent);
            Assert.That(t32.GetProperty("bound").GetDouble(), Is.EqualTo(bound).Within(1e-10).Percent);
            Assert.That(t32.GetProperty("slack").GetDouble(), Is.EqualTo(bound - reduced).Within(1e-9).Percent);
            Assert.That(t32.GetProperty("holds").GetBoolean(), Is.EqualTo(bound >= reduced));
            // Rates: neuron 0 fires on x₁ > 0.2 (3 of 6), neuron 2 on x₁ < 0.2 (3 of 6), neuron 1 on 0.3x₁ − 0.9x₂ + 0.1 > 0.
            var rates = root.GetProperty("activationRates");
            Assert.That(rates.GetProperty("medianRate").GetDouble(), Is.EqualTo(0.5).Within(1e-15));
            Assert.That(rates.GetProperty("activeShare").GetDouble(), Is.EqualTo(1.0).Within(1e-15));
        });
    }

    [Test]
    public void NonRelu_GivesNullsWithAReason()
    {
        using var cli = new CliRunner();
        string model = """{"activation": {"name": "abs"}, "outputWeights": [1, 0.5], "hiddenWeights": [[1, 0.5], [0.3, 1]]}""";
        var (code, output, err) = cli.Run("measure", "--model", cli.File("m.json", model), "--data", cli.File("d.csv", Data), "--json");
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        foreach (var field in new[] { "weightedVariation", "weightedPathNorm", "theorem32", "activationRates" })
            Assert.That(root.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Null), field);
        Assert.That(root.GetProperty("paperBNote").GetString(), Does.Contain("ReLU"));
    }

    [Test]
    public void Table_ShowsTheoremThreePointTwo()
    {
        using var cli = new CliRunner();
        var (code, output, _) = cli.Run("measure", "--model", cli.File("m.json", Model), "--data", cli.File("d.csv", Data));
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("|f|_Vg").And.Contain("Theorem 3.2").And.Contain("share of neurons"));
    }
}
