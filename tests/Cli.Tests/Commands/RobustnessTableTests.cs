using System.Globalization;
using System.Text;
using Flatness.Inputs;
using Flatness.Numerics.Networks;

namespace Flatness.Cli.Tests.Commands;

/// <summary>The robustness table: each bad input gets exit 2, one line on stderr naming the user's file or option, nothing
/// on stdout and nothing written. Files are named by role (MODEL, DATA, X, Y, OUT) and created per case.</summary>
public class RobustnessTableTests
{
    private static readonly byte[] GoodModel = Encoding.UTF8.GetBytes(MeasureCommandTests.Model);
    private static readonly byte[] GoodData = Encoding.UTF8.GetBytes(MeasureCommandTests.Data);

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Safetensors(string header, params float[] values)
    {
        var h = Encoding.UTF8.GetBytes(header);
        return BitConverter.GetBytes((ulong)h.Length).Concat(h).Concat(values.SelectMany(BitConverter.GetBytes)).ToArray();
    }

    private static byte[] Npy(string descr, string shape, byte[] data, bool fortran = false)
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({shape}), }}";
        while ((10 + header.Length + 1) % 64 != 0) header += " ";
        header += "\n";
        return new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }
            .Concat(BitConverter.GetBytes((ushort)header.Length)).Concat(Encoding.ASCII.GetBytes(header)).Concat(data).ToArray();
    }

    private static byte[] F8(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    /// <summary>1×1 ReLU network, F32, in the nn.Sequential layout (no biases).</summary>
    private const string St1 = "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]}}";

    private static byte[] WideModel()
    {
        // m = 400, d = 2 with biases: P = 400·3 + 400 + 1 = 1601 > 1500, the dense-spectrum limit; not interpolating.
        var w = string.Join(",", Enumerable.Range(0, 400).Select(j => $"[{(j % 7 - 3) * 0.1},{(j % 5 - 2) * 0.1}]"));
        var a = string.Join(",", Enumerable.Range(0, 400).Select(j => (j % 3 - 1).ToString(CultureInfo.InvariantCulture)));
        var b = string.Join(",", Enumerable.Range(0, 400).Select(_ => "0.01"));
        return Text($"{{\"activation\":{{\"name\":\"relu\"}},\"outputWeights\":[{a}],\"hiddenWeights\":[{w}],\"hiddenBiases\":[{b}],\"outputBias\":0}}");
    }

    /// <summary>2²⁴ + 2 bytes "1,1,...,1" without a line break: Sep's row limit (<see cref="DataFile.RowLengthLimit"/>) at
    /// 1/70 of the 1.2 GiB file of issue #16, which aborted the CLI with exit 134 before.</summary>
    private static readonly Lazy<byte[]> NoLineBreak = new(() => Text(string.Concat(Enumerable.Repeat("1,", (DataFile.RowLengthLimit / 2) + 1))));

    /// <summary>A header, a sample, then a sample padded to 2²⁴ + 1000 characters on line 3.</summary>
    private static readonly Lazy<byte[]> LongRow = new(() => Text("x1,x2,y\n0.5,1.0,1.2\n0.5,1.0," + new string(' ', DataFile.RowLengthLimit + 1000) + "1.2\n"));

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, Dictionary<string, byte[]> files, string[] args, string names, string expected) =>
            new TestCaseData(files, args, names, expected).SetName(name);
        var md = new Dictionary<string, byte[]> { ["MODEL"] = GoodModel, ["DATA"] = GoodData };
        Dictionary<string, byte[]> With(string role, byte[] content) => new(md) { [role] = content };
        string[] measure = ["measure", "--model", "MODEL", "--data", "DATA", "--json"];

        yield return Case("weights near 1e155", With("MODEL", Text(MeasureCommandTests.Model.Replace("1.5, -0.7", "1e155, -0.7").Replace("[[1, 0.5]", "[[1e155, 0.5]"))), measure, "MODEL", "overflows double precision");
        yield return Case("targets near 1e155", With("DATA", Text("x1,x2,y\n0.5,1.0,1e155\n-1.0,0.3,0.1\n")), measure, "DATA", "too large");
        yield return Case("inputs near 1e155", With("DATA", Text("x1,x2,y\n1e155,1.0,1\n-1.0,0.3,0.1\n")), measure, "DATA", "rescale the data");
        yield return Case("rescale of targets near 1e155", With("DATA", Text("x1,x2,y\n0.5,1.0,1e155\n-1.0,0.3,0.1\n")), ["rescale", "--balance", "--model", "MODEL", "--data", "DATA"], "DATA", "a residual");
        var hugeY = new Dictionary<string, byte[]>(md) { ["X"] = Npy("<f8", "2, 2", F8(1, 2, 3, 4)), ["Y"] = Npy("<f8", "2,", F8(1e155, 2)) };
        yield return Case("npy targets near 1e155", hugeY, ["measure", "--model", "MODEL", "--inputs", "X", "--targets", "Y"], "Y", "a residual");
        yield return Case("data file without a line break", With("DATA", NoLineBreak.Value), measure, "DATA", "line 1 is longer than 16777216 characters");
        yield return Case("data row longer than the reader's limit", With("DATA", LongRow.Value), measure, "DATA", "line 3 is longer than 16777216 characters");
        yield return Case("rescale of weights near 1e155", With("MODEL", Text(MeasureCommandTests.Model.Replace("[[1, 0.5]", "[[1e160, 0.5]"))), ["rescale", "--balance", "--model", "MODEL", "--data", "DATA"], "MODEL", "rescale the data or the weights");
        yield return Case("data without a header", With("DATA", Text("0.5,1.0,1.2\n-1.0,0.3,0.1\n")), measure, "DATA", "--no-header");
        yield return Case("--no-header with too few columns", With("DATA", Text("5\n6\n")), [.. measure, "--no-header"], "DATA", "need at least one input column");
        yield return Case("duplicate JSON key", With("MODEL", Text("{\"activation\":{\"name\":\"relu\"},\"outputWeights\":[1],\"outputWeights\":[1],\"hiddenWeights\":[[1,2]]}")), measure, "MODEL", "appears twice");
        yield return Case("relu with a slope", With("MODEL", Text("{\"activation\":{\"name\":\"relu\",\"slope\":0.1},\"outputWeights\":[1],\"hiddenWeights\":[[1,2]]}")), measure, "MODEL", "has no property \"slope\"");
        yield return Case("--spectrum beyond its limits", With("MODEL", WideModel()), [.. measure, "--spectrum"], "MODEL", "--spectrum off interpolation needs P <= 1500");
        yield return Case("model is a folder", md, ["measure", "--model", "FOLDER", "--data", "DATA"], "FOLDER", "is a folder");
        yield return Case("binary model", With("MODEL", [0, 1, 2, 3, 255, 0, 7]), measure, "MODEL", "neither a model JSON nor a safetensors file");
        yield return Case("safetensors without --activation", With("MODEL", Safetensors(St1, 1, 2, 3)), measure, "MODEL", "--activation");
        yield return Case("safetensors truncated", With("MODEL", Safetensors(St1, 1, 2)), [.. measure, "--activation", "relu"], "MODEL", "truncated");
        yield return Case("safetensors header beyond the file", With("MODEL", BitConverter.GetBytes(4096UL).Concat(Text("{\"a\":1}")).ToArray()), [.. measure, "--activation", "relu"], "MODEL", "beyond the end of the file");
        yield return Case("safetensors unknown dtype", With("MODEL", Safetensors(St1.Replace("\"F32\",\"shape\":[1,1]", "\"F24\",\"shape\":[1,1]"), 1, 2, 3)), [.. measure, "--activation", "relu"], "MODEL", "unknown dtype");
        yield return Case("safetensors NaN", With("MODEL", Safetensors(St1, 1, float.NaN, 3)), [.. measure, "--activation", "relu"], "MODEL", "not a finite number");
        yield return Case("safetensors gap", With("MODEL", Safetensors(St1.Replace("[8,12]", "[12,16]"), 1, 2, 3, 4)), [.. measure, "--activation", "relu"], "MODEL", "gap");
        yield return Case("safetensors shape disagrees with the data", With("MODEL", Safetensors(St1.Replace("[1,2]", "[1,1]").Replace("[0,8]", "[0,4]").Replace("[8,12]", "[4,8]"), 1, 2)), [.. measure, "--activation", "relu"], "DATA", "input dimension 1");
        yield return Case("safetensors with an unmapped key", With("MODEL", Safetensors(St1.Replace("2.weight", "fc2.weight"), 1, 2, 3)), [.. measure, "--activation", "relu"], "MODEL", "--tensor-names");
        yield return Case("bad --activation", md, [.. measure, "--activation", "swish"], "--activation", "unknown activation");
        yield return Case("--activation contradicting the JSON model", md, [.. measure, "--activation", "abs"], "MODEL", "--activation says abs");
        yield return Case("bad --tensor-names", md, [.. measure, "--tensor-names", "first=fc1.weight"], "--tensor-names", "unknown role");
        yield return Case("npy with an integer dtype", With("DATA", Npy("<i8", "1, 3", F8(1, 2, 3))), measure, "DATA", "'<i8' is not supported");
        yield return Case("npy truncated", With("DATA", Npy("<f8", "2, 3", F8(1, 2, 3))), measure, "DATA", "truncated");
        yield return Case("npy non-finite", With("DATA", Npy("<f8", "1, 3", F8(1, double.NaN, 3))), measure, "DATA", "not a finite number");
        yield return Case("npy of one column", With("DATA", Npy("<f8", "2, 1", F8(1, 2))), measure, "DATA", "n×(d+1)");
        var xy = new Dictionary<string, byte[]>(md) { ["X"] = Npy("<f8", "2, 2", F8(1, 2, 3, 4)), ["Y"] = Npy("<f8", "3,", F8(1, 2, 3)) };
        yield return Case("npy targets disagree with inputs", xy, ["measure", "--model", "MODEL", "--inputs", "X", "--targets", "Y"], "Y", "3 targets, but");
        yield return Case("--inputs without --targets", xy, ["measure", "--model", "MODEL", "--inputs", "X"], "--targets", "the data is missing");
        yield return Case("--data with --inputs", xy, ["measure", "--model", "MODEL", "--data", "DATA", "--inputs", "X", "--targets", "Y"], "--data", "not both");
        yield return Case("--inputs given a CSV", xy, ["measure", "--model", "MODEL", "--inputs", "DATA", "--targets", "Y"], "DATA", "not a .npy file");
        yield return Case("rescale --out into a missing folder", md, ["rescale", "--balance", "--model", "MODEL", "--data", "DATA", "--out", "NOFOLDER/b.json"], "NOFOLDER/b.json", "the folder does not exist");
        yield return Case("rescale --out onto a folder", md, ["rescale", "--balance", "--model", "MODEL", "--data", "DATA", "--out", "FOLDER"], "FOLDER", "it is a folder");
        yield return Case("negative --seed", md, ["check", "--seed", "-1", "A-05"], "--seed", "a whole number ≥ 0");
        yield return Case("word for --timeout-ms", md, ["prove", "--timeout-ms", "soon"], "--timeout-ms", "is not a whole number");
    }

    [TestCaseSource(nameof(Cases))]
    public void BadInput_Exit2_OneLineNamingTheFile_NothingOnStdout_NothingWritten(Dictionary<string, byte[]> files, string[] args, string names, string expected)
    {
        using var cli = new CliRunner();
        var paths = new Dictionary<string, string>
        {
            ["FOLDER"] = Directory.CreateDirectory(Path.Combine(cli.Folder, "folder")).FullName,
            ["NOFOLDER"] = Path.Combine(cli.Folder, "nofolder"),
        };
        foreach (var (role, content) in files)
        {
            string path = Path.Combine(cli.Folder, role.ToLowerInvariant() + ".bin");
            File.WriteAllBytes(path, content);
            paths[role] = path;
        }
        string Resolve(string a) => paths.TryGetValue(a, out var p) ? p : a.StartsWith("NOFOLDER/", StringComparison.Ordinal) ? Path.Combine(paths["NOFOLDER"], a[9..]) : a;
        var before = Directory.EnumerateFileSystemEntries(cli.Folder, "*", SearchOption.AllDirectories).Order().ToList();
        var (code, output, err) = cli.Run(args.Select(Resolve).ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), err);
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), err);
            Assert.That(err, Does.StartWith("error: "));
            Assert.That(err, Does.Contain(Resolve(names)), "names the user's file or option");
            Assert.That(err, Does.Contain(expected));
            Assert.That(err, Does.Not.Contain("System.").And.Not.Contain(".tmp"), "no .NET type names or internal temp files");
            Assert.That(Directory.EnumerateFileSystemEntries(cli.Folder, "*", SearchOption.AllDirectories).Order().ToList(), Is.EqualTo(before), "nothing written");
        });
    }
}
