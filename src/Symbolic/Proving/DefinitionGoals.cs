using Flatness.Symbolic.Terms;

namespace Flatness.Symbolic.Proving;

/// <summary>Recognises goals that only restate one of their own hypotheses (definitions), which are not counted as
/// proved goals.</summary>
/// <remarks>A goal ⟨H₁, …, H_r ⊢ C⟩ is a definition when some single hypothesis Hᵢ is logically equivalent to C on its
/// own (Z3 proves Hᵢ ⇔ C with no other hypothesis), e.g. "(1/n)Σr² = 2L" under the hypothesis 2nL = Σr². Only
/// hypotheses over exactly C's variables are tried (equivalence with a different variable set would make C or Hᵢ
/// trivial). A syntactically identical hypothesis is a definition without a solver call.</remarks>
public static class DefinitionGoals
{
    /// <summary>The hypothesis the goal restates, or null.</summary>
    public static Term? RestatedHypothesis(Goal goal, int timeoutMs = 2000)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var claimVars = Variables(goal.Claim);
        foreach (var h in goal.Hypotheses)
        {
            if (h.Smt == goal.Claim.Smt) return h;
            if (!Variables(h).SequenceEqual(claimVars)) continue;
            if (Z3Checker.Check(Goal.Of("definition test", T.Iff(h, goal.Claim)), timeoutMs).Status == ProofStatus.Proved) return h;
        }
        return null;
    }

    private static string[] Variables(Term t)
    {
        var vars = new SortedDictionary<string, string>(StringComparer.Ordinal);
        t.CollectVariables(vars);
        return vars.Keys.ToArray();
    }
}
