using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Symbolic.Proving;

namespace Flatness.Claims.Checks.Symbolic;

/// <summary>A symbolic claim: the Z3 obligation of the same id, proved, with its mutant refuted.</summary>
public sealed class ObligationClaim(Obligation obligation) : Claim(obligation.Id)
{
    /// <summary>The obligation.</summary>
    public Obligation Obligation { get; } = obligation;

    /// <inheritdoc/>
    public override string Title => Obligation.Summary;
    /// <inheritdoc/>
    public override string Statement => Obligation.Statement;
    /// <inheritdoc/>
    public override string Method =>
        "Each goal's hypotheses and negated claim are written as an SMT-LIB 2 script over the reals (no division: " +
        "positive denominators are multiplied out, square roots are fresh non-negative variables, indicators are `ite`) " +
        "and checked by Z3 in a fresh context with a per-goal timeout (a goal that times out is retried once with three times " +
        "the limit, since the limit is wall-clock time). Before any goal, every operator of the term language (|·|, ReLU, step, " +
        "leaky ReLU, powers, ite, arithmetic, comparisons, connectives) is evaluated by Z3 at sample points against its C# " +
        "value; a disagreement refutes every obligation. A goal that is logically equivalent to one of its own hypotheses is " +
        "labelled a definition and not counted as proved. *unsat* proves the goal; *sat* refutes it with " +
        "the model shown; *unknown* or a timeout is inconclusive, never proved. The deliberately false mutant must come " +
        $"out *sat*: {Obligation.MutantDescription}.";

    /// <inheritdoc/>
    public override Evidence Check(ClaimContext context)
    {
        var result = Prover.Run(Obligation);
        var b = new EvidenceBuilder()
            .Parameter("goals", Numbers.Count(Obligation.Goals.Count))
            .Parameter("mutant goals", Numbers.Count(Obligation.Mutant.Count))
            .Parameter("timeout per goal", $"{Z3Checker.DefaultTimeoutMs} ms")
            .Parameter("supports", string.Join(", ", Obligation.Supports))
            .Proof(result)
            .Metric("goals", Obligation.Goals.Count)
            .Metric("goalsProved", result.ProvedGoals)
            .Metric("mutantGoalsRefuted", result.MutantGoals.Count(g => g.Status == ProofStatus.Refuted));
        int counted = result.Goals.Count - result.Definitions;
        string definitions = result.Definitions == 0 ? ""
            : $" ({result.Definitions} definition{(result.Definitions == 1 ? "" : "s")} restating a hypothesis, not counted)";
        string key = $"{result.ProvedGoals}/{counted} goals proved{definitions}, mutant {result.MutantStatus.Name()}";
        if (result.Definitions > 0) b.Metric("definitions", result.Definitions);
        foreach (var g in result.Goals)
            b.Criterion(Criterion.Proof((g.IsDefinition ? "definition (restates a hypothesis): " : "goal: ") + g.Goal, g.Status, Detail(g)));
        // The mutant must come out refuted: that is what shows the check can fail. A mutant that is proved or undecided
        // does not contradict the obligation; it leaves the check's power unshown, so the claim is not confirmed.
        var mutant = result.MutantStatus;
        b.Criterion(Criterion.Proof($"the mutant is refuted ({Obligation.MutantDescription})",
            mutant == ProofStatus.Refuted ? ProofStatus.Proved : ProofStatus.Inconclusive,
            mutant == ProofStatus.Refuted ? "counter-model: " + result.MutantWitness!.CounterModelText
                : $"the mutant came out {mutant.Name()}, so the check's ability to fail is not shown (a defect of the suite)"));
        return b.Decide(VerdictMethod.Proof,
            $"Z3 proves {(counted == 1 ? "its one goal (negation" : $"all {counted} goals (negations")} unsatisfiable){definitions} and refutes " +
            $"the mutant with a counter-model.", key);
    }

    private static string Detail(GoalResult g) => g.Status switch
    {
        ProofStatus.Proved => "negation unsatisfiable",
        ProofStatus.Refuted => "counter-model: " + g.CounterModelText,
        _ => "undecided: " + g.Reason,
    };
}

/// <summary>One <see cref="ObligationClaim"/> per symbolic obligation of <see cref="Flatness.Symbolic.Obligations.ObligationCatalog"/>.</summary>
internal sealed class ObligationClaims : IClaimSource
{
    /// <inheritdoc/>
    public IEnumerable<Claim> Claims() => Flatness.Symbolic.Obligations.ObligationCatalog.All.Select(o => new ObligationClaim(o));
}
