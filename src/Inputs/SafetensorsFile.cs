using System.Buffers.Binary;
using System.Text.Json;

namespace Flatness.Inputs;

/// <summary>One tensor of a safetensors file, its values converted to double (row-major, C order).</summary>
/// <param name="Name">The tensor's key.</param>
/// <param name="DType">Its stored dtype: F64, F32, F16 or BF16.</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Values">Its values, converted exactly to double.</param>
public sealed record SafetensorsTensor(string Name, string DType, int[] Shape, double[] Values);

/// <summary>Reads and writes the safetensors format (Hugging Face, the format of <c>safetensors.torch.save_file</c>).</summary>
/// <remarks>
/// Layout: an unsigned 64-bit little-endian header length N; N bytes of UTF-8 JSON
/// <c>{"name": {"dtype": "F32", "shape": [m, d], "data_offsets": [begin, end]}, ..., "__metadata__": {...}}</c>
/// (possibly padded with spaces); then the byte buffer, where a tensor occupies [begin, end) (offsets relative to the
/// buffer) in row-major little-endian order. The reader checks what the format requires: the header lies within the
/// file, keys are unique, every tensor's byte span equals its element count times the dtype's size, and the spans
/// tile the buffer exactly (no gap, no overlap, nothing after the last). Dtypes F64, F32, F16 (IEEE binary16) and
/// BF16 (the upper half of a binary32) are read; every value must be finite.
/// </remarks>
public static class SafetensorsFile
{
    /// <summary>The largest header this reader accepts (the reference implementation's limit, 100 MB).</summary>
    public const long MaxHeaderLength = 100_000_000;

    private static readonly string[] Unsupported = ["F8_E4M3", "F8_E5M2", "I8", "I16", "I32", "I64", "U8", "U16", "U32", "U64", "BOOL", "C64"];

    /// <summary>Bytes per element of a supported dtype.</summary>
    /// <exception cref="ArgumentException">Not F64, F32, F16 or BF16.</exception>
    public static int ElementSize(string dtype) => dtype switch
    {
        "F64" => 8,
        "F32" => 4,
        "F16" or "BF16" => 2,
        _ => throw new ArgumentException($"dtype {dtype} is not supported (need F64, F32, F16 or BF16)"),
    };

    /// <summary>Whether the file starts like a safetensors file: an 8-byte little-endian length below 2⁵⁶ (so its last
    /// byte is 0, which text never contains) followed by '{'.</summary>
    public static bool LooksLikeSafetensors(ReadOnlySpan<byte> prefix) => prefix.Length >= 9 && prefix[7] == 0 && prefix[8] == (byte)'{';

    /// <summary>Reads every tensor of a safetensors file.</summary>
    /// <exception cref="InputException">The file is missing or malformed (the message names the file and the problem).</exception>
    public static IReadOnlyList<SafetensorsTensor> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFiles.ReadBytes(path), path);
    }

    /// <summary>Parses the bytes of a safetensors file; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<SafetensorsTensor> Parse(ReadOnlySpan<byte> bytes, string source = "model")
    {
        if (bytes.Length < 8) throw new InputException(source, $"truncated: {bytes.Length} bytes, shorter than the 8-byte header length");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > (ulong)(bytes.Length - 8))
            throw new InputException(source, $"the header length {n} goes beyond the end of the file ({bytes.Length} bytes)");
        if ((long)n > MaxHeaderLength) throw new InputException(source, $"the header length {n} exceeds {MaxHeaderLength} bytes");
        var header = bytes.Slice(8, (int)n);
        var buffer = bytes[(8 + (int)n)..];
        var entries = new List<(string Name, string DType, int[] Shape, long Begin, long End)>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header.ToArray());
        }
        catch (JsonException ex)
        {
            throw new InputException(source, $"the header is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InputException(source, "the header is not a JSON object");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(p.Name)) throw new InputException(source, $"the header has the key \"{p.Name}\" twice");
                if (p.Name == "__metadata__")
                {
                    if (p.Value.ValueKind != JsonValueKind.Object) throw new InputException(source, "\"__metadata__\" must be an object of strings");
                    continue;
                }
                entries.Add(ReadEntry(p, source));
            }
        }
        long expect = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin > expect)
                throw new InputException(source, $"tensor \"{e.Name}\" starts at byte {e.Begin} of the data, leaving a gap after byte {expect}");
            if (e.Begin < expect)
                throw new InputException(source, $"tensor \"{e.Name}\" starts at byte {e.Begin} of the data, overlapping the tensor that ends at {expect}");
            expect = e.End;
        }
        if (expect > buffer.Length)
            throw new InputException(source, $"truncated: the header describes {expect} bytes of data, the file has {buffer.Length}");
        if (expect < buffer.Length)
            throw new InputException(source, $"{buffer.Length - expect} bytes after the last tensor's data (the header describes {expect})");
        var result = new List<SafetensorsTensor>(entries.Count);
        foreach (var e in entries)
        {
            var raw = buffer.Slice((int)e.Begin, (int)(e.End - e.Begin));
            var values = Decode(raw, e.DType);
            for (int i = 0; i < values.Length; i++)
                if (!double.IsFinite(values[i]))
                    throw new InputException(source, $"tensor \"{e.Name}\" element {i} is not a finite number ({values[i]})");
            result.Add(new SafetensorsTensor(e.Name, e.DType, e.Shape, values));
        }
        return result;
    }

    private static (string, string, int[], long, long) ReadEntry(JsonProperty p, string source)
    {
        string name = p.Name;
        if (p.Value.ValueKind != JsonValueKind.Object) throw new InputException(source, $"tensor \"{name}\" must be described by an object");
        string? dtype = null;
        int[]? shape = null;
        long[]? offsets = null;
        foreach (var q in p.Value.EnumerateObject())
        {
            switch (q.Name)
            {
                case "dtype" when dtype is null && q.Value.ValueKind == JsonValueKind.String:
                    dtype = q.Value.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = Integers(q.Value, name, "shape", source).Select(v => v <= int.MaxValue ? (int)v
                        : throw new InputException(source, $"tensor \"{name}\": dimension {v} is too large")).ToArray();
                    break;
                case "data_offsets" when offsets is null:
                    offsets = Integers(q.Value, name, "data_offsets", source);
                    break;
                default:
                    throw new InputException(source, $"tensor \"{name}\": unexpected or repeated property \"{q.Name}\" (expected dtype, shape, data_offsets)");
            }
        }
        if (dtype is null || shape is null || offsets is null)
            throw new InputException(source, $"tensor \"{name}\" needs \"dtype\" (a string), \"shape\" and \"data_offsets\"");
        if (offsets.Length != 2 || offsets[0] > offsets[1])
            throw new InputException(source, $"tensor \"{name}\": \"data_offsets\" must be [begin, end] with begin ≤ end");
        int size;
        if (Unsupported.Contains(dtype))
            throw new InputException(source, $"tensor \"{name}\" has dtype {dtype}, which is not supported (need F64, F32, F16 or BF16)");
        try
        {
            size = ElementSize(dtype);
        }
        catch (ArgumentException)
        {
            throw new InputException(source, $"tensor \"{name}\" has the unknown dtype \"{dtype}\" (need F64, F32, F16 or BF16)");
        }
        long count = 1;
        foreach (int s in shape) count = checked(count * s);
        if (count * size != offsets[1] - offsets[0])
            throw new InputException(source, $"tensor \"{name}\": shape [{string.Join(", ", shape)}] of {dtype} needs {count * size} bytes, " +
                $"but data_offsets span {offsets[1] - offsets[0]}");
        return (name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] Integers(JsonElement e, string name, string what, string source)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new InputException(source, $"tensor \"{name}\": \"{what}\" must be an array of whole numbers ≥ 0");
        var values = new List<long>();
        foreach (var v in e.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long x) || x < 0 || x > int.MaxValue * 64L)
                throw new InputException(source, $"tensor \"{name}\": \"{what}\" must be an array of whole numbers ≥ 0, got {v.GetRawText()}");
            values.Add(x);
        }
        return values.ToArray();
    }

    /// <summary>Converts little-endian raw bytes of a dtype to doubles (exactly: every F32/F16/BF16 value is a double).</summary>
    public static double[] Decode(ReadOnlySpan<byte> raw, string dtype)
    {
        int size = ElementSize(dtype);
        var values = new double[raw.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            var b = raw.Slice(i * size, size);
            values[i] = dtype switch
            {
                "F64" => BinaryPrimitives.ReadDoubleLittleEndian(b),
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(b),
                "F16" => (double)BinaryPrimitives.ReadHalfLittleEndian(b),
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b) << 16),
            };
        }
        return values;
    }

    /// <summary>Converts doubles to a dtype's little-endian bytes, rounding to nearest (ties to even).</summary>
    /// <exception cref="ArgumentException">A value does not fit the dtype (it would round to ±∞) or is not finite.</exception>
    public static byte[] Encode(ReadOnlySpan<double> values, string dtype)
    {
        int size = ElementSize(dtype);
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            var b = bytes.AsSpan(i * size, size);
            double v = values[i];
            bool finite;
            switch (dtype)
            {
                case "F64":
                    BinaryPrimitives.WriteDoubleLittleEndian(b, v);
                    finite = double.IsFinite(v);
                    break;
                case "F32":
                    BinaryPrimitives.WriteSingleLittleEndian(b, (float)v);
                    finite = float.IsFinite((float)v);
                    break;
                case "F16":
                    BinaryPrimitives.WriteHalfLittleEndian(b, (Half)v);
                    finite = Half.IsFinite((Half)v);
                    break;
                default:
                    ushort bf = ToBFloat16(v);
                    BinaryPrimitives.WriteUInt16LittleEndian(b, bf);
                    finite = float.IsFinite(BitConverter.Int32BitsToSingle(bf << 16));
                    break;
            }
            if (!finite) throw new ArgumentException($"the value {v} does not fit in {dtype}");
        }
        return bytes;
    }

    /// <summary>bfloat16 bits of v: the binary32 value of v rounded to 8 significand bits, nearest, ties to even.</summary>
    internal static ushort ToBFloat16(double v)
    {
        uint bits = BitConverter.SingleToUInt32Bits((float)v);
        if (float.IsNaN((float)v)) return 0x7FC0;
        uint rounding = 0x7FFF + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }

    /// <summary>Serialises tensors as a safetensors file: keys in the given order, offsets contiguous from 0, the header
    /// padded with spaces to a multiple of 8 bytes, <c>__metadata__</c> {"format": "pt"} as PyTorch's writer adds.</summary>
    /// <exception cref="ArgumentException">A value does not fit its dtype.</exception>
    public static byte[] Serialize(IReadOnlyList<SafetensorsTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var data = new List<byte[]>();
        using var headerStream = new MemoryStream();
        using (var w = new Utf8JsonWriter(headerStream))
        {
            w.WriteStartObject();
            w.WriteStartObject("__metadata__");
            w.WriteString("format", "pt");
            w.WriteEndObject();
            long offset = 0;
            foreach (var t in tensors)
            {
                var raw = Encode(t.Values, t.DType);
                data.Add(raw);
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", t.DType);
                w.WriteStartArray("shape");
                foreach (int s in t.Shape) w.WriteNumberValue(s);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + raw.Length);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += raw.Length;
            }
            w.WriteEndObject();
        }
        var header = headerStream.ToArray().ToList();
        while (header.Count % 8 != 0) header.Add((byte)' ');
        var result = new List<byte>(8 + header.Count + data.Sum(d => d.Length));
        var len = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)header.Count);
        result.AddRange(len);
        result.AddRange(header);
        foreach (var d in data) result.AddRange(d);
        return result.ToArray();
    }
}
