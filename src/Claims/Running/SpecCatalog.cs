using System.Reflection;
using System.Text.RegularExpressions;
using Flatness.Claims.Model;

namespace Flatness.Claims.Running;

/// <summary>One row of a specification's table of checkable claims (e.g. docs/spec/paper-A.md §8, paper-B.md §10).</summary>
/// <param name="Id">The row id, e.g. A-08 (its letter is the paper's).</param>
/// <param name="Paper">The paper whose specification holds the row.</param>
/// <param name="Statement">The statement or obligation cell, Markdown with LaTeX.</param>
/// <param name="Provenance">The label cell, parsed.</param>
/// <param name="Kind">The kind cell, parsed (<see cref="ClaimKind.Symbolic"/> for the obligation tables).</param>
/// <param name="Cost">The cost cell, parsed (<see cref="Profile.Quick"/> for the obligation tables).</param>
public sealed record SpecRow(string Id, Paper Paper, string Statement, Provenance Provenance, ClaimKind Kind, Profile Cost)
{
    /// <summary>Whether the row is something a paper states ([paper] or [reconstructed]) rather than mathematics derived
    /// for this project only ([derived]).</summary>
    public bool IsPaperStatement => Provenance.HasFlag(Provenance.Paper) || Provenance.HasFlag(Provenance.Reconstructed);
}

/// <summary>The papers and every row of their specifications' claim tables, so that claims take their metadata from
/// their row and reports account for every row, checked or not.</summary>
/// <remarks>
/// <para>A specification is Markdown whose first line is <c># Specification — Paper X: title</c>, with a line
/// <c>**Short citation.** …</c>, and whose claim-table rows are lines <c>| X-nn | statement | label | … |</c>: 8 cells in
/// the numeric tables (id, statement, label, construct, measure, criterion, kind, cost) and 4 in the symbolic ones (id,
/// obligation, label, mutant).</para>
/// <para>Specifications travel as embedded resources named <c>spec/paper-X.md</c> (the Claims project embeds
/// docs/spec/paper-*.md), so adding a paper is adding its file.</para>
/// </remarks>
public sealed partial class SpecCatalog
{
    private readonly Dictionary<string, SpecRow> _byId;

    private SpecCatalog(IReadOnlyList<Paper> papers, IReadOnlyList<SpecRow> rows)
    {
        Papers = papers;
        Rows = rows;
        _byId = rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>The papers, by letter.</summary>
    public IReadOnlyList<Paper> Papers { get; }

    /// <summary>All rows, by paper letter, then in table order.</summary>
    public IReadOnlyList<SpecRow> Rows { get; }

    /// <summary>The row with this id, or null.</summary>
    public SpecRow? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The specifications embedded in <paramref name="assemblies"/> (resources <c>spec/paper-*.md</c>).</summary>
    /// <exception cref="FormatException">A specification is malformed, or two define the same paper or row.</exception>
    public static SpecCatalog FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var texts = new List<string>();
        foreach (var assembly in assemblies.Distinct())
            foreach (var name in assembly.GetManifestResourceNames().Where(n => SpecResource().IsMatch(n)).Order(StringComparer.Ordinal))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                texts.Add(reader.ReadToEnd());
            }
        return FromTexts(texts);
    }

    /// <summary>A catalogue of the given specification texts.</summary>
    /// <exception cref="FormatException">A specification is malformed, or two define the same paper or row.</exception>
    public static SpecCatalog FromTexts(IEnumerable<string> markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var documents = markdown.Select(ParseDocument).OrderBy(d => d.Paper.Letter, StringComparer.Ordinal).ToList();
        var dup = documents.GroupBy(d => d.Paper.Letter).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new FormatException($"two specifications define paper {dup.Key}");
        var rows = documents.SelectMany(d => d.Rows).ToList();
        var dupRow = rows.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (dupRow is not null) throw new FormatException($"spec row {dupRow.Key} appears twice");
        return new SpecCatalog(documents.Select(d => d.Paper).ToList(), rows);
    }

    /// <summary>Parses one specification: its paper (head) and its table rows.</summary>
    /// <exception cref="FormatException">No head, no short citation, a row of neither table shape, a row id of another
    /// paper's letter, a repeated id, or a cell that does not parse.</exception>
    public static (Paper Paper, IReadOnlyList<SpecRow> Rows) ParseDocument(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var head = Head().Match(lines.FirstOrDefault() ?? "");
        if (!head.Success) throw new FormatException("a specification must start with '# Specification — Paper X: title'");
        var cite = lines.Select(l => Citation().Match(l)).FirstOrDefault(m => m.Success)
            ?? throw new FormatException($"the specification of paper {head.Groups[1].Value} has no '**Short citation.** …' line");
        var paper = new Paper(head.Groups[1].Value, head.Groups[2].Value.Trim(), cite.Groups[1].Value.Trim());
        return (paper, ParseRows(lines, paper));
    }

    private static List<SpecRow> ParseRows(IEnumerable<string> lines, Paper paper)
    {
        var rows = new List<SpecRow>();
        foreach (string line in lines)
        {
            if (!RowStart().IsMatch(line)) continue;
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var row = cells.Length switch
            {
                8 => new SpecRow(cells[0], paper, cells[1], ClaimText.ParseProvenance(cells[2]),
                    ClaimText.ParseKind(cells[6]), ClaimText.ParseProfile(cells[7])),
                4 => new SpecRow(cells[0], paper, cells[1], ClaimText.ParseProvenance(cells[2]), ClaimKind.Symbolic, Profile.Quick),
                _ => throw new FormatException($"spec row {cells[0]} has {cells.Length} cells (expected 8 or 4)"),
            };
            if (!row.Id.StartsWith(paper.Letter + "-", StringComparison.Ordinal))
                throw new FormatException($"spec row {row.Id} is in the specification of paper {paper.Letter}");
            if (row.Provenance == Provenance.None) throw new FormatException($"spec row {row.Id} has no provenance label");
            if (rows.Any(r => r.Id == row.Id)) throw new FormatException($"spec row {row.Id} appears twice");
            rows.Add(row);
        }
        return rows;
    }

    [GeneratedRegex(@"^\| [A-Z]-\d\d \|")]
    private static partial Regex RowStart();

    [GeneratedRegex(@"^# Specification — Paper ([A-Z]):(.*)$")]
    private static partial Regex Head();

    [GeneratedRegex(@"^\*\*Short citation\.\*\*(.+)$")]
    private static partial Regex Citation();

    [GeneratedRegex(@"^spec/paper-[A-Z]\.md$")]
    private static partial Regex SpecResource();
}
