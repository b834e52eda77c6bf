namespace Flatness.Symbolic.Proving;

/// <summary>The outcome of checking a goal or an obligation.</summary>
public enum ProofStatus
{
    /// <summary>The negation is unsatisfiable: the statement holds.</summary>
    Proved,

    /// <summary>The negation is satisfiable: a counter-model is stored.</summary>
    Refuted,

    /// <summary>The solver answered unknown or ran out of time: nothing is concluded.</summary>
    Inconclusive,
}

/// <summary>Readable names of <see cref="ProofStatus"/>.</summary>
public static class ProofStatusNames
{
    /// <summary>proved, refuted or inconclusive.</summary>
    public static string Name(this ProofStatus status) => status switch
    {
        ProofStatus.Proved => "proved",
        ProofStatus.Refuted => "refuted",
        _ => "inconclusive",
    };
}

/// <summary>The result of one goal.</summary>
/// <param name="Goal">The goal's name.</param>
/// <param name="Status">Proved, refuted or inconclusive.</param>
/// <param name="CounterModel">Variable assignments satisfying hypotheses ∧ ¬claim (refuted only), sorted by name.</param>
/// <param name="Reason">Why it is inconclusive (solver's reason or "timeout"), or the definition label.</param>
/// <param name="Milliseconds">Solver wall time (varies between runs; never put into snapshots).</param>
/// <param name="IsDefinition">True when the goal only restates one of its hypotheses (<see cref="DefinitionGoals"/>):
/// proved, but not counted as a proved goal.</param>
public sealed record GoalResult(string Goal, ProofStatus Status, IReadOnlyList<KeyValuePair<string, string>>? CounterModel, string? Reason, double Milliseconds,
    bool IsDefinition = false)
{
    /// <summary>The counter-model as "x = 1/2, y = -3".</summary>
    public string? CounterModelText => CounterModel is null ? null : string.Join(", ", CounterModel.Select(kv => $"{kv.Key} = {kv.Value}"));
}
