using Flatness.Numerics.Networks;

namespace Flatness.Inputs;

/// <summary>Which safetensors keys hold the four parameter tensors of f(x) = Σⱼ aⱼσ(wⱼᵀx + bⱼ) + β.</summary>
/// <param name="HiddenWeight">W (m×d), the first <c>nn.Linear</c>'s weight; default <c>0.weight</c>.</param>
/// <param name="HiddenBias">b (m), default <c>0.bias</c>; absent for <c>bias=False</c>.</param>
/// <param name="OutputWeight">a (1×m), the second <c>nn.Linear</c>'s weight; default <c>2.weight</c>.</param>
/// <param name="OutputBias">β (1), default <c>2.bias</c>; absent for <c>bias=False</c>.</param>
public sealed record TensorNames(string HiddenWeight = "0.weight", string HiddenBias = "0.bias", string OutputWeight = "2.weight", string OutputBias = "2.bias")
{
    /// <summary>The keys of <c>nn.Sequential(nn.Linear(d, m), act, nn.Linear(m, 1)).state_dict()</c>.</summary>
    public static TensorNames Sequential { get; } = new();

    /// <summary>Parses <c>role=key,...</c> with roles hidden.weight, hidden.bias, output.weight, output.bias; roles not
    /// named keep their defaults.</summary>
    /// <exception cref="ArgumentException">Malformed text, an unknown or repeated role, or one key given two roles.</exception>
    public static TensorNames Parse(string mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var names = Sequential;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string part in mapping.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1) throw new ArgumentException($"\"{part}\" is not role=key (e.g. hidden.weight=fc1.weight)");
            string role = part[..eq].Trim(), key = part[(eq + 1)..].Trim();
            if (!seen.Add(role)) throw new ArgumentException($"the role {role} is given twice");
            names = role switch
            {
                "hidden.weight" => names with { HiddenWeight = key },
                "hidden.bias" => names with { HiddenBias = key },
                "output.weight" => names with { OutputWeight = key },
                "output.bias" => names with { OutputBias = key },
                _ => throw new ArgumentException($"unknown role \"{role}\" (roles: hidden.weight, hidden.bias, output.weight, output.bias)"),
            };
        }
        string[] all = [names.HiddenWeight, names.HiddenBias, names.OutputWeight, names.OutputBias];
        if (all.Distinct(StringComparer.Ordinal).Count() != 4) throw new ArgumentException("two roles map to the same key");
        return names;
    }
}

/// <summary>A network read from a safetensors state_dict, with what is needed to write it back the same way.</summary>
/// <param name="Network">The network (values converted to double).</param>
/// <param name="Names">The keys used.</param>
/// <param name="DTypes">Each present key's stored dtype.</param>
public sealed record SafetensorsModel(TwoLayerNetwork Network, TensorNames Names, IReadOnlyDictionary<string, string> DTypes)
{
    /// <summary>The dtypes in one phrase, e.g. "F32" or "F32 (0.weight), F16 (2.weight)".</summary>
    public string DTypeSummary => DTypes.Values.Distinct().Count() == 1
        ? DTypes.Values.First()
        : string.Join(", ", DTypes.Select(kv => $"{kv.Value} ({kv.Key})"));

    /// <summary>Reads the state_dict of <c>nn.Sequential(nn.Linear(d, m), σ, nn.Linear(m, 1))</c> (biases optional).</summary>
    /// <param name="path">The safetensors file.</param>
    /// <param name="activation">σ, which a state_dict does not store.</param>
    /// <param name="names">The keys (default <see cref="TensorNames.Sequential"/>).</param>
    /// <exception cref="InputException">Malformed file, missing or unexpected tensors, or shapes that disagree.</exception>
    public static SafetensorsModel Read(string path, Activation activation, TensorNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromTensors(SafetensorsFile.Read(path), activation, names ?? TensorNames.Sequential, path);
    }

    /// <summary>Builds the network from parsed tensors; <paramref name="source"/> names the file in errors.</summary>
    public static SafetensorsModel FromTensors(IReadOnlyList<SafetensorsTensor> tensors, Activation activation, TensorNames names, string source)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(names);
        var byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        string[] known = [names.HiddenWeight, names.HiddenBias, names.OutputWeight, names.OutputBias];
        foreach (var t in tensors)
            if (!known.Contains(t.Name))
                throw new InputException(source, $"unexpected tensor \"{t.Name}\" (expected {string.Join(", ", known)}; map other keys with --tensor-names)");
        SafetensorsTensor Need(string key, string role) => byName.TryGetValue(key, out var t) ? t
            : throw new InputException(source, $"no tensor \"{key}\" ({role}); the file has {string.Join(", ", byName.Keys)} (map keys with --tensor-names)");
        string Shape(SafetensorsTensor t) => $"\"{t.Name}\" has shape [{string.Join(", ", t.Shape)}]";
        var w = Need(names.HiddenWeight, "hidden weight, m×d");
        if (w.Shape.Length != 2 || w.Shape[0] < 1 || w.Shape[1] < 1)
            throw new InputException(source, $"{Shape(w)}; the hidden weight must be m×d with m, d ≥ 1");
        int m = w.Shape[0], d = w.Shape[1];
        var a = Need(names.OutputWeight, "output weight, 1×m");
        if (a.Shape.Length != 2 || a.Shape[0] != 1 || a.Shape[1] != m)
            throw new InputException(source, $"{Shape(a)}; with {Shape(w)} the output weight must be [1, {m}]");
        double[]? b = null;
        if (byName.TryGetValue(names.HiddenBias, out var bt))
        {
            if (bt.Shape.Length != 1 || bt.Shape[0] != m) throw new InputException(source, $"{Shape(bt)}; with {Shape(w)} the hidden bias must be [{m}]");
            b = bt.Values;
        }
        double? beta = null;
        if (byName.TryGetValue(names.OutputBias, out var betaT))
        {
            if (betaT.Shape.Length != 1 || betaT.Shape[0] != 1) throw new InputException(source, $"{Shape(betaT)}; the output bias must be [1]");
            beta = betaT.Values[0];
        }
        var rows = new IReadOnlyList<double>[m];
        for (int j = 0; j < m; j++) rows[j] = new ArraySegment<double>(w.Values, j * d, d);
        var network = TwoLayerNetwork.FromWeights(activation, a.Values, rows, b, beta);
        return new SafetensorsModel(network, names, tensors.ToDictionary(t => t.Name, t => t.DType, StringComparer.Ordinal));
    }

    /// <summary>Serialises <paramref name="network"/> with these keys and dtypes (F64 for a tensor this model lacked).</summary>
    /// <exception cref="ArgumentException">A value does not fit its dtype.</exception>
    public byte[] Serialize(TwoLayerNetwork network) => Serialize(network, Names, DTypes);

    /// <summary>Serialises a network as the safetensors state_dict of <c>nn.Sequential(nn.Linear(d, m), σ, nn.Linear(m, 1))</c>.</summary>
    /// <param name="network">The network.</param>
    /// <param name="names">The keys (default <see cref="TensorNames.Sequential"/>).</param>
    /// <param name="dtypes">Dtype per key (default F64).</param>
    /// <exception cref="ArgumentException">A value does not fit its dtype.</exception>
    public static byte[] Serialize(TwoLayerNetwork network, TensorNames? names = null, IReadOnlyDictionary<string, string>? dtypes = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        names ??= TensorNames.Sequential;
        string DType(string key) => dtypes is not null && dtypes.TryGetValue(key, out var t) ? t : "F64";
        int m = network.Width, d = network.InputDimension;
        var w = new double[m * d];
        for (int j = 0; j < m; j++) network.HiddenWeight(j).CopyTo(w.AsSpan(j * d, d));
        var tensors = new List<SafetensorsTensor> { new(names.HiddenWeight, DType(names.HiddenWeight), [m, d], w) };
        if (network.Layout.HasHiddenBias)
            tensors.Add(new(names.HiddenBias, DType(names.HiddenBias), [m], Enumerable.Range(0, m).Select(network.HiddenBias).ToArray()));
        tensors.Add(new(names.OutputWeight, DType(names.OutputWeight), [1, m], Enumerable.Range(0, m).Select(network.OutputWeight).ToArray()));
        if (network.Layout.HasOutputBias) tensors.Add(new(names.OutputBias, DType(names.OutputBias), [1], [network.OutputBias]));
        return SafetensorsFile.Serialize(tensors);
    }
}
