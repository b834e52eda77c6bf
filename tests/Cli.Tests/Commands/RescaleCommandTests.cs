using System.Text.Json;

namespace Flatness.Cli.Tests.Commands;

public class RescaleCommandTests
{
    [Test]
    public void Balance_WritesTheSameFunction_WithTraceEqualToTheOrbitMinimum()
    {
        using var cli = new CliRunner();
        string m = cli.File("m.json", MeasureCommandTests.Model), d = cli.File("d.csv", MeasureCommandTests.Data);
        string outPath = Path.Combine(cli.Folder, "balanced.json");
        var (code, output, err) = cli.Run("rescale", "--model", m, "--data", d, "--balance", "--out", outPath);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Is.Empty);
        using var before = JsonDocument.Parse(cli.Run("measure", "--model", m, "--data", d, "--json").Out);
        using var after = JsonDocument.Parse(cli.Run("measure", "--model", outPath, "--data", d, "--json").Out);
        double orbit = before.RootElement.GetProperty("orbitMinimalTrace").GetDouble();
        Assert.Multiple(() =>
        {
            Assert.That(after.RootElement.GetProperty("hessianTrace").GetDouble(), Is.EqualTo(orbit).Within(1e-10).Percent);
            Assert.That(before.RootElement.GetProperty("hessianTrace").GetDouble(), Is.GreaterThan(orbit));
            Assert.That(after.RootElement.GetProperty("loss").GetDouble(), Is.EqualTo(before.RootElement.GetProperty("loss").GetDouble()).Within(1e-10).Percent);
        });
    }

    [Test]
    public void Balance_ToStdout_PrintsTheModel()
    {
        using var cli = new CliRunner();
        var (code, output, _) = cli.Run("rescale", "--model", cli.File("m.json", MeasureCommandTests.Model), "--data", cli.File("d.csv", MeasureCommandTests.Data), "--balance");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(Flatness.Inputs.ModelFile.Parse(output).Width, Is.EqualTo(3));
    }

    [Test]
    public void Balance_WhenTheMinimumIsNotAttained_FailsWithTheReason_AndWritesNothing()
    {
        using var cli = new CliRunner();
        string model = """{"activation": {"name": "relu"}, "outputWeights": [1, 0], "hiddenWeights": [[1, 0.5], [0.3, 1]]}""";
        string outPath = Path.Combine(cli.Folder, "balanced.json");
        var (code, output, err) = cli.Run("rescale", "--model", cli.File("m.json", model), "--data", cli.File("d.csv", "a,b,y\n1,1,1.5\n2,-0.5,1.75\n"), "--balance", "--out", outPath);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(err, Does.Contain("neuron 1"));
        Assert.That(File.Exists(outPath), Is.False);
    }
}
