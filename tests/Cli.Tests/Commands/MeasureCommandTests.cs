using System.Text.Json;
using Flatness.Numerics.Curvature;
using Flatness.Inputs;
using Flatness.Numerics.Networks;

namespace Flatness.Cli.Tests.Commands;

public class MeasureCommandTests
{
    internal const string Model = """
        {"activation": {"name": "relu"}, "outputWeights": [1.5, -0.7, 0.4],
         "hiddenWeights": [[1, 0.5], [-0.3, 1.2], [0.8, -0.6]], "hiddenBiases": [0.1, -0.2, 0.05], "outputBias": 0.3}
        """;
    internal const string Data = "x1,x2,y\n0.5,1.0,1.2\n-1.0,0.3,0.1\n1.5,-0.7,2.0\n0.2,0.2,0.9\n";

    [Test]
    public void Json_HasEveryDocumentedField_AndTheTraceOfTheDenseHessian()
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run("measure", "--model", cli.File("m.json", Model), "--data", cli.File("d.csv", Data), "--json", "--spectrum");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(err, Is.Empty);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        foreach (var field in new[] { "samples", "parameters", "loss", "hessianTrace", "gaussNewtonTrace", "lambdaMax", "lambdaMin", "orbitMinimalTrace", "minAbsPreactivation", "eigenvalues" })
            Assert.That(root.TryGetProperty(field, out _), Is.True, field);
        var net = ModelFile.Parse(Model);
        var data = DataFile.Parse(Data);
        var dense = DenseHessian.Compute(net, data, LossConvention.Mse);
        var eig = dense.Eigenvalues();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("samples").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("parameters").GetInt32(), Is.EqualTo(13));
            Assert.That(root.GetProperty("hessianTrace").GetDouble(), Is.EqualTo(dense.Trace()).Within(1e-12).Percent);
            Assert.That(root.GetProperty("lambdaMax").GetDouble(), Is.EqualTo(eig[^1]).Within(1e-8).Percent);
            Assert.That(root.GetProperty("lambdaMin").GetDouble(), Is.EqualTo(eig[0]).Within(1e-8).Percent);
            var values = root.GetProperty("eigenvalues").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.That(values, Has.Length.EqualTo(13));
            Assert.That(values, Is.Ordered);
            Assert.That(root.GetProperty("orbitMinimalTraceStatus").GetString(), Is.EqualTo("attained"));
        });
    }

    [Test]
    public void HalfMse_HalvesEveryCurvatureNumber()
    {
        using var cli = new CliRunner();
        string m = cli.File("m.json", Model), d = cli.File("d.csv", Data);
        using var mse = JsonDocument.Parse(cli.Run("measure", "--model", m, "--data", d, "--json").Out);
        using var half = JsonDocument.Parse(cli.Run("measure", "--model", m, "--data", d, "--json", "--loss", "half-mse").Out);
        foreach (var field in new[] { "hessianTrace", "lambdaMax", "orbitMinimalTrace" })
            Assert.That(half.RootElement.GetProperty(field).GetDouble(), Is.EqualTo(mse.RootElement.GetProperty(field).GetDouble() / 2).Within(1e-10).Percent, field);
        Assert.That(half.RootElement.GetProperty("nu").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void WithoutJson_PrintsAReadableTable()
    {
        using var cli = new CliRunner();
        var (code, output, _) = cli.Run("measure", "--model", cli.File("m.json", Model), "--data", cli.File("d.csv", Data));
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("Hessian trace").And.Contain("orbit-minimal trace").And.Contain("lambda_max"));
        Assert.That(output, Does.Not.Contain("\u001b["), "no ANSI escapes when redirected");
    }

    [Test]
    public void ZeroOutputWeight_OrbitMinimalTraceIsNull_WithItsStatus()
    {
        using var cli = new CliRunner();
        string model = """{"activation": {"name": "relu"}, "outputWeights": [1, 0], "hiddenWeights": [[1, 0.5], [0.3, 1]]}""";
        var (code, output, _) = cli.Run("measure", "--model", cli.File("m.json", model), "--data", cli.File("d.csv", "a,b,y\n1,1,1.5\n2,-0.5,1.75\n"), "--json");
        Assert.That(code, Is.EqualTo(0));
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("orbitMinimalTrace").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(doc.RootElement.GetProperty("orbitMinimalTraceStatus").GetString(), Is.EqualTo("not-attained"));
        Assert.That(doc.RootElement.GetProperty("orbitInfimum").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void LargeInterpolator_SpectrumComesFromTheGramMatrix()
    {
        // P = 80·(3+2)+1 = 401 ≤ 1500 is dense; use m = 400 so P = 2001 > 1500 and n = 30: Gram route.
        using var cli = new CliRunner();
        var rng = new Flatness.Numerics.Randomness.Rng(3);
        var w = Enumerable.Range(0, 400).Select(_ => new[] { rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian() }).ToArray();
        var a = Enumerable.Range(0, 400).Select(_ => rng.NextGaussian() / 20).ToArray();
        var net = TwoLayerNetwork.FromWeights(new Relu(), a, w, Enumerable.Range(0, 400).Select(_ => rng.NextGaussian()).ToArray(), 0.1);
        var x = new double[30 * 3];
        rng.FillGaussian(x);
        var data = new Dataset(x, new double[30], 3);
        data = data.WithTargets(net.Predict(data));
        var (code, output, err) = cli.Run("measure", "--model", cli.File("m.json", ModelFile.Serialize(net)), "--data", cli.File("d.csv", DataFile.Format(data)), "--json", "--spectrum");
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("spectrumMethod").GetString(), Is.EqualTo("gram"));
        var values = root.GetProperty("eigenvalues").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.That(values, Has.Length.EqualTo(2001));
        Assert.That(values[^1], Is.EqualTo(root.GetProperty("lambdaMax").GetDouble()).Within(1e-8).Percent);
        Assert.That(values.Sum(), Is.EqualTo(root.GetProperty("hessianTrace").GetDouble()).Within(1e-8).Percent);
    }
}
