using System.Globalization;
using System.Text;
using System.Text.Json;
using Flatness.Numerics.Curvature;
using Flatness.Inputs;
using Flatness.Numerics.Networks;

namespace Flatness.Cli.Tests.Commands;

/// <summary><c>measure --quantities / --tolerance / --memory</c> (issue #11).</summary>
public class MeasureScaleOptionsTests
{
    private static readonly string Model = MeasureCommandTests.Model;
    private static readonly string Data = MeasureCommandTests.Data;

    private static readonly string[] AllQuantityFields =
        ["hessianTrace", "gaussNewtonTrace", "residualTrace", "lambdaMax", "lambdaMin", "maxStableLearningRate", "orbitMinimalTrace",
         "orbitMinimalTraceStatus", "orbitInfimum", "orbitNote", "minAbsPreactivation", "onKink"];

    [TestCase("trace", new[] { "hessianTrace", "gaussNewtonTrace", "residualTrace" })]
    [TestCase("lambda-max", new[] { "lambdaMax", "maxStableLearningRate", "lanczos" })]
    [TestCase("lambda-min", new[] { "lambdaMin", "lanczos" })]
    [TestCase("orbit,kink", new[] { "orbitMinimalTrace", "orbitMinimalTraceStatus", "orbitInfimum", "orbitNote", "minAbsPreactivation", "onKink" })]
    public void Quantities_PrintOnlyTheirFields(string quantities, string[] present)
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run("measure", "--model", cli.File("m.json", Model), "--data", cli.File("d.csv", Data), "--json",
            "--quantities", quantities);
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        foreach (string field in AllQuantityFields.Append("lanczos"))
            Assert.That(root.TryGetProperty(field, out _), Is.EqualTo(present.Contains(field)), field);
        foreach (string always in new[] { "samples", "loss", "maxAbsResidual", "interpolating", "quantities", "memory" })
            Assert.That(root.TryGetProperty(always, out _), Is.True, always);
        Assert.That(root.GetProperty("quantities").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(quantities.Split(',')));
    }

    [Test]
    public void LambdaMaxAlone_StopsAtTheTolerance_AndReportsTheAchievedResidual()
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run("measure", "--model", cli.File("m.json", Model), "--data", cli.File("d.csv", Data), "--json",
            "--quantities", "lambda-max", "--tolerance", "1e-6");
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var lanczos = root.GetProperty("lanczos");
        // Reference: the dense Hessian's largest eigenvalue; |θ − λ| ≤ the Ritz residual.
        double lmax = DenseHessian.Compute(ModelFile.Parse(Model), DataFile.Parse(Data), LossConvention.Mse).Eigenvalues()[^1];
        Assert.Multiple(() =>
        {
            Assert.That(lanczos.GetProperty("converged").GetBoolean(), Is.True);
            Assert.That(lanczos.GetProperty("tolerance").GetDouble(), Is.EqualTo(1e-6));
            Assert.That(lanczos.GetProperty("relativeResidualMax").GetDouble(), Is.LessThanOrEqualTo(1e-6));
            Assert.That(lanczos.TryGetProperty("residualMin", out _), Is.False);
            Assert.That(Math.Abs(root.GetProperty("lambdaMax").GetDouble() - lmax), Is.LessThanOrEqualTo(lanczos.GetProperty("residualMax").GetDouble()));
            Assert.That(lanczos.GetProperty("iterations").GetInt32(), Is.LessThan(11)); // the default (both, 1e-10) takes 11 on this model
        });
    }

    [Test]
    public void Memory_ChoosesThePath_AndTheOutputIsOtherwiseIdentical()
    {
        // 300 samples so that the products run over several blocks; a budget of 1 byte forces streaming.
        var rng = new Random(5);
        var csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 300; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{rng.NextDouble() * 4 - 2:R},{rng.NextDouble() * 4 - 2:R},{rng.NextDouble():R}\n");
        using var cli = new CliRunner();
        string m = cli.File("m.json", Model), d = cli.File("d.csv", csv.ToString());
        var cached = cli.Run("measure", "--model", m, "--data", d, "--json", "--spectrum");
        var streamed = cli.Run("measure", "--model", m, "--data", d, "--json", "--spectrum", "--memory", "1B");
        Assert.That(cached.Code, Is.EqualTo(0), cached.Err);
        Assert.That(streamed.Code, Is.EqualTo(0), streamed.Err);
        using var c = JsonDocument.Parse(cached.Out);
        using var s = JsonDocument.Parse(streamed.Out);
        Assert.That(c.RootElement.GetProperty("memory").GetProperty("evaluation").GetString(), Is.EqualTo("cached"));
        Assert.That(s.RootElement.GetProperty("memory").GetProperty("evaluation").GetString(), Is.EqualTo("streaming"));
        Assert.That(s.RootElement.GetProperty("memory").GetProperty("budgetBytes").GetInt64(), Is.EqualTo(1));
        // Everything but the "memory" object and paper B's Theorem 3.2 is the same text: the two paths give the same bits.
        // Theorem 3.2's λ_max comes from a dense eigendecomposition on the cached path (P ≤ 400) and from the measurement's
        // own Lanczos, rescaled to the 1/(2n) loss, on the streamed one: the two agree to Lanczos accuracy.
        static string WithoutMemory(JsonElement root) => string.Join("\n", root.EnumerateObject().Where(p => p.Name is not "memory" and not "theorem32").Select(p => p.ToString()));
        Assert.That(WithoutMemory(s.RootElement), Is.EqualTo(WithoutMemory(c.RootElement)));
        var tc = c.RootElement.GetProperty("theorem32");
        var ts = s.RootElement.GetProperty("theorem32");
        Assert.That(tc.GetProperty("lambdaMaxMethod").GetString(), Is.EqualTo("dense"));
        Assert.That(ts.GetProperty("lambdaMaxMethod").GetString(), Is.EqualTo("lanczos"));
        double lc = tc.GetProperty("lambdaMax").GetDouble(), ls = ts.GetProperty("lambdaMax").GetDouble();
        Assert.That(ls, Is.EqualTo(lc).Within(1e-8 * Math.Abs(lc)));
        Assert.That(ts.GetProperty("halfMseLoss").GetDouble(), Is.EqualTo(tc.GetProperty("halfMseLoss").GetDouble()).Within(1e-14 * tc.GetProperty("halfMseLoss").GetDouble() + 1e-300));
    }

    [Test]
    public void Table_ShowsThePathAndOmitsQuantitiesNotAskedFor()
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run("measure", "--model", cli.File("m.json", Model), "--data", cli.File("d.csv", Data),
            "--quantities", "trace", "--memory", "0");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("Hessian trace").And.Contain("streaming"));
        Assert.That(output, Does.Not.Contain("lambda_max").And.Not.Contain("orbit-minimal"));
    }

    [TestCase("--quantities", "trace,curvature", "unknown quantity 'curvature'; valid: trace, lambda-max, lambda-min, orbit, kink, all")]
    [TestCase("--quantities", "", "no quantity named")]
    [TestCase("--tolerance", "0", "0 < TOL < 1")]
    [TestCase("--tolerance", "1.5", "0 < TOL < 1")]
    [TestCase("--tolerance", "-1e-6", "0 < TOL < 1")]
    [TestCase("--tolerance", "tight", "got 'tight'")]
    [TestCase("--tolerance", "NaN", "got 'NaN'")]
    [TestCase("--memory", "lots", "'lots' is not a size")]
    [TestCase("--memory", "-2GB", "'-2GB' is not a size")]
    [TestCase("--memory", "2XB", "'2XB' is not a size")]
    public void BadValues_ExitTwoWithOneLineAndNothingOnStdout(string option, string value, string expected)
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run("measure", "--model", cli.File("m.json", Model), "--data", cli.File("d.csv", Data), "--json",
            option, value);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), err);
            Assert.That(err, Does.Contain(expected));
        });
    }
}
