using System.Reflection;
using System.Text.RegularExpressions;
using Flatness.Claims.Model;

namespace Flatness.Claims.Running;

/// <summary>One row of a specification's table of checkable claims (docs/spec/paper-A.md §8, paper-B.md §10).</summary>
/// <param name="Id">The row id, e.g. A-08.</param>
/// <param name="Paper">A or B (the row's table; foundation rows live in paper A's tables).</param>
/// <param name="Statement">The statement or obligation cell, Markdown with LaTeX.</param>
/// <param name="Provenance">The label cell, parsed.</param>
/// <param name="Kind">The kind cell ("symbolic" for the obligation tables).</param>
/// <param name="Cost">The cost cell ("quick" or "full"; "quick" for the obligation tables).</param>
public sealed record SpecRow(string Id, Paper Paper, string Statement, Provenance Provenance, string Kind, string Cost)
{
    /// <summary>Whether the row is something a paper states ([paper] or [reconstructed]) rather than mathematics derived
    /// for this project only ([derived]).</summary>
    public bool IsPaperStatement => Provenance.HasFlag(Provenance.Paper) || Provenance.HasFlag(Provenance.Reconstructed);
}

/// <summary>Every row of the specifications' claim tables, read from the copies of docs/spec/*.md embedded in this
/// assembly, so that reports account for every row, checked or not.</summary>
/// <remarks>A table row is a line <c>| A-nn | statement | label | … |</c>: 8 cells in the numeric tables (id, statement,
/// label, construct, measure, criterion, kind, cost) and 4 in the symbolic ones (id, obligation, label, mutant).</remarks>
public static partial class SpecCatalog
{
    private static readonly Lazy<IReadOnlyList<SpecRow>> s_rows = new(() => [.. Parse("paper-A.md", Paper.A), .. Parse("paper-B.md", Paper.B)]);

    /// <summary>All rows, paper A then paper B, in table order.</summary>
    public static IReadOnlyList<SpecRow> Rows => s_rows.Value;

    /// <summary>The row with this id, or null.</summary>
    public static SpecRow? Find(string id) => Rows.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));

    /// <summary>Parses the table rows of one specification's Markdown text.</summary>
    /// <exception cref="FormatException">A row has a cell count of neither table shape, or an id repeats.</exception>
    public static IReadOnlyList<SpecRow> ParseText(string markdown, Paper paper)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var rows = new List<SpecRow>();
        foreach (var raw in markdown.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (!RowStart().IsMatch(line)) continue;
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var row = cells.Length switch
            {
                8 => new SpecRow(cells[0], paper, cells[1], ClaimText.ParseProvenance(cells[2]), cells[6], cells[7]),
                4 => new SpecRow(cells[0], paper, cells[1], ClaimText.ParseProvenance(cells[2]), "symbolic", "quick"),
                _ => throw new FormatException($"spec row {cells[0]} has {cells.Length} cells (expected 8 or 4)"),
            };
            if (row.Provenance == Provenance.None) throw new FormatException($"spec row {row.Id} has no provenance label");
            if (rows.Any(r => r.Id == row.Id)) throw new FormatException($"spec row {row.Id} appears twice");
            rows.Add(row);
        }
        return rows;
    }

    private static IReadOnlyList<SpecRow> Parse(string file, Paper paper)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("spec/" + file)
            ?? throw new InvalidOperationException($"the embedded specification spec/{file} is missing");
        using var reader = new StreamReader(stream);
        return ParseText(reader.ReadToEnd(), paper);
    }

    [GeneratedRegex(@"^\| [AB]-\d\d \|")]
    private static partial Regex RowStart();
}
