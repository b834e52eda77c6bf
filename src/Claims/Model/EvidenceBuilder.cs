namespace Flatness.Claims.Model;

/// <summary>Collects a check's tables, figures, metrics and parameters, then produces its <see cref="Evidence"/>.</summary>
public sealed class EvidenceBuilder
{
    private readonly List<ReportTable> _tables = [];
    private readonly List<Figure> _figures = [];
    private readonly List<Metric> _metrics = [];
    private readonly List<(string, string)> _parameters = [];
    private readonly List<Flatness.Symbolic.Proving.ObligationResult> _proofs = [];
    private readonly List<string> _notes = [];
    private readonly List<FittedRate> _rates = [];
    private readonly List<Decisions.Criterion> _criteria = [];

    /// <summary>Adds a criterion of the decision (see <see cref="Decisions.DecisionRule"/>).</summary>
    public EvidenceBuilder Criterion(Decisions.Criterion criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        _criteria.Add(criterion);
        return this;
    }

    /// <summary>The criteria added so far.</summary>
    public IReadOnlyList<Decisions.Criterion> Criteria => _criteria;

    /// <summary>Decides the verdict from the criteria by the suite's one rule (<see cref="Decisions.DecisionRule"/>) and
    /// builds the evidence.</summary>
    /// <param name="method">How the evidence was gathered.</param>
    /// <param name="supportSummary">The sentence for a confirmed verdict: what was shown, with its numbers.</param>
    /// <param name="keyNumber">The number a summary shows.</param>
    public Evidence Decide(VerdictMethod method, string supportSummary, string keyNumber)
    {
        var decision = Decisions.DecisionRule.Decide(_criteria, supportSummary);
        return Build(decision.Verdict, method, decision.Reason, keyNumber) with { Decision = decision };
    }

    /// <summary>Records a parameter.</summary>
    public EvidenceBuilder Parameter(string name, string value)
    {
        _parameters.Add((name, value));
        return this;
    }

    /// <summary>Starts a table; add rows to the returned builder.</summary>
    public TableBuilder Table(string title, params string[] columns)
    {
        var t = new TableBuilder(title, columns);
        _pending.Add(t);
        return t;
    }

    private readonly List<TableBuilder> _pending = [];

    /// <summary>Adds a figure.</summary>
    public EvidenceBuilder Figure(Figure figure)
    {
        _figures.Add(figure);
        return this;
    }

    /// <summary>Adds a metric rounded to <paramref name="digits"/> significant digits.</summary>
    public EvidenceBuilder Metric(string name, double value, int digits = Numbers.DefaultDigits)
    {
        _metrics.Add(new Metric(name, Numbers.Round(value, digits)));
        return this;
    }

    /// <summary>Adds an error metric (2 digits, floored at 1e-14).</summary>
    public EvidenceBuilder ErrorMetric(string name, double value)
    {
        _metrics.Add(new Metric(name, Numbers.ErrorValue(value)));
        return this;
    }

    /// <summary>Adds a fitted rate: the least-squares slope of y on x with its two-sided t confidence interval.</summary>
    public FittedRate Rate(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string expected, double level = 0.95)
    {
        var fit = Flatness.Numerics.Statistics.LinearFit.Fit(x, y);
        double t = fit.Points > 2 ? MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, fit.Points - 2, 0.5 + level / 2) : double.PositiveInfinity;
        double half = double.IsFinite(fit.SlopeStandardError) ? t * fit.SlopeStandardError : double.PositiveInfinity;
        var rate = new FittedRate(name, fit.Slope, fit.SlopeStandardError, fit.Slope - half, fit.Slope + half, level, expected, fit.Points);
        _rates.Add(rate);
        return rate;
    }

    /// <summary>Adds a symbolic result.</summary>
    public EvidenceBuilder Proof(Flatness.Symbolic.Proving.ObligationResult result)
    {
        _proofs.Add(result);
        return this;
    }

    /// <summary>Adds a paragraph of notes.</summary>
    public EvidenceBuilder Note(string markdown)
    {
        _notes.Add(markdown);
        return this;
    }

    /// <summary>Builds the evidence with a verdict (internal: a claim's verdict comes from <see cref="Decide"/>, never chosen by hand).</summary>
    internal Evidence Build(Verdict verdict, VerdictMethod method, string reason, string keyNumber) => new()
    {
        Verdict = verdict,
        Method = method,
        Reason = reason,
        KeyNumber = keyNumber,
        Parameters = _parameters.ToList(),
        Tables = _tables.Concat(_pending.Select(p => p.Build())).ToList(),
        Figures = _figures.ToList(),
        Metrics = _metrics.ToList(),
        Rates = _rates.ToList(),
        Proofs = _proofs.ToList(),
        Notes = string.Join("\n\n", _notes),
    };
}

/// <summary>Rows of one table.</summary>
public sealed class TableBuilder
{
    private readonly string _title;
    private readonly string[] _columns;
    private readonly List<IReadOnlyList<string>> _rows = [];

    internal TableBuilder(string title, string[] columns)
    {
        _title = title;
        _columns = columns;
    }

    /// <summary>Adds a row of formatted cells.</summary>
    public TableBuilder Row(params string[] cells)
    {
        if (cells.Length != _columns.Length) throw new ArgumentException($"table '{_title}' has {_columns.Length} columns, row has {cells.Length}");
        _rows.Add(cells);
        return this;
    }

    /// <summary>Number of rows so far.</summary>
    public int Count => _rows.Count;

    internal ReportTable Build() => new(_title, _columns, _rows);
}
