using Flatness.Claims.Model;
using Flatness.Numerics.Statistics;
using Flatness.Symbolic.Proving;

namespace Flatness.Claims.Decisions;

/// <summary>What one criterion found about the statement.</summary>
public enum Finding
{
    /// <summary>The evidence supports it (exactly, or at the support confidence).</summary>
    Supports,
    /// <summary>The evidence neither supports nor contradicts it at the stated confidences.</summary>
    Undecided,
    /// <summary>The evidence contradicts it (exactly, or at the false-refutation budget).</summary>
    Contradicts,
}

/// <summary>One piece of evidence about a claim's statement and what the statement requires of it. Every claim decides
/// through a list of criteria and <see cref="DecisionRule"/>; none computes a quantile, a family-wise level or a
/// "holds" flag of its own.</summary>
/// <param name="Name">What is checked, in words (e.g. "F*/limit at d = 10").</param>
public abstract record Criterion(string Name)
{
    /// <summary>A deterministic quantity (no sampling error) that must lie in <paramref name="region"/>: inside supports,
    /// outside contradicts (a counterexample). NaN contradicts.</summary>
    public static Criterion Exact(string name, double value, Region region, int digits = 6) => new ExactCriterion(name, value, region, digits, false);

    /// <summary>A deterministic error (residual, relative error) that must be at most <paramref name="tolerance"/>;
    /// shown with 2 digits and the 10⁻¹⁴ floor (<see cref="Numbers.Error"/>).</summary>
    public static Criterion Error(string name, double error, double tolerance) => new ExactCriterion(name, error, Region.Below(tolerance), 2, true);

    /// <summary>A deterministic property: true supports, false contradicts (<paramref name="detail"/> says what was found).</summary>
    public static Criterion Condition(string name, bool holds, string detail) => new ConditionCriterion(name, holds, detail);

    /// <summary>A premise of the statement (its hypothesis, e.g. "some end point is stable"): when it fails the statement
    /// says nothing here, so the criterion is undecided, never a contradiction.</summary>
    public static Criterion Premise(string name, bool holds, string detail) => new PremiseCriterion(name, holds, detail);

    /// <summary>A statistical quantity, known through confidence bounds, that must lie in <paramref name="region"/>.</summary>
    public static Criterion Statistical(string name, ConfidenceBounds bounds, Region region) => new StatisticalCriterion(name, bounds, region);

    /// <summary>A solver's answer: proved supports, a counter-model contradicts, unknown or a timeout is undecided
    /// (never "proved").</summary>
    public static Criterion Proof(string name, ProofStatus status, string detail) => new ProofCriterion(name, status, detail);

    /// <summary>Whether the criterion has sampling error and so spends the false-refutation budget.</summary>
    public virtual bool IsStatistical => false;
}

/// <summary>See <see cref="Criterion.Exact"/>.</summary>
public sealed record ExactCriterion(string Name, double Value, Region Region, int Digits, bool IsErrorValue) : Criterion(Name)
{
    /// <summary>The value as shown.</summary>
    public string Shown => IsErrorValue ? Numbers.Error(Value) : Numbers.Format(Value, Digits);
}

/// <summary>See <see cref="Criterion.Condition"/>.</summary>
public sealed record ConditionCriterion(string Name, bool Holds, string Detail) : Criterion(Name);

/// <summary>See <see cref="Criterion.Premise"/>.</summary>
public sealed record PremiseCriterion(string Name, bool Holds, string Detail) : Criterion(Name);

/// <summary>See <see cref="Criterion.Statistical"/>.</summary>
public sealed record StatisticalCriterion(string Name, ConfidenceBounds Bounds, Region Region) : Criterion(Name)
{
    /// <inheritdoc />
    public override bool IsStatistical => true;
}

/// <summary>See <see cref="Criterion.Proof"/>.</summary>
public sealed record ProofCriterion(string Name, ProofStatus Status, string Detail) : Criterion(Name);
