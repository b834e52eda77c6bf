using System.Text.Json;
using Flatness.Inputs;

namespace Flatness.Cli.Tests.Commands;

/// <summary>The committed fixture made by real PyTorch 1.13 and NumPy 1.24 (Fixtures/pytorch/make_fixture.py): a float32
/// state_dict of nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1)) as safetensors, the data via np.save, the
/// same pair as model JSON and CSV, and the loss, Hessian trace and extreme eigenvalues from torch.autograd's dense
/// float64 Hessian (expected.json).</summary>
public class PyTorchFixtureTests
{
    private static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "pytorch", name);

    /// <summary>The measure JSON without its "model" object (format and dtype of the file read).</summary>
    private static string WithoutModel(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return string.Join("\n", doc.RootElement.EnumerateObject().Where(p => p.Name != "model").Select(p => p.ToString()));
    }

    private static string Measure(params string[] args)
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run(["measure", .. args, "--json"]);
        Assert.That(code, Is.EqualTo(0), err);
        return output;
    }

    [Test]
    public void SafetensorsAndNpy_MeasureExactlyAsTheEquivalentJsonAndCsv()
    {
        // Every field but "model" (how the model was stored) is the same text.
        static string Model(string json, string key)
        {
            using var doc = JsonDocument.Parse(json);
            var v = doc.RootElement.GetProperty("model").GetProperty(key);
            return v.ValueKind == JsonValueKind.Null ? "null" : v.GetString()!;
        }
        string fromPyTorch = Measure("--model", Fixture("model.safetensors"), "--activation", "relu", "--data", Fixture("data.npy"));
        string fromJson = Measure("--model", Fixture("model.json"), "--data", Fixture("data.csv"));
        Assert.That(WithoutModel(fromPyTorch), Is.EqualTo(WithoutModel(fromJson)));
        Assert.That((Model(fromPyTorch, "format"), Model(fromPyTorch, "dtype")), Is.EqualTo(("safetensors", "F32")));
        Assert.That((Model(fromJson, "format"), Model(fromJson, "dtype")), Is.EqualTo(("json", "null")));
        // X.npy holds float32 inputs, y.npy float64 targets: the same as data32.csv.
        string split = Measure("--model", Fixture("model.safetensors"), "--activation", "relu", "--inputs", Fixture("X.npy"), "--targets", Fixture("y.npy"));
        Assert.That(WithoutModel(split), Is.EqualTo(WithoutModel(Measure("--model", Fixture("model.json"), "--data", Fixture("data32.csv")))));
    }

    [Test]
    public void Measure_AgreesWithTorchAutogradsDenseHessian()
    {
        using var measured = JsonDocument.Parse(Measure("--model", Fixture("model.safetensors"), "--activation", "relu", "--data", Fixture("data.npy")));
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture("expected.json")));
        foreach (string key in new[] { "loss", "hessianTrace", "lambdaMax", "lambdaMin" })
        {
            double want = expected.RootElement.GetProperty(key).GetDouble(), got = measured.RootElement.GetProperty(key).GetDouble();
            // Both sides are float64 computations of the same quantity by different code (closed form + Lanczos here,
            // autograd + LAPACK there); 1e-10 relative leaves room for the Lanczos residual and summation order.
            Assert.That(got, Is.EqualTo(want).Within(1e-10 * Math.Abs(want)), key);
        }
    }

    [Test]
    public void Rescale_WritesSafetensorsWithTheSameKeysAndDtype_ThatMeasureLikeTheJsonBalance()
    {
        using var cli = new CliRunner();
        string outSt = Path.Combine(cli.Folder, "balanced.safetensors"), outJson = Path.Combine(cli.Folder, "balanced.json");
        var st = cli.Run("rescale", "--balance", "--model", Fixture("model.safetensors"), "--activation", "relu", "--data", Fixture("data.npy"), "--out", outSt);
        Assert.That(st.Code, Is.EqualTo(0), st.Err);
        Assert.That(st.Out, Is.Empty);
        var js = cli.Run("rescale", "--balance", "--model", Fixture("model.json"), "--data", Fixture("data.csv"), "--out", outJson);
        Assert.That(js.Code, Is.EqualTo(0), js.Err);
        var tensors = SafetensorsFile.Read(outSt);
        Assert.That(tensors.Select(t => (t.Name, t.DType, string.Join("x", t.Shape))),
            Is.EqualTo(new[] { ("0.weight", "F32", "4x3"), ("0.bias", "F32", "4"), ("2.weight", "F32", "1x4"), ("2.bias", "F32", "1") }));
        var fromSt = SafetensorsModel.FromTensors(tensors, new Flatness.Numerics.Networks.Relu(), TensorNames.Sequential, outSt).Network;
        var fromJson = ModelFile.Read(outJson);
        for (int k = 0; k < fromJson.Parameters.Length; k++)
            Assert.That(fromSt.Parameters[k], Is.EqualTo((double)(float)fromJson.Parameters[k]), "the F32 file holds the balanced weights rounded to F32");
        // An F64 round trip is exact: the balanced JSON written as safetensors measures identically.
        string outSt64 = Path.Combine(cli.Folder, "balanced64.safetensors");
        Assert.That(cli.Run("rescale", "--balance", "--model", Fixture("model.json"), "--data", Fixture("data.csv"), "--out", outSt64).Code, Is.EqualTo(0));
        Assert.That(WithoutModel(Measure("--model", outSt64, "--activation", "relu", "--data", Fixture("data.csv"))),
            Is.EqualTo(WithoutModel(Measure("--model", outJson, "--data", Fixture("data.csv")))));
    }
}
