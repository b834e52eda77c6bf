using System.Text;
using Flatness.Inputs;
using Flatness.Numerics.Networks;

namespace Flatness.Inputs.Tests;

/// <summary>Fixtures are built byte by byte from the format's description (8-byte little-endian header length, JSON
/// header, raw little-endian data), independently of <see cref="SafetensorsFile.Serialize"/>.</summary>
public class SafetensorsFileTests
{
    internal static byte[] Build(string headerJson, params byte[][] data)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes((ulong)header.Length)); // little-endian on every .NET platform we run on
        bytes.AddRange(header);
        foreach (var d in data) bytes.AddRange(d);
        return bytes.ToArray();
    }

    internal static byte[] F32(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    internal static byte[] F64(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    /// <summary>state_dict of nn.Sequential(nn.Linear(2, 2), ReLU, nn.Linear(2, 1)) in F32.</summary>
    internal static byte[] Sequential2x2() => Build(
        "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
        + "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]},"
        + "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[24,32]},"
        + "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[32,36]},\"__metadata__\":{\"format\":\"pt\"}}   ",
        F32(1f, 2f, 0.5f, -1f), F32(0.1f, 0.2f), F32(1f, -2f), F32(0.3f));

    [Test]
    public void Parse_ReadsTheSequentialStateDict_IntoTheNetwork()
    {
        var model = SafetensorsModel.FromTensors(SafetensorsFile.Parse(Sequential2x2(), "m.safetensors"), new Relu(), TensorNames.Sequential, "m.safetensors");
        var net = model.Network;
        Assert.Multiple(() =>
        {
            Assert.That(net.Width, Is.EqualTo(2));
            Assert.That(net.InputDimension, Is.EqualTo(2));
            Assert.That(net.HiddenWeight(1).ToArray(), Is.EqualTo(new[] { 0.5, -1.0 }));
            Assert.That(net.HiddenBias(0), Is.EqualTo((double)0.1f), "F32 0.1 converted exactly");
            Assert.That(net.OutputWeight(1), Is.EqualTo(-2.0));
            Assert.That(net.OutputBias, Is.EqualTo((double)0.3f));
            Assert.That(model.DTypeSummary, Is.EqualTo("F32"));
            // f(x) at x = (1, 2): relu(1 + 4 + 0.1)·1 + relu(0.5 − 2 + 0.2)·(−2) + 0.3 = 5.1 + 0.3 (in F32-rounded weights)
            Assert.That(net.Evaluate([1.0, 2.0]), Is.EqualTo(1.0 + 4.0 + (double)0.1f + (double)0.3f).Within(1e-15));
        });
    }

    [Test]
    public void Decode_F16AndBF16_AreExact()
    {
        // F16 0x3C00 = 1, 0xC000 = −2, 0x3555 ≈ 0.333251953125; BF16 0x3F80 = 1, 0xC040 = −3, 0x3EAB = 0.333984375.
        Assert.That(SafetensorsFile.Decode([0x00, 0x3C, 0x00, 0xC0, 0x55, 0x35], "F16"), Is.EqualTo(new[] { 1.0, -2.0, 0.333251953125 }));
        Assert.That(SafetensorsFile.Decode([0x80, 0x3F, 0x40, 0xC0, 0xAB, 0x3E], "BF16"), Is.EqualTo(new[] { 1.0, -3.0, 0.333984375 }));
    }

    [Test]
    public void Encode_BF16_RoundsToNearestEven()
    {
        // 1 + 2⁻⁸ lies halfway between 1 (0x3F80) and 1 + 2⁻⁷ (0x3F81): ties to even → 0x3F80; 1 + 3·2⁻⁸ → 0x3F82.
        Assert.That(SafetensorsFile.Encode([1 + Math.Pow(2, -8), 1 + 3 * Math.Pow(2, -8)], "BF16"), Is.EqualTo(new byte[] { 0x80, 0x3F, 0x82, 0x3F }));
    }

    [Test]
    public void SerializeThenParse_RoundTripsEveryDtype_WithKeysAndShapes()
    {
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.5, -2], [[1, 2], [0.5, -1]], [0.25, 0.5], 0.75);
        foreach (string dtype in new[] { "F64", "F32", "F16", "BF16" })
        {
            var names = new TensorNames("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
            var dtypes = new Dictionary<string, string> { ["fc1.weight"] = dtype, ["fc1.bias"] = dtype, ["fc2.weight"] = dtype, ["fc2.bias"] = dtype };
            var bytes = SafetensorsModel.Serialize(net, names, dtypes);
            Assert.That(BitConverter.ToUInt64(bytes, 0) % 8, Is.EqualTo(0UL), "header padded to 8 bytes");
            var back = SafetensorsModel.FromTensors(SafetensorsFile.Parse(bytes), new Relu(), names, "x");
            Assert.That(back.Network.Parameters.ToArray(), Is.EqualTo(net.Parameters.ToArray()), dtype + ": these values are exact in every dtype");
            Assert.That(back.DTypeSummary, Is.EqualTo(dtype));
        }
    }

    [Test]
    public void Parse_BiasFreeVariant_HasNoBiases()
    {
        var bytes = Build("{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[0,8]},\"2.weight\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[8,16]}}",
            F64(2), F64(3));
        var net = SafetensorsModel.FromTensors(SafetensorsFile.Parse(bytes), new Relu(), TensorNames.Sequential, "x").Network;
        Assert.That(net.Layout.HasHiddenBias || net.Layout.HasOutputBias, Is.False);
        Assert.That(net.Evaluate([1.0]), Is.EqualTo(6.0));
    }

    private const string W = "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]}";
    private const string A = "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[4,8]}";

    public static IEnumerable<TestCaseData> Malformed()
    {
        byte[] ok = F32(1f, 2f);
        yield return new TestCaseData(new byte[] { 1, 2, 3 }, "truncated").SetName("shorter than the length field");
        yield return new TestCaseData(BitConverter.GetBytes(1000UL).Concat("{}"u8.ToArray()).ToArray(), "goes beyond the end of the file").SetName("header length beyond the file");
        yield return new TestCaseData(Build("{" + W + "," + A + "}", F32(1f)), "truncated").SetName("truncated data");
        yield return new TestCaseData(Build("{" + W + "," + A + "}", ok, [0]), "1 bytes after").SetName("trailing bytes");
        yield return new TestCaseData(Build("{" + W + ",\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[2,6]}}", F32(1f), [0, 0]), "overlapping").SetName("overlapping offsets");
        yield return new TestCaseData(Build("{" + W + ",\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[6,10]}}", ok, [0, 0]), "gap").SetName("gap between tensors");
        yield return new TestCaseData(Build("{" + W + ",\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[4,8]}}", ok), "needs 8 bytes").SetName("shape disagrees with offsets");
        yield return new TestCaseData(Build("{" + W + ",\"2.weight\":{\"dtype\":\"Q4\",\"shape\":[1,1],\"data_offsets\":[4,8]}}", ok), "unknown dtype").SetName("unknown dtype");
        yield return new TestCaseData(Build("{" + W + ",\"2.weight\":{\"dtype\":\"I32\",\"shape\":[1,1],\"data_offsets\":[4,8]}}", ok), "not supported").SetName("integer dtype");
        yield return new TestCaseData(Build("{" + W + "," + A + "}", F32(1f, float.NaN)), "not a finite number").SetName("NaN value");
        yield return new TestCaseData(Build("{" + W + "," + W + "}", F32(1f)), "twice").SetName("duplicate key");
        yield return new TestCaseData(Build("{" + W + "," + A + ",}", ok), "not valid JSON").SetName("malformed header JSON");
        yield return new TestCaseData(Build("[1]", []), "not a JSON object").SetName("header not an object");
        yield return new TestCaseData(Build("{" + W + ",\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,4]}}", ok), "begin ≤ end").SetName("reversed offsets");
    }

    [TestCaseSource(nameof(Malformed))]
    public void Parse_RejectsMalformedFiles_NamingTheFile(byte[] bytes, string expected)
    {
        var ex = Assert.Throws<InputException>(() => SafetensorsFile.Parse(bytes, "m.safetensors"))!;
        Assert.That(ex.Message, Does.StartWith("m.safetensors: ").And.Contain(expected));
    }

    public static IEnumerable<TestCaseData> WrongModels()
    {
        yield return new TestCaseData(Build("{" + W + "}", F32(1f)), "no tensor \"2.weight\"").SetName("missing output weight");
        yield return new TestCaseData(Build("{" + W + "," + A + ",\"x\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]}}", F32(1f, 2f, 3f)), "unexpected tensor \"x\"").SetName("extra tensor");
        yield return new TestCaseData(Build("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]}," + "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]}}", F32(1f, 2f, 3f)), "must be [1, 2]").SetName("widths disagree");
        yield return new TestCaseData(Build("{" + W + "," + A + ",\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}}", F32(1f, 2f, 3f, 4f, 5f)), "hidden bias must be [1]").SetName("bias shape");
        yield return new TestCaseData(Build("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}," + A + "}", F32(1f, 2f)), "must be m×d").SetName("weight not a matrix");
    }

    [TestCaseSource(nameof(WrongModels))]
    public void FromTensors_RejectsStateDictsOfOtherShapes(byte[] bytes, string expected)
    {
        var ex = Assert.Throws<InputException>(() => SafetensorsModel.FromTensors(SafetensorsFile.Parse(bytes, "m.st"), new Relu(), TensorNames.Sequential, "m.st"))!;
        Assert.That(ex.Message, Does.StartWith("m.st: ").And.Contain(expected));
    }

    [Test]
    public void TensorNames_Parse_MapsRoles_AndRejectsUnknownOnes()
    {
        var n = TensorNames.Parse("hidden.weight=fc1.weight, output.weight=fc2.weight");
        Assert.That(n, Is.EqualTo(new TensorNames("fc1.weight", "0.bias", "fc2.weight", "2.bias")));
        Assert.Throws<ArgumentException>(() => TensorNames.Parse("hidden=fc1.weight"));
        Assert.Throws<ArgumentException>(() => TensorNames.Parse("hidden.weight=a,hidden.weight=b"));
        Assert.Throws<ArgumentException>(() => TensorNames.Parse("hidden.weight=2.weight"));
    }
}
