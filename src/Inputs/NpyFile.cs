using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Flatness.Numerics.Networks;

namespace Flatness.Inputs;

/// <summary>A NumPy array read from a .npy file: its shape, its stored dtype and its values in C (row-major) order.</summary>
/// <param name="Shape">The shape.</param>
/// <param name="DType">The stored dtype descriptor, e.g. <c>&lt;f8</c>.</param>
/// <param name="Values">The values as doubles, row-major.</param>
public sealed record NpyArray(int[] Shape, string DType, double[] Values);

/// <summary>Reads NumPy's .npy format (the format of <c>np.save</c>) and data sets stored in it.</summary>
/// <remarks>
/// Layout: the magic bytes <c>\x93NUMPY</c>, a major and minor version byte, the header length (2 bytes
/// little-endian in version 1, 4 bytes in versions 2 and 3), an ASCII (version 3: UTF-8) Python dict literal
/// <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (n, k), }</c> padded with spaces and a newline, then the raw
/// data. Little-endian float64 (<c>&lt;f8</c>) and float32 (<c>&lt;f4</c>) are read; Fortran-order arrays of up to two
/// dimensions are transposed into C order; other dtypes are rejected. The data must be exactly the shape's size and
/// every value finite. Values are read from the stream in blocks straight into the result array.
/// </remarks>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Whether the bytes start with the .npy magic string.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> prefix) => prefix.StartsWith(Magic);

    /// <summary>Reads a .npy file.</summary>
    /// <exception cref="InputException">Missing or malformed file, unsupported dtype, or a non-finite value.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = InputFiles.OpenRead(path);
        try
        {
            return Read(stream, path);
        }
        catch (IOException ex)
        {
            throw InputFiles.ReadFailure(path, ex);
        }
    }

    /// <summary>Reads a .npy array from a stream whose length is known; <paramref name="source"/> names it in errors.</summary>
    public static NpyArray Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long length = stream.Length;
        var prefix = new byte[12];
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < 10 || !HasMagic(prefix)) throw new InputException(source, "not a .npy file (it does not start with \\x93NUMPY)");
        int major = prefix[6];
        int headerLength, headerStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix.AsSpan(8));
                headerStart = 10;
                break;
            case 2 or 3 when got == 12:
                uint h = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
                if (h > int.MaxValue) throw new InputException(source, $"the header length {h} goes beyond the end of the file ({length} bytes)");
                headerLength = (int)h;
                headerStart = 12;
                break;
            default:
                throw new InputException(source, $"unsupported .npy format version {major}.{prefix[7]} (known: 1.0, 2.0, 3.0)");
        }
        if (headerStart + (long)headerLength > length)
            throw new InputException(source, $"the header length {headerLength} goes beyond the end of the file ({length} bytes)");
        var header = new byte[headerLength];
        stream.Position = headerStart;
        stream.ReadExactly(header);
        var (descr, fortran, shape) = ParseHeader(major == 3 ? Encoding.UTF8.GetString(header) : Encoding.Latin1.GetString(header), source);
        int size = descr switch
        {
            "<f8" => 8,
            "<f4" => 4,
            ">f8" or ">f4" => throw new InputException(source, $"dtype '{descr}' is big-endian; save little-endian float64 or float32 (e.g. x.astype('<f8'))"),
            _ => throw new InputException(source, $"dtype '{descr}' is not supported (need little-endian float64 '<f8' or float32 '<f4')"),
        };
        long count = 1;
        foreach (int s in shape) count = checked(count * s);
        long dataStart = headerStart + headerLength;
        long expected = count * size, present = length - dataStart;
        if (present < expected) throw new InputException(source,
            $"truncated: shape ({string.Join(", ", shape)}) of '{descr}' needs {expected} bytes of data, the file has {present}");
        if (present > expected)
            throw new InputException(source, $"{present - expected} bytes after the data of shape ({string.Join(", ", shape)}) of '{descr}'");
        if (count > Array.MaxLength) throw new InputException(source, $"{count} values: too large to hold in memory");
        var values = new double[count];
        var buffer = new byte[size * 8192];
        long done = 0;
        while (done < count)
        {
            int take = (int)Math.Min(8192, count - done);
            stream.ReadExactly(buffer, 0, take * size);
            for (int i = 0; i < take; i++)
            {
                double v = size == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(buffer.AsSpan(i * 8))
                    : BinaryPrimitives.ReadSingleLittleEndian(buffer.AsSpan(i * 4));
                if (!double.IsFinite(v)) throw new InputException(source,
                    $"element {Index(done + i, shape, fortran)} is not a finite number ({v.ToString(CultureInfo.InvariantCulture)})");
                values[done + i] = v;
            }
            done += take;
        }
        if (fortran && shape.Length == 2) values = Transpose(values, shape[1], shape[0]);
        else if (fortran && shape.Length > 2)
            throw new InputException(source, "Fortran-order arrays of more than two dimensions are not supported (use np.ascontiguousarray)");
        return new NpyArray(shape, descr, values);
    }

    private static string Index(long flat, int[] shape, bool fortran)
    {
        if (shape.Length != 2) return $"[{flat}]";
        long r = fortran ? flat % shape[0] : flat / shape[1], c = fortran ? flat / shape[0] : flat % shape[1];
        return $"[{r}, {c}]";
    }

    private static double[] Transpose(double[] columnMajor, int rowsOfStored, int columnsOfStored)
    {
        // Fortran order stores element (i, j) of an n×k array at j·n + i; columnMajor is k×n in C order.
        var result = new double[columnMajor.Length];
        for (int r = 0; r < rowsOfStored; r++)
            for (int c = 0; c < columnsOfStored; c++)
                result[c * rowsOfStored + r] = columnMajor[r * columnsOfStored + c];
        return result;
    }

    [GeneratedRegex(@"'(\w+)'\s*:")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^\{\s*(?:'(?:descr'\s*:\s*'(?<descr>[^']*)'|fortran_order'\s*:\s*(?<fortran>True|False)|" +
        @"shape'\s*:\s*\((?<shape>[\d\s,]*)\))\s*(?:,\s*|(?=\})))+\}\s*$")]
    private static partial Regex HeaderPattern();

    internal static (string Descr, bool Fortran, int[] Shape) ParseHeader(string header, string source)
    {
        var keys = KeyPattern().Matches(header).Select(m => m.Groups[1].Value).ToList();
        if (keys.Count != 3 || keys.Distinct().Count() != 3 || !keys.Contains("descr") || !keys.Contains("fortran_order") || !keys.Contains("shape"))
            throw new InputException(source, $"the header must have exactly the keys 'descr', 'fortran_order' and 'shape', got {header.Trim()}");
        var m = HeaderPattern().Match(header);
        if (!m.Success) throw new InputException(source, $"malformed header {header.Trim()}");
        var shape = new List<int>();
        foreach (string part in m.Groups["shape"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int s))
                throw new InputException(source, $"shape entry {part} is not a whole number ≥ 0 below 2³¹");
            shape.Add(s);
        }
        return (m.Groups["descr"].Value, m.Groups["fortran"].Value == "True", shape.ToArray());
    }

    /// <summary>Reads a data set from one n×(d+1) array: inputs in the first d columns, targets in the last.</summary>
    /// <exception cref="InputException">Malformed file or a shape that is not n×(d+1) with n ≥ 1, d ≥ 1.</exception>
    public static Dataset ReadDataset(string path)
    {
        var a = Read(path);
        if (a.Shape.Length != 2 || a.Shape[0] < 1 || a.Shape[1] < 2)
            throw new InputException(path,
                $"shape ({string.Join(", ", a.Shape)}): the data array must be n×(d+1) with n ≥ 1, d ≥ 1 (targets in the last column)");
        int n = a.Shape[0], k = a.Shape[1], d = k - 1;
        var x = new double[(long)n * d];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(a.Values, (long)i * k, x, (long)i * d, d);
            y[i] = a.Values[(long)i * k + d];
        }
        return Dataset.Adopt(x, y, d);
    }

    /// <summary>Reads a data set from an inputs array X (n×d, or n for d = 1) and a targets array y (n or n×1).</summary>
    /// <exception cref="InputException">Malformed files or shapes that disagree (the message names the file).</exception>
    public static Dataset ReadDataset(string inputsPath, string targetsPath)
    {
        var x = Read(inputsPath);
        var y = Read(targetsPath);
        if (x.Shape.Length is < 1 or > 2 || x.Shape[0] < 1 || (x.Shape.Length == 2 && x.Shape[1] < 1))
            throw new InputException(inputsPath, $"shape ({string.Join(", ", x.Shape)}): the inputs must be n×d (or n) with n, d ≥ 1");
        if (!(y.Shape.Length == 1 || (y.Shape.Length == 2 && y.Shape[1] == 1)))
            throw new InputException(targetsPath, $"shape ({string.Join(", ", y.Shape)}): the targets must be n or n×1");
        if (y.Shape[0] != x.Shape[0])
            throw new InputException(targetsPath, $"{y.Shape[0]} targets, but {inputsPath} has {x.Shape[0]} samples");
        return new Dataset(x.Values, y.Values, x.Shape.Length == 2 ? x.Shape[1] : 1);
    }
}
