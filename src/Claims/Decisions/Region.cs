using Flatness.Claims.Model;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Decisions;

/// <summary>What a statement claims about a quantity θ: the region it must lie in. A criterion compares the evidence
/// about θ (an exact value or <see cref="ConfidenceBounds"/>) with its region, by one rule (<see cref="DecisionRule"/>).</summary>
/// <remarks>
/// For a statistical quantity with bounds L(α), U(α) (see <see cref="ConfidenceBounds"/>):
/// <list type="bullet">
/// <item><b>supports</b> at error probability α_S when the bounds at α_S lie inside the region (for <see cref="Near"/>: inside
/// v ± margin — two one-sided tests, an equivalence test);</item>
/// <item><b>contradicts</b> at error probability α when the bounds at α lie wholly outside the region (for <see cref="Near"/>:
/// they exclude v ± tolerance, the value itself up to the deterministic error allowed);</item>
/// <item>otherwise it is <b>undecided</b>.</item>
/// </list>
/// Two-sided regions split α between their two sides.
/// </remarks>
public abstract record Region
{
    /// <summary>θ &gt; t (statistical), θ ≥ t (exact).</summary>
    public static Region Above(double threshold) => new AboveRegion(threshold);

    /// <summary>θ &lt; t (statistical), θ ≤ t (exact).</summary>
    public static Region Below(double threshold) => new BelowRegion(threshold);

    /// <summary>lo ≤ θ ≤ hi.</summary>
    public static Region Between(double low, double high) =>
        low <= high ? new BetweenRegion(low, high) : throw new ArgumentException("the region's low end exceeds its high end");

    /// <summary>θ = v: supported when θ is shown within v ± <paramref name="margin"/> (the resolution the statement is
    /// checked to), contradicted when θ is shown outside v ± <paramref name="tolerance"/> (the deterministic error allowed,
    /// e.g. quadrature; 0 for none).</summary>
    public static Region Near(double value, double margin, double tolerance = 0) =>
        margin > 0 && tolerance >= 0 && tolerance <= margin ? new NearRegion(value, margin, tolerance)
            : throw new ArgumentException("Near needs 0 ≤ tolerance ≤ margin and margin > 0");

    /// <summary>Whether an exact value lies in the region.</summary>
    internal abstract bool Contains(double value);

    /// <summary>Whether the bounds at error probability α lie wholly on the contradicting side.</summary>
    internal abstract bool Contradicted(ConfidenceBounds bounds, double alpha);

    /// <summary>Whether the bounds at error probability α lie inside the supporting region.</summary>
    internal abstract bool Supported(ConfidenceBounds bounds, double alpha);

    /// <summary>How far θ̂ lies inside the support region (positive) or short of it (negative), and how far beyond
    /// the contradiction boundary (positive when on the contradicting side); in θ's units. For power statements.</summary>
    internal abstract (double SupportMargin, double ContradictionMargin) Distances(double estimate);

    /// <summary>The region in words ("> 0", "in [0.8, 1.2]", "= 1 ± 0.01").</summary>
    public abstract string Describe();

    /// <summary>The region as an exact value is tested against it (non-strict: "≥ 0", "≤ 1e-9").</summary>
    internal virtual string DescribeExact() => Describe();

    /// <summary>The bounds shown for the region at error probability α ("[L, U]", "≥ L", "≤ U").</summary>
    internal abstract string Interval(ConfidenceBounds bounds, double alpha);

    private protected static string F(double v) => Numbers.Format(v, 4);
}

internal sealed record AboveRegion(double Threshold) : Region
{
    internal override bool Contains(double value) => value >= Threshold;
    internal override bool Contradicted(ConfidenceBounds b, double a) => b.Upper(a) < Threshold;
    internal override bool Supported(ConfidenceBounds b, double a) => b.Lower(a) > Threshold;
    internal override (double, double) Distances(double e) => (e - Threshold, Threshold - e);
    public override string Describe() => "> " + F(Threshold);
    internal override string DescribeExact() => "≥ " + F(Threshold);
    internal override string Interval(ConfidenceBounds b, double a) => "≥ " + F(b.Lower(a));
}

internal sealed record BelowRegion(double Threshold) : Region
{
    internal override bool Contains(double value) => value <= Threshold;
    internal override bool Contradicted(ConfidenceBounds b, double a) => b.Lower(a) > Threshold;
    internal override bool Supported(ConfidenceBounds b, double a) => b.Upper(a) < Threshold;
    internal override (double, double) Distances(double e) => (Threshold - e, e - Threshold);
    public override string Describe() => "< " + F(Threshold);
    internal override string DescribeExact() => "≤ " + F(Threshold);
    internal override string Interval(ConfidenceBounds b, double a) => "≤ " + F(b.Upper(a));
}

internal sealed record BetweenRegion(double Low, double High) : Region
{
    internal override bool Contains(double value) => value >= Low && value <= High;
    internal override bool Contradicted(ConfidenceBounds b, double a) => b.Upper(a / 2) < Low || b.Lower(a / 2) > High;
    internal override bool Supported(ConfidenceBounds b, double a) => b.Lower(a) >= Low && b.Upper(a) <= High;
    internal override (double, double) Distances(double e) => (Math.Min(e - Low, High - e), Math.Max(Low - e, e - High));
    public override string Describe() => $"in [{F(Low)}, {F(High)}]";
    internal override string Interval(ConfidenceBounds b, double a) => $"[{F(b.Lower(a))}, {F(b.Upper(a))}]";
}

internal sealed record NearRegion(double Value, double Margin, double Tolerance) : Region
{
    internal override bool Contains(double value) => Math.Abs(value - Value) <= Margin;
    internal override bool Contradicted(ConfidenceBounds b, double a) => b.Upper(a / 2) < Value - Tolerance || b.Lower(a / 2) > Value + Tolerance;
    internal override bool Supported(ConfidenceBounds b, double a) => b.Lower(a) >= Value - Margin && b.Upper(a) <= Value + Margin;
    internal override (double, double) Distances(double e) => (Margin - Math.Abs(e - Value), Math.Abs(e - Value) - Tolerance);
    public override string Describe() => $"= {F(Value)} ± {F(Margin)}" + (Tolerance > 0 ? $" (contradicted beyond ± {F(Tolerance)})" : "");
    internal override string Interval(ConfidenceBounds b, double a) => $"[{F(b.Lower(a))}, {F(b.Upper(a))}]";
}
