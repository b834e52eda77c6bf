using Flatness.Symbolic.Proving;

namespace Flatness.Claims.Model;

/// <summary>A results table: formatted cells (numbers already rounded to their declared digits).</summary>
/// <param name="Title">Caption.</param>
/// <param name="Columns">Column headers.</param>
/// <param name="Rows">Rows of cells.</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>One data series of a figure.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="X">Abscissae.</param>
/// <param name="Y">Ordinates.</param>
/// <param name="Style">Drawing style.</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, SeriesStyle Style = SeriesStyle.LineAndMarkers);

/// <summary>How a series is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>Markers joined by lines.</summary>
    LineAndMarkers,
    /// <summary>Markers only.</summary>
    Markers,
    /// <summary>A line only (references, asymptotes).</summary>
    Line,
}

/// <summary>A figure: series, axis labels, optional reference lines; rendered to SVG with its data as CSV.</summary>
/// <param name="Name">File stem, unique within the claim (e.g. "orbit").</param>
/// <param name="Title">Title.</param>
/// <param name="XLabel">x-axis label.</param>
/// <param name="YLabel">y-axis label.</param>
/// <param name="Series">Data.</param>
/// <param name="Caption">One sentence below the figure in the report.</param>
/// <param name="HorizontalLines">Reference levels (label, y).</param>
/// <param name="VerticalLines">Reference abscissae (label, x).</param>
public sealed record Figure(string Name, string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series, string Caption,
    IReadOnlyList<(string Label, double Y)>? HorizontalLines = null, IReadOnlyList<(string Label, double X)>? VerticalLines = null);

/// <summary>A fitted rate (a least-squares slope, typically on log–log axes) with its confidence interval.</summary>
/// <param name="Name">What was fitted.</param>
/// <param name="Slope">The fitted slope.</param>
/// <param name="StandardError">Its standard error.</param>
/// <param name="Low">Lower end of the confidence interval.</param>
/// <param name="High">Upper end.</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="Expected">The predicted value or range, as text.</param>
/// <param name="Points">Number of fitted points.</param>
public sealed record FittedRate(string Name, double Slope, double StandardError, double Low, double High, double Level, string Expected, int Points);

/// <summary>A named key number of a claim (goes to results.json), already rounded.</summary>
/// <param name="Name">camelCase name.</param>
/// <param name="Value">Rounded value.</param>
public sealed record Metric(string Name, double Value);

/// <summary>Everything a claim's check computed, and the verdict it reached from it.</summary>
public sealed record Evidence
{
    /// <summary>The verdict of this claim's own check (dependencies are combined by the runner).</summary>
    public required Verdict Verdict { get; init; }
    /// <summary>One sentence: why.</summary>
    public required string Reason { get; init; }
    /// <summary>How the verdict was reached.</summary>
    public required VerdictMethod Method { get; init; }
    /// <summary>The number a summary shows (formatted).</summary>
    public string KeyNumber { get; init; } = "";
    /// <summary>The parameters actually used (name, value).</summary>
    public IReadOnlyList<(string Name, string Value)> Parameters { get; init; } = [];
    /// <summary>Tables.</summary>
    public IReadOnlyList<ReportTable> Tables { get; init; } = [];
    /// <summary>Figures.</summary>
    public IReadOnlyList<Figure> Figures { get; init; } = [];
    /// <summary>Symbolic results (goals and mutants).</summary>
    public IReadOnlyList<ObligationResult> Proofs { get; init; } = [];
    /// <summary>Fitted rates with confidence intervals.</summary>
    public IReadOnlyList<FittedRate> Rates { get; init; } = [];
    /// <summary>Key numbers for results.json.</summary>
    public IReadOnlyList<Metric> Metrics { get; init; } = [];
    /// <summary>Free text (Markdown) on method details.</summary>
    public string Notes { get; init; } = "";
    /// <summary>The criteria and the decision rule's verdict from them (null for an error, where the check threw).</summary>
    public Decisions.Decision? Decision { get; init; }
}
