using System.Globalization;
using Flatness.Numerics.Networks;

namespace Flatness.Inputs;

/// <summary>The stored format of a model file.</summary>
public enum ModelFormat
{
    /// <summary>The model JSON of <see cref="ModelFile"/>.</summary>
    Json,

    /// <summary>A safetensors state_dict (<see cref="SafetensorsModel"/>).</summary>
    Safetensors,
}

/// <summary>A model read by <see cref="ModelInput.Read"/>.</summary>
/// <param name="Network">The network.</param>
/// <param name="Format">The format the reader chose from the file's content.</param>
/// <param name="Safetensors">For safetensors, the keys and dtypes (to write the network back the same way).</param>
public sealed record LoadedModel(TwoLayerNetwork Network, ModelFormat Format, SafetensorsModel? Safetensors)
{
    /// <summary>One phrase for the user, e.g. "safetensors, dtype F32 converted to double".</summary>
    public string Description => Safetensors is null ? "model JSON" : $"safetensors, dtype {Safetensors.DTypeSummary} converted to double";
}

/// <summary>Reads a model file of either format, chosen by content (a safetensors header length and '{', or JSON
/// text), not by the file's extension.</summary>
public static class ModelInput
{
    /// <summary>Reads a model.</summary>
    /// <param name="path">The file.</param>
    /// <param name="activation">σ for a safetensors file (required there: a state_dict does not store it); for a JSON
    /// model it must be null or equal the file's own.</param>
    /// <param name="names">Safetensors keys (default <see cref="TensorNames.Sequential"/>); must be null for JSON.</param>
    /// <exception cref="InputException">Any problem with the file, or options that do not fit its format.</exception>
    public static LoadedModel Read(string path, Activation? activation = null, TensorNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = InputFiles.ReadBytes(path);
        if (SafetensorsFile.LooksLikeSafetensors(bytes))
        {
            if (activation is null)
                throw new InputException(path, "a safetensors state_dict does not store the activation: name it with --activation (relu, leaky_relu:SLOPE, " +
                    "abs, relu_power:DEGREE, gelu, gelu_tanh, silu, tanh)");
            var st = SafetensorsModel.FromTensors(SafetensorsFile.Parse(bytes, path), activation, names ?? TensorNames.Sequential, path);
            return new LoadedModel(st.Network, ModelFormat.Safetensors, st);
        }
        if (LooksBinary(bytes))
            throw new InputException(path, "neither a model JSON nor a safetensors file (binary content without a safetensors header)");
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new InputException(path, "neither a model JSON nor a safetensors file (not UTF-8 text)");
        }
        if (names is not null) throw new InputException(path, "--tensor-names applies to safetensors models; this is a model JSON");
        var network = ModelFile.Parse(text.TrimStart('\uFEFF'), path);
        if (activation is not null && !activation.Equals(network.Activation))
            throw new InputException(path,
                $"the model JSON names the activation {network.Activation.Describe()}, but --activation says {activation.Describe()}");
        return new LoadedModel(network, ModelFormat.Json, null);
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, 4096)].IndexOf((byte)0) >= 0;

    /// <summary>Parses an activation named as on the command line: <c>relu</c>, <c>abs</c>, <c>leaky_relu:SLOPE</c>,
    /// <c>relu_power:DEGREE</c>, <c>gelu</c>, <c>gelu_tanh</c>, <c>silu</c>, <c>tanh</c> (the model JSON's vocabulary; PyTorch's
    /// <c>nn.GELU()</c>, <c>nn.GELU(approximate='tanh')</c>, <c>nn.SiLU()</c>, <c>nn.Tanh()</c>).</summary>
    /// <exception cref="ArgumentException">Unknown name, a missing or malformed parameter, or a parameter the activation does not take.</exception>
    public static Activation ParseActivation(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? text.Trim() : text[..colon].Trim();
        string? parameter = colon < 0 ? null : text[(colon + 1)..].Trim();
        switch (name)
        {
            case "relu" or "abs" or "gelu" or "gelu_tanh" or "silu" or "tanh":
                if (parameter is not null) throw new ArgumentException($"{name} takes no parameter (got \"{text}\")");
                return Activation.Create(name);
            case "leaky_relu":
                if (parameter is null || !double.TryParse(parameter, NumberStyles.Float, CultureInfo.InvariantCulture, out double slope)
                    || !double.IsFinite(slope))
                    throw new ArgumentException("leaky_relu needs a slope, e.g. leaky_relu:0.01");
                return Activation.Create(name, slope: slope);
            case "relu_power":
                if (parameter is null || !int.TryParse(parameter, NumberStyles.None, CultureInfo.InvariantCulture, out int degree))
                    throw new ArgumentException("relu_power needs a whole-number degree, e.g. relu_power:2");
                return Activation.Create(name, degree: degree);
            default:
                return Activation.Create(name);
        }
    }
}

/// <summary>Reads a data set from CSV or .npy, chosen by content (the .npy magic string), not by extension.</summary>
public static class DataInput
{
    /// <summary>Reads a data file: a .npy n×(d+1) array, or CSV.</summary>
    /// <param name="path">The file.</param>
    /// <param name="hasHeader">For CSV, whether the first row is a header.</param>
    /// <exception cref="InputException">Any problem with the file.</exception>
    public static Dataset Read(string path, bool hasHeader = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        return IsNpy(path) ? NpyFile.ReadDataset(path) : DataFile.Read(path, hasHeader);
    }

    /// <summary>Reads inputs and targets from two .npy files.</summary>
    /// <exception cref="InputException">Either file is not .npy or is malformed, or their shapes disagree.</exception>
    public static Dataset Read(string inputsPath, string targetsPath)
    {
        ArgumentNullException.ThrowIfNull(inputsPath);
        ArgumentNullException.ThrowIfNull(targetsPath);
        foreach (string p in new[] { inputsPath, targetsPath })
            if (!IsNpy(p)) throw new InputException(p, "not a .npy file (it does not start with \\x93NUMPY); --inputs and --targets take NumPy arrays");
        return NpyFile.ReadDataset(inputsPath, targetsPath);
    }

    private static bool IsNpy(string path)
    {
        using var stream = InputFiles.OpenRead(path);
        Span<byte> prefix = stackalloc byte[6];
        int got;
        try
        {
            got = stream.ReadAtLeast(prefix, 6, throwOnEndOfStream: false);
        }
        catch (IOException ex)
        {
            throw InputFiles.ReadFailure(path, ex);
        }
        return got == 6 && NpyFile.HasMagic(prefix);
    }
}
