using System.Globalization;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.IO;

/// <summary>Reads the data CSV format: a header row, then d input columns and the target in the last column.</summary>
/// <remarks>Comma-separated, '.' as decimal point, one sample per line; blank lines are skipped. Every value must be
/// a finite number (NaN and ±Infinity are rejected even though .NET would parse them) and every row must have the
/// header's column count.</remarks>
public static class DataFile
{
    /// <summary>Reads a data file.</summary>
    /// <exception cref="InputException">Missing file, malformed rows, non-finite values or no data (the message says which).</exception>
    public static Dataset Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFiles.ReadText(path), path);
    }

    /// <summary>Parses CSV text; <paramref name="source"/> names it in errors.</summary>
    public static Dataset Parse(string csv, string source = "data")
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.Split('\n');
        int headerLine = -1;
        int columns = 0;
        var inputs = new List<double>();
        var targets = new List<double>();
        for (int li = 0; li < lines.Length; li++)
        {
            string line = lines[li].TrimEnd('\r');
            if (li == 0 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = line.Split(',');
            if (headerLine < 0)
            {
                headerLine = li;
                columns = cells.Length;
                if (columns < 2)
                    throw new InputException(source, $"line {li + 1}: the header has {columns} column; need at least one input column and the target");
                continue;
            }
            if (cells.Length != columns)
                throw new InputException(source, $"line {li + 1} has {cells.Length} columns, the header has {columns}");
            for (int c = 0; c < columns; c++)
            {
                string cell = cells[c].Trim();
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                    throw new InputException(source, $"line {li + 1}, column {c + 1}: \"{cell}\" is not a number");
                if (!double.IsFinite(v))
                    throw new InputException(source, $"line {li + 1}, column {c + 1}: {cell} is not a finite number");
                if (c < columns - 1) inputs.Add(v);
                else targets.Add(v);
            }
        }
        if (headerLine < 0) throw new InputException(source, "the file is empty (expected a header row and data rows)");
        if (targets.Count == 0) throw new InputException(source, "no data rows after the header");
        return new Dataset(inputs.ToArray(), targets.ToArray(), columns - 1);
    }

    /// <summary>Formats a dataset as CSV (header x1..xd,y; round-trip numbers; LF).</summary>
    public static string Format(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sb = new System.Text.StringBuilder();
        for (int k = 0; k < data.InputDimension; k++) sb.Append('x').Append(k + 1).Append(',');
        sb.Append("y\n");
        for (int i = 0; i < data.Count; i++)
        {
            foreach (double v in data.Input(i)) sb.Append(v.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            sb.Append(data.Target(i).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }
}
