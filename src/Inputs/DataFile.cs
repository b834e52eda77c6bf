using System.Globalization;
using Flatness.Numerics.Networks;
using nietras.SeparatedValues;

namespace Flatness.Inputs;

/// <summary>Reads the data CSV format: a header row (or none, on request), then d input columns and the target in the
/// last column.</summary>
/// <remarks>Comma-separated, '.' as decimal point, one sample per line; blank lines are skipped. Every value must be
/// a finite number (NaN and ±Infinity are rejected even though .NET would parse them) and every row must have the
/// first row's column count. A header whose cells are all numbers is rejected (it is almost surely the first sample
/// of a file without a header); say <c>hasHeader: false</c> (<c>--no-header</c>) for such files. The file is parsed
/// by the Sep streaming reader row by row into the sample arrays, so memory is that of the n×(d+1) values, not of the
/// text. Sep holds one row in a character buffer of at most <see cref="RowLengthLimit"/> = 2²⁴ characters: a longer
/// row (a file without line breaks, or a quote that is never closed) is refused naming its line, as is any other
/// error the reader raises.</remarks>
public static class DataFile
{
    /// <summary>The longest row, in characters, that the reader accepts: Sep 0.17's <c>SepDefaults.RowLengthMax</c> = 2²⁴.</summary>
    /// <remarks>Sep doubles its character buffer while a row is incomplete and throws once the buffer would exceed
    /// 2²⁴ characters (<c>SepReader.FillAndMaybeDoubleCharsBuffer</c>); rows somewhat shorter than this limit are read
    /// (the buffer also holds padding and the tail of the previous block), longer ones never are.</remarks>
    public const int RowLengthLimit = 1 << 24;

    /// <summary>Reads a data file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="hasHeader">Whether the first non-blank row is a header (default true).</param>
    /// <exception cref="InputException">Missing file, malformed rows, non-finite values or no data (the message says which).</exception>
    public static Dataset Read(string path, bool hasHeader = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            SepReader reader;
            try
            {
                reader = CreateReader().FromFile(path);
            }
            catch (Exception ex) when (IsReaderError(ex))
            {
                throw ReaderFailure(path, 1, ex);
            }
            using (reader) return Parse(reader, path, hasHeader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw InputFiles.ReadFailure(path, ex);
        }
    }

    /// <summary>Errors the Sep reader raises for text it cannot parse (e.g. a row beyond <see cref="RowLengthLimit"/>);
    /// I/O failures are not among them.</summary>
    private static bool IsReaderError(Exception ex) =>
        ex is NotSupportedException or InvalidDataException or InvalidOperationException or ArgumentException or IndexOutOfRangeException;

    /// <summary>The parser's failure at the row that starts on <paramref name="line"/>, in the user's words.</summary>
    private static InputException ReaderFailure(string source, int line, Exception ex) => ex is NotSupportedException
        ? new InputException(source, $"line {line} is longer than {RowLengthLimit} characters, the CSV reader's limit "
            + "(a file without line breaks, or a quote \" that is never closed?); expected one sample per line", ex)
        : new InputException(source, $"line {line}: the CSV reader cannot parse this row", ex);

    /// <summary>Parses CSV text; <paramref name="source"/> names it in errors.</summary>
    public static Dataset Parse(string csv, string source = "data", bool hasHeader = true)
    {
        ArgumentNullException.ThrowIfNull(csv);
        SepReader reader;
        try
        {
            reader = CreateReader().FromText(csv);
        }
        catch (Exception ex) when (IsReaderError(ex))
        {
            throw ReaderFailure(source, 1, ex);
        }
        using (reader) return Parse(reader, source, hasHeader);
    }

    private static SepReaderOptions CreateReader() => Sep.New(',').Reader(o => o with
    {
        HasHeader = false,
        DisableColCountCheck = true,
        Trim = SepTrim.All,
        Unescape = true,
    });

    private static Dataset Parse(SepReader reader, string source, bool hasHeader)
    {
        int columns = -1;
        bool headerSeen = !hasHeader;
        var values = new ChunkedDoubles();
        long rows = 0;
        int nextLine = 1;   // the line on which the row not yet read starts: where a parser error is
        while (true)
        {
            bool more;
            try
            {
                more = reader.MoveNext();
            }
            catch (Exception ex) when (IsReaderError(ex))
            {
                throw ReaderFailure(source, nextLine, ex);
            }
            if (!more) break;
            var row = reader.Current;
            // Sep 0.17.1 reports LineNumberFrom = 2 for the first row when HasHeader is false; the first row starts on line 1.
            int line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
            nextLine = row.LineNumberToExcl;
            if (IsBlank(row)) continue;
            if (!headerSeen)
            {
                headerSeen = true;
                columns = row.ColCount;
                if (columns < 2)
                    throw new InputException(source, $"line {line}: the header has {columns} column; need at least one input column and the target");
                bool allNumbers = true;
                for (int c = 0; c < columns && allNumbers; c++)
                    allNumbers = double.TryParse(Cell(row, c, line), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                if (allNumbers)
                    throw new InputException(source, $"line {line}: the header row is all numbers, so it looks like the first sample; "
                        + "add a header row (x1,...,xd,y) or pass --no-header");
                continue;
            }
            if (columns < 0)
            {
                columns = row.ColCount;
                if (columns < 2)
                    throw new InputException(source, $"line {line} has {columns} column; need at least one input column and the target");
            }
            if (row.ColCount != columns)
                throw new InputException(source, $"line {line} has {row.ColCount} columns, {(hasHeader ? "the header has" : "the first row has")} {columns}");
            for (int c = 0; c < columns; c++)
            {
                var cell = Cell(row, c, line);
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                    throw new InputException(source, $"line {line}, column {c + 1}: \"{cell.ToString()}\" is not a number");
                if (!double.IsFinite(v))
                    throw new InputException(source, $"line {line}, column {c + 1}: {cell.ToString()} is not a finite number");
                values.Add(v);
            }
            rows++;
            if (rows * columns > Array.MaxLength)
                throw new InputException(source, $"more than {Array.MaxLength} values: too large to hold in memory");
        }
        if (hasHeader && columns < 0) throw new InputException(source, "the file is empty (expected a header row and data rows)");
        if (rows == 0) throw new InputException(source, hasHeader ? "no data rows after the header" : "the file is empty (expected data rows)");
        return values.ToDataset((int)rows, columns);
    }

    private static ReadOnlySpan<char> Cell(SepReader.Row row, int c, int line)
    {
        var span = row[c].Span;
        if (c == 0 && line == 1 && span.Length > 0 && span[0] == '\uFEFF') span = span[1..];
        return span;
    }

    private static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && row[0].Span.IsWhiteSpace();

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
