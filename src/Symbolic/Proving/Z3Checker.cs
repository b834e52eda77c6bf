using System.Diagnostics;
using Microsoft.Z3;

namespace Flatness.Symbolic.Proving;

/// <summary>Checks goals with Z3: one fresh context per goal, which parses the goal's SMT-LIB text and checks it.</summary>
/// <remarks>
/// Z3 is Microsoft.Z3 4.12.2's managed API over Debian's libz3.so.4 (4.8.12) through the shim in native/z3shim.c
/// (toolchain.md, "Z3 on Linux"). A fresh context per goal, fed the exact stored text, keeps results independent of
/// earlier goals and of garbage-collection timing. unsat ⇒ proved; sat ⇒ refuted with the model; unknown or a
/// timeout ⇒ inconclusive — never promoted to proved.
/// </remarks>
public static class Z3Checker
{
    /// <summary>Default per-goal timeout (spec §8.2: confirm on unsat within 10 s).</summary>
    public const int DefaultTimeoutMs = 10000;

    /// <summary>Checks one goal.</summary>
    public static GoalResult Check(Goal goal, int timeoutMs = DefaultTimeoutMs)
    {
        ArgumentNullException.ThrowIfNull(goal);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMs, 1);
        string script = goal.ToSmtLib();
        var sw = Stopwatch.StartNew();
        using var ctx = new Context(new Dictionary<string, string> { ["model"] = "true" });
        var assertions = ctx.ParseSMTLIB2String(script);
        using var solver = ctx.MkSolver();
        var p = ctx.MkParams();
        p.Add("timeout", (uint)timeoutMs);
        solver.Parameters = p;
        solver.Assert(assertions);
        var status = solver.Check();
        double ms = sw.Elapsed.TotalMilliseconds;
        switch (status)
        {
            case Status.UNSATISFIABLE:
                return new GoalResult(goal.Name, ProofStatus.Proved, null, null, ms);
            case Status.SATISFIABLE:
                return new GoalResult(goal.Name, ProofStatus.Refuted, ReadModel(solver.Model), null, ms);
            default:
                string reason = solver.ReasonUnknown;
                if (string.IsNullOrWhiteSpace(reason)) reason = "unknown";
                if (reason.Contains("timeout", StringComparison.OrdinalIgnoreCase) || reason.Contains("canceled", StringComparison.OrdinalIgnoreCase))
                    reason = $"timeout after {timeoutMs} ms ({reason})";
                return new GoalResult(goal.Name, ProofStatus.Inconclusive, null, reason, ms);
        }
    }

    private static List<KeyValuePair<string, string>> ReadModel(Model model)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var decl in model.ConstDecls)
        {
            var value = model.ConstInterp(decl);
            values.Add(new(decl.Name.ToString(), Format(value)));
        }
        values.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return values;
    }

    /// <summary>A readable value: exact rationals as p/q (with a decimal when not an integer), algebraic numbers as decimals.</summary>
    private static string Format(Expr value)
    {
        if (value is RatNum rat)
        {
            if (rat.BigIntDenominator.IsOne) return rat.BigIntNumerator.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return $"{rat.BigIntNumerator}/{rat.BigIntDenominator} (~{rat.ToDecimalString(8)})";
        }
        if (value is IntNum i) return i.BigInteger.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (value is AlgebraicNum alg) return "~" + alg.ToDecimal(10);
        return value.ToString();
    }
}
