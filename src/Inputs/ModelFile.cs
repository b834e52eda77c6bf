using System.Text;
using System.Text.Json;
using Flatness.Numerics.Networks;

namespace Flatness.Inputs;

/// <summary>Reads and writes the model JSON format of <c>flatness measure</c> and <c>flatness rescale</c>.</summary>
/// <remarks>
/// <code>
/// {"activation": {"name": "relu"} | {"name": "leaky_relu", "slope": 0.1} | {"name": "abs"} | {"name": "relu_power", "degree": 2}
///               | {"name": "gelu"} | {"name": "gelu_tanh"} | {"name": "silu"} | {"name": "tanh"},
///  "outputWeights": [a_1, ...], "hiddenWeights": [[w_11, ..., w_1d], ...],
///  "hiddenBiases": [b_1, ...] (optional), "outputBias": 0.3 (optional)}
/// </code>
/// f(x) = Σⱼ aⱼσ(wⱼᵀx + bⱼ) + β. Every number must be finite; unknown properties are rejected so typos do not pass
/// silently.
/// </remarks>
public static class ModelFile
{
    private static readonly string[] KnownProperties = ["activation", "outputWeights", "hiddenWeights", "hiddenBiases", "outputBias"];

    /// <summary>Reads a model file.</summary>
    /// <exception cref="InputException">Missing file, malformed JSON, or an invalid model (the message says which).</exception>
    public static TwoLayerNetwork Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFiles.ReadText(path), path);
    }

    /// <summary>Parses model JSON text; <paramref name="source"/> names it in errors.</summary>
    public static TwoLayerNetwork Parse(string json, string source = "model")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InputException(source, $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InputException(source, "the model must be a JSON object");
            RejectDuplicateKeys(root, "", source);
            foreach (var prop in root.EnumerateObject())
                if (!KnownProperties.Contains(prop.Name))
                    throw new InputException(source, $"unknown property \"{prop.Name}\" (known: {string.Join(", ", KnownProperties)})");
            var activation = ReadActivation(Required(root, "activation", source), source);
            var a = ReadVector(Required(root, "outputWeights", source), "outputWeights", source);
            var wElement = Required(root, "hiddenWeights", source);
            if (wElement.ValueKind != JsonValueKind.Array) throw new InputException(source, "\"hiddenWeights\" must be an array of arrays");
            var w = new List<IReadOnlyList<double>>();
            int row = 0;
            foreach (var r in wElement.EnumerateArray())
            {
                var v = ReadVector(r, $"hiddenWeights[{row}]", source);
                if (w.Count > 0 && v.Length != w[0].Count)
                    throw new InputException(source, $"ragged \"hiddenWeights\": row {row} has {v.Length} entries, row 0 has {w[0].Count}");
                w.Add(v);
                row++;
            }
            if (a.Length == 0) throw new InputException(source, "\"outputWeights\" is empty: the network needs at least one neuron");
            if (w.Count != a.Length)
                throw new InputException(source, $"{a.Length} output weights but {w.Count} rows of hidden weights");
            if (w[0].Count == 0) throw new InputException(source, "\"hiddenWeights\" rows are empty: the input dimension must be at least 1");
            double[]? b = null;
            if (root.TryGetProperty("hiddenBiases", out var bElement) && bElement.ValueKind != JsonValueKind.Null)
            {
                b = ReadVector(bElement, "hiddenBiases", source);
                if (b.Length != a.Length) throw new InputException(source, $"{a.Length} neurons but {b.Length} hidden biases");
            }
            double? beta = null;
            if (root.TryGetProperty("outputBias", out var betaElement) && betaElement.ValueKind != JsonValueKind.Null)
                beta = ReadNumber(betaElement, "outputBias", source);
            return TwoLayerNetwork.FromWeights(activation, a, w, b, beta);
        }
    }

    /// <summary>Serialises a network in the model format (indented, LF line ends, round-trip numbers).</summary>
    public static string Serialize(TwoLayerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("activation");
            writer.WriteString("name", network.Activation.Name);
            if (network.Activation is LeakyRelu leaky) writer.WriteNumber("slope", leaky.Slope);
            if (network.Activation is ReluPower power) writer.WriteNumber("degree", power.Degree);
            writer.WriteEndObject();
            writer.WriteStartArray("outputWeights");
            for (int j = 0; j < network.Width; j++) writer.WriteNumberValue(network.OutputWeight(j));
            writer.WriteEndArray();
            writer.WriteStartArray("hiddenWeights");
            for (int j = 0; j < network.Width; j++)
            {
                writer.WriteStartArray();
                foreach (double v in network.HiddenWeight(j)) writer.WriteNumberValue(v);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            if (network.Layout.HasHiddenBias)
            {
                writer.WriteStartArray("hiddenBiases");
                for (int j = 0; j < network.Width; j++) writer.WriteNumberValue(network.HiddenBias(j));
                writer.WriteEndArray();
            }
            if (network.Layout.HasOutputBias) writer.WriteNumber("outputBias", network.OutputBias);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static JsonElement Required(JsonElement root, string name, string source) =>
        root.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null
            ? e
            : throw new InputException(source, $"missing required property \"{name}\"");

    private static Activation ReadActivation(JsonElement e, string source)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new InputException(source, "\"activation\" must be an object such as {\"name\": \"relu\"}");
        if (!e.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
            throw new InputException(source, "\"activation\" needs a string \"name\"");
        string name = nameElement.GetString()!;
        double? slope = null;
        int? degree = null;
        foreach (var prop in e.EnumerateObject())
        {
            switch (prop.Name)
            {
                case "name":
                    break;
                case "slope":
                    slope = ReadNumber(prop.Value, "activation.slope", source);
                    break;
                case "degree":
                    double dv = ReadNumber(prop.Value, "activation.degree", source);
                    if (dv != Math.Floor(dv) || dv < int.MinValue || dv > int.MaxValue)
                        throw new InputException(source, $"\"activation.degree\" must be an integer, got {dv}");
                    degree = (int)dv;
                    break;
                default:
                    throw new InputException(source, $"unknown activation property \"{prop.Name}\"");
            }
        }
        string? foreign = (name, slope, degree) switch
        {
            (not "leaky_relu", not null, _) => "slope",
            (not "relu_power", _, not null) => "degree",
            _ => null,
        };
        if (foreign is not null)
            throw new InputException(source, $"the activation \"{name}\" has no property \"{foreign}\"");
        try
        {
            return Activation.Create(name, slope, degree);
        }
        catch (ArgumentException ex)
        {
            throw new InputException(source, ex.Message);
        }
    }

    /// <summary>Rejects an object (at any depth) that names a key twice: System.Text.Json keeps both and the last
    /// would silently win.</summary>
    private static void RejectDuplicateKeys(JsonElement e, string path, string source)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in e.EnumerateObject())
            {
                if (!seen.Add(p.Name)) throw new InputException(source, $"the key \"{path}{p.Name}\" appears twice");
                RejectDuplicateKeys(p.Value, $"{path}{p.Name}.", source);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in e.EnumerateArray()) RejectDuplicateKeys(item, $"{path}[{i++}].", source);
        }
    }

    private static double[] ReadVector(JsonElement e, string what, string source)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new InputException(source, $"\"{what}\" must be an array of numbers");
        var values = new double[e.GetArrayLength()];
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            values[i] = ReadNumber(item, $"{what}[{i}]", source);
            i++;
        }
        return values;
    }

    private static double ReadNumber(JsonElement e, string what, string source)
    {
        if (e.ValueKind != JsonValueKind.Number) throw new InputException(source, $"\"{what}\" must be a number, got {Describe(e)}");
        if (!e.TryGetDouble(out double v) || !double.IsFinite(v))
            throw new InputException(source, $"\"{what}\" is not a finite number ({e.GetRawText()})");
        return v;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => e.ValueKind.ToString(),
    };
}
