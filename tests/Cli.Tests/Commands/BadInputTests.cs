namespace Flatness.Cli.Tests.Commands;

/// <summary>Every kind of bad input: one line on stderr naming the file and problem, exit code 2, nothing on stdout.</summary>
public class BadInputTests
{
    private static readonly string GoodModel = MeasureCommandTests.Model;
    private static readonly string GoodData = MeasureCommandTests.Data;

    [TestCase("{\"activation\": ", null, "malformed JSON")]
    [TestCase("""{"activation": {"name": "swish"}, "outputWeights": [1], "hiddenWeights": [[1, 2]]}""", null, "unknown activation")]
    [TestCase("""{"activation": {"name": "gelu", "slope": 0.1}, "outputWeights": [1], "hiddenWeights": [[1, 2]]}""", null, "\"gelu\" has no property \"slope\"")]
    [TestCase("""{"activation": {"name": "relu"}, "outputWeights": [1, 2], "hiddenWeights": [[1, 2], [3]]}""", null, "ragged")]
    [TestCase("""{"activation": {"name": "relu"}, "outputWeights": [1e400], "hiddenWeights": [[1, 2]]}""", null, "not a finite number")]
    [TestCase(null, "x1,x2,y\n1,2,NaN\n", "not a finite number")]
    [TestCase(null, "x1,x2,y\n1,2,inf\n", "not a number")]
    [TestCase(null, "x1,x2,y\n1,2\n", "line 2 has 2 columns, the header has 3")]
    [TestCase(null, "x1,x2,y\n", "no data rows")]
    [TestCase(null, "", "empty")]
    [TestCase(null, "x1,x2,x3,y\n1,2,3,4\n", "input dimension 2")]
    public void Measure_BadFile(string? model, string? data, string expected)
    {
        using var cli = new CliRunner();
        string m = cli.File("model.json", model ?? GoodModel), d = cli.File("data.csv", data ?? GoodData);
        var (code, output, err) = cli.Run("measure", "--model", m, "--data", d, "--json");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), err);
            Assert.That(err, Does.Contain(expected));
            Assert.That(err, Does.Contain(model is not null ? "model.json" : "data.csv"));
        });
    }

    [TestCase("measure", "--model", "MISSING", "--data", "DATA")]
    [TestCase("measure", "--model", "MODEL", "--data", "MISSING")]
    [TestCase("measure", "--model", "MODEL", "--data", "DATA", "--loss", "l1")]
    [TestCase("measure", "--model", "MODEL")]
    [TestCase("measure", "--model", "MODEL", "--data", "DATA", "--bogus")]
    [TestCase("frobnicate")]
    [TestCase("rescale", "--model", "MODEL", "--data", "DATA")]
    [TestCase("rescale", "--model", "MODEL", "--data", "DATA", "--balance", "--out", "/proc/forbidden/x.json")]
    public void BadCommandLine(params string[] args)
    {
        using var cli = new CliRunner();
        string m = cli.File("model.json", GoodModel), d = cli.File("data.csv", GoodData);
        var resolved = args.Select(a => a switch { "MODEL" => m, "DATA" => d, "MISSING" => Path.Combine(cli.Folder, "missing.json"), _ => a }).ToArray();
        var (code, output, err) = cli.Run(resolved);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), err);
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.StartWith("error: "));
            Assert.That(err.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), err);
        });
    }
}
