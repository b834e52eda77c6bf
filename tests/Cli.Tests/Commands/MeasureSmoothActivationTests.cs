using System.Text.Json;
using Flatness.Numerics.Curvature;
using Flatness.Inputs;
using Flatness.Numerics.Networks;

namespace Flatness.Cli.Tests.Commands;

/// <summary><c>measure</c> and <c>rescale</c> with the smooth activations gelu, gelu_tanh, silu and tanh (issue #19): the
/// curvature numbers with the residual term, and null homogeneity-based fields with their one-line notes.</summary>
public class MeasureSmoothActivationTests
{
    public static readonly string[] Names = ["gelu", "gelu_tanh", "silu", "tanh"];

    private static string Model(string activation) => MeasureCommandTests.Model.Replace("\"relu\"", $"\"{activation}\"", StringComparison.Ordinal);

    private static readonly string Data = MeasureCommandTests.Data;

    /// <summary>Every field but "memory" (the path taken and its estimates).</summary>
    private static string WithoutMemory(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return string.Join("\n", doc.RootElement.EnumerateObject().Where(p => p.Name != "memory").Select(p => p.ToString()));
    }

    [TestCaseSource(nameof(Names))]
    public void Json_GivesTheDenseHessiansCurvature_WithTheResidualTerm_AndNullsWhereHomogeneityIsNeeded(string activation)
    {
        using var cli = new CliRunner();
        string m = cli.File("m.json", Model(activation)), d = cli.File("d.csv", Data);
        var (code, output, err) = cli.Run("measure", "--model", m, "--data", d, "--json", "--spectrum");
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        // Reference: the dense Hessian assembled entry by entry with σ'' (DenseHessian), and its eigendecomposition.
        var dense = DenseHessian.Compute(ModelFile.Parse(Model(activation)), DataFile.Parse(Data), LossConvention.Mse);
        var eig = dense.Eigenvalues();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("activation").GetString(), Is.EqualTo(activation));
            Assert.That(root.GetProperty("degree").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("hessianTrace").GetDouble(), Is.EqualTo(dense.Trace()).Within(1e-12).Percent);
            Assert.That(Math.Abs(root.GetProperty("residualTrace").GetDouble()), Is.GreaterThan(1e-3 * Math.Abs(dense.Trace())), "off interpolation the residual term is present");
            Assert.That(root.GetProperty("lambdaMax").GetDouble(), Is.EqualTo(eig[^1]).Within(1e-8).Percent);
            Assert.That(root.GetProperty("lambdaMin").GetDouble(), Is.EqualTo(eig[0]).Within(1e-8).Percent);
            foreach (string field in new[] { "orbitMinimalTrace", "orbitMinimalTraceStatus", "orbitInfimum", "weightedVariation", "weightedPathNorm", "theorem32", "activationRates" })
                Assert.That(root.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Null), field);
            Assert.That(root.GetProperty("orbitNote").GetString(), Does.StartWith($"{activation} is not positively homogeneous"));
            Assert.That(root.GetProperty("paperBNote").GetString(), Does.Contain("for ReLU networks").And.Contain(activation));
            Assert.That(root.GetProperty("onKink").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("minAbsPreactivation").GetDouble(), Is.GreaterThan(0));
        });
    }

    [TestCaseSource(nameof(Names))]
    public void StreamedMeasurement_IsBitIdenticalToTheCachedOne(string activation)
    {
        using var cli = new CliRunner();
        string m = cli.File("m.json", Model(activation)), d = cli.File("d.csv", Data);
        var cached = cli.Run("measure", "--model", m, "--data", d, "--json");
        var streamed = cli.Run("measure", "--model", m, "--data", d, "--json", "--memory", "1KB");
        Assert.That((cached.Code, streamed.Code), Is.EqualTo((0, 0)), cached.Err + streamed.Err);
        Assert.That(streamed.Out, Does.Contain("\"evaluation\": \"streaming\""));
        Assert.That(WithoutMemory(streamed.Out), Is.EqualTo(WithoutMemory(cached.Out)));
    }

    [Test]
    public void OnAKinkFreeActivation_ASampleAtZIsZero_IsNotOnAKink()
    {
        // Sample (0, 0) gives z = b = 0 for the bias-free model: a kink for ReLU, an ordinary point for gelu.
        using var cli = new CliRunner();
        string model = """{"activation": {"name": "gelu"}, "outputWeights": [1, -0.5], "hiddenWeights": [[1, 0.5], [0.3, 1]]}""";
        var (code, output, err) = cli.Run("measure", "--model", cli.File("m.json", model), "--data", cli.File("d.csv", "a,b,y\n0,0,1\n2,-0.5,1.75\n"), "--json");
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("minAbsPreactivation").GetDouble(), Is.Zero);
        Assert.That(doc.RootElement.GetProperty("onKink").GetBoolean(), Is.False);
    }

    [Test]
    public void Table_SaysNotHomogeneous_AndWhy()
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run("measure", "--model", cli.File("m.json", Model("silu")), "--data", cli.File("d.csv", Data));
        Assert.That(code, Is.EqualTo(0), err);
        // The notes wrap inside the 80-column table: match words that stay on one line.
        Assert.That(output, Does.Contain("silu (not homogeneous)").And.Contain("smooth activation").And.Contain("positively"));
    }

    [TestCaseSource(nameof(Names))]
    public void Rescale_RefusesASmoothActivation_WithExitTwoAndOneLine(string activation)
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run("rescale", "--balance", "--model", cli.File("m.json", Model(activation)), "--data", cli.File("d.csv", Data));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), err);
            Assert.That(err, Does.Contain("m.json").And.Contain("needs a positively homogeneous activation").And.Contain($"{activation} is not positively homogeneous"));
        });
    }

    [TestCase("gelu:0.1", "gelu takes no parameter")]
    [TestCase("tanh:2", "tanh takes no parameter")]
    [TestCase("swish", "unknown activation")]
    public void SafetensorsActivation_WithAParameterItDoesNotTake_ExitsTwo(string activation, string expected)
    {
        using var cli = new CliRunner();
        string fixture = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "pytorch", "model.safetensors");
        var (code, output, err) = cli.Run("measure", "--model", fixture, "--activation", activation, "--data", Path.ChangeExtension(fixture, null).Replace("model", "data", StringComparison.Ordinal) + ".npy");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), err);
            Assert.That(err, Does.Contain("--activation").And.Contain(expected));
        });
    }
}
