using System.Text;

namespace Flatness.Symbolic.Proving;

/// <summary>A proof obligation: goals that must all be proved, and a deliberately false mutant that must be refuted.</summary>
/// <param name="Id">The spec's id (A-24 … A-35, B-22 … B-33).</param>
/// <param name="Summary">One line for tables.</param>
/// <param name="Statement">The statement in Markdown with LaTeX.</param>
/// <param name="Provenance">[paper], [reconstructed], [derived] or a combination, as in the spec.</param>
/// <param name="Supports">Ids of the spec claims this obligation supports.</param>
/// <param name="Goals">Goals whose negations must be unsatisfiable.</param>
/// <param name="MutantDescription">What the mutant changes.</param>
/// <param name="Mutant">Goals that are false: each must come out refuted with a counter-model.</param>
public sealed record Obligation(string Id, string Summary, string Statement, string Provenance, IReadOnlyList<string> Supports,
    IReadOnlyList<Goal> Goals, string MutantDescription, IReadOnlyList<Goal> Mutant)
{
    /// <summary>The obligation's goals as one SMT-LIB 2 file: each goal in its own push/pop scope with the expected answer.</summary>
    public string GoalsSmtLib() => Script(Goals, "unsat (the obligation holds)");

    /// <summary>The mutant's goals as one SMT-LIB 2 file.</summary>
    public string MutantSmtLib() => Script(Mutant, "sat (the mutant is false; the model is a counter-example)");

    private string Script(IReadOnlyList<Goal> goals, string expected)
    {
        var sb = new StringBuilder();
        sb.Append("; ").Append(Id).Append(": ").Append(Summary).Append('\n');
        sb.Append("; Flatness.Verify proof obligation. Each block asserts hypotheses and the negated claim.\n");
        sb.Append("; expected answer of every check-sat: ").Append(expected).Append('\n');
        foreach (var g in goals)
        {
            sb.Append("\n; goal: ").Append(g.Name).Append('\n');
            sb.Append("(push 1)\n").Append(g.ToSmtLib()).Append("(check-sat)\n(pop 1)\n");
        }
        return sb.ToString();
    }
}

/// <summary>The result of an obligation and its mutant.</summary>
/// <param name="Obligation">The obligation.</param>
/// <param name="Goals">One result per goal.</param>
/// <param name="MutantGoals">One result per mutant goal.</param>
public sealed record ObligationResult(Obligation Obligation, IReadOnlyList<GoalResult> Goals, IReadOnlyList<GoalResult> MutantGoals)
{
    /// <summary>Proved when every goal is proved; refuted when any goal is refuted; otherwise inconclusive.</summary>
    public ProofStatus Status => Combine(Goals, ProofStatus.Proved, ProofStatus.Refuted);

    /// <summary>Refuted (as it must be) when every mutant goal is refuted; proved (a defect of the suite) when any
    /// mutant goal is proved; otherwise inconclusive.</summary>
    public ProofStatus MutantStatus => Combine(MutantGoals, ProofStatus.Refuted, ProofStatus.Proved);

    /// <summary>Whether the obligation is proved and its mutant refuted.</summary>
    public bool Passed => Status == ProofStatus.Proved && MutantStatus == ProofStatus.Refuted;

    /// <summary>Total solver time of goals and mutant.</summary>
    public double Milliseconds => Goals.Sum(g => g.Milliseconds) + MutantGoals.Sum(g => g.Milliseconds);

    /// <summary>Goals proved that are not definitions: the count a report may call "proved goals".</summary>
    public int ProvedGoals => Goals.Count(g => g.Status == ProofStatus.Proved && !g.IsDefinition);

    /// <summary>Goals that only restate a hypothesis (<see cref="DefinitionGoals"/>): checked, but not counted as proved.</summary>
    public int Definitions => Goals.Count(g => g.IsDefinition);

    /// <summary>The first counter-model of a refuted goal (a failed obligation), if any.</summary>
    public GoalResult? FirstRefutedGoal => Goals.FirstOrDefault(g => g.Status == ProofStatus.Refuted);

    /// <summary>The mutant's counter-model (first mutant goal), if refuted.</summary>
    public GoalResult? MutantWitness => MutantGoals.FirstOrDefault(g => g.Status == ProofStatus.Refuted);

    private static ProofStatus Combine(IReadOnlyList<GoalResult> results, ProofStatus allStatus, ProofStatus anyStatus)
    {
        if (results.Any(r => r.Status == anyStatus)) return anyStatus;
        if (results.Count > 0 && results.All(r => r.Status == allStatus)) return allStatus;
        return ProofStatus.Inconclusive;
    }
}

/// <summary>Runs obligations through <see cref="Z3Checker"/>.</summary>
public static class Prover
{
    /// <summary>Checks an obligation's goals and its mutant.</summary>
    public static ObligationResult Run(Obligation obligation, int timeoutMs = Z3Checker.DefaultTimeoutMs)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        var goals = obligation.Goals.Select(g => Label(g, CheckWithRetry(g, timeoutMs))).ToList();
        var mutant = obligation.Mutant.Select(g => CheckWithRetry(g, timeoutMs)).ToList();
        // The term language's own operators are checked once per process; a mis-encoded operator refutes every obligation.
        goals.InsertRange(0, OperatorSelfCheck.FailuresOnce);
        return new ObligationResult(obligation, goals, mutant);
    }

    /// <summary>A goal that times out is tried once more with three times the limit: the limit is wall-clock time, and on
    /// a loaded machine a goal Z3 settles in under a second can miss it. Still undecided: inconclusive, never proved.</summary>
    private static GoalResult CheckWithRetry(Goal goal, int timeoutMs)
    {
        var first = Z3Checker.Check(goal, timeoutMs);
        if (first.Status != ProofStatus.Inconclusive || first.Reason is null || !first.Reason.StartsWith("timeout", StringComparison.Ordinal)) return first;
        int longer = (int)Math.Min(int.MaxValue, 3L * timeoutMs);
        var second = Z3Checker.Check(goal, longer);
        return second.Status == ProofStatus.Inconclusive
            ? second with { Reason = $"{second.Reason}; it had also timed out after {timeoutMs} ms", Milliseconds = first.Milliseconds + second.Milliseconds }
            : second with { Milliseconds = first.Milliseconds + second.Milliseconds };
    }

    private static GoalResult Label(Goal goal, GoalResult result)
    {
        if (result.Status != ProofStatus.Proved) return result;
        var restated = DefinitionGoals.RestatedHypothesis(goal);
        return restated is null ? result
            : result with { IsDefinition = true, Reason = $"definition: restates the hypothesis {restated.Smt}; not counted as a proved goal" };
    }
}
