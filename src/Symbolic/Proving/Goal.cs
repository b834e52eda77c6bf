using System.Text;
using Flatness.Symbolic.Terms;

namespace Flatness.Symbolic.Proving;

/// <summary>One proof goal: hypotheses ⇒ claim, checked by asserting the hypotheses and ¬claim.</summary>
/// <param name="Name">A short name (e.g. "ReLU, z &gt; 0").</param>
/// <param name="Hypotheses">Assumptions.</param>
/// <param name="Claim">The statement; the goal is proved when hypotheses ∧ ¬claim is unsatisfiable.</param>
public sealed record Goal(string Name, IReadOnlyList<Term> Hypotheses, Term Claim)
{
    /// <summary>Creates a goal.</summary>
    public static Goal Of(string name, Term claim, params Term[] hypotheses) => new(name, hypotheses, claim);

    /// <summary>The SMT-LIB 2 script: declarations, hypotheses and the negated claim (no check-sat).</summary>
    public string ToSmtLib()
    {
        var vars = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var h in Hypotheses) h.CollectVariables(vars);
        Claim.CollectVariables(vars);
        var sb = new StringBuilder();
        foreach (var (name, sort) in vars) sb.Append("(declare-fun ").Append(name).Append(" () ").Append(sort).Append(")\n");
        foreach (var h in Hypotheses) sb.Append("(assert ").Append(h.Smt).Append(")\n");
        sb.Append("(assert (not ").Append(Claim.Smt).Append("))\n");
        return sb.ToString();
    }
}
