using Flatness.Symbolic.Terms;
using static Flatness.Symbolic.Terms.T;

namespace Flatness.Symbolic.Proving;

/// <summary>One operator of the term language with its meaning computed in C# (not through the term encoding).</summary>
/// <param name="Name">Readable name, e.g. "abs |z|".</param>
/// <param name="Build">Builds the term from exact rational arguments.</param>
/// <param name="Reference">The operator's value computed directly in C# (Math.Abs, Math.Max, …).</param>
/// <param name="Samples">Argument tuples (exact in binary floating point) at which term and reference are compared.</param>
public sealed record OperatorCase(string Name, Func<Term[], Term> Build, Func<double[], double> Reference, IReadOnlyList<double[]> Samples);

/// <summary>The term language tests its own operators: each operator is evaluated by Z3 at sample points and compared
/// with the value C# computes directly, so a mis-encoded operator (e.g. |z| written as z) is caught before any proof
/// relies on it.</summary>
/// <remarks>For each operator the goal "op(s) = reference(s) for every sample s" has no variables; Z3 proves it
/// (negation unsat) exactly when the SMT-LIB encoding agrees with C# at all samples. Boolean operators compare with
/// 1 for true and 0 for false through <c>ite</c>. Samples are dyadic rationals, so the C# values are exact.</remarks>
public static class OperatorSelfCheck
{
    private static readonly double[][] Unary = [[-1.5], [-0.25], [0], [0.5], [2]];
    private static readonly double[][] Binary = [[-1.5, 0.25], [0, -2], [0.5, 0.5], [2, -0.75], [-0.25, -3]];

    private static Term Bool(Term condition) => Ite(condition, 1, 0);

    private static double Bool(bool condition) => condition ? 1 : 0;

    /// <summary>Every operator of <see cref="Term"/> and <see cref="T"/> with its C# meaning.</summary>
    public static IReadOnlyList<OperatorCase> Cases { get; } =
    [
        new("sum a + b", a => a[0] + a[1], a => a[0] + a[1], Binary),
        new("difference a - b", a => a[0] - a[1], a => a[0] - a[1], Binary),
        new("negation -a", a => -a[0], a => -a[0], Unary),
        new("product a * b", a => a[0] * a[1], a => a[0] * a[1], Binary),
        new("abs |z|", a => Abs(a[0]), a => Math.Abs(a[0]), Unary),
        new("relu max(z, 0)", a => Relu(a[0]), a => Math.Max(a[0], 0), Unary),
        new("step 1[z > 0]", a => Step(a[0]), a => a[0] > 0 ? 1 : 0, Unary),
        new("leaky relu z or alpha z", a => Leaky(a[0], a[1]), a => a[0] > 0 ? a[0] : a[1] * a[0], Binary),
        new("power z^0", a => Pow(a[0], 0), _ => 1, Unary),
        new("power z^1", a => Pow(a[0], 1), a => a[0], Unary),
        new("power z^2", a => Pow(a[0], 2), a => a[0] * a[0], Unary),
        new("power z^3", a => Pow(a[0], 3), a => a[0] * a[0] * a[0], Unary),
        new("power z^4", a => Pow(a[0], 4), a => a[0] * a[0] * a[0] * a[0], Unary),
        new("ite(a > b, a, b)", a => Ite(a[0] > a[1], a[0], a[1]), a => a[0] > a[1] ? a[0] : a[1], Binary),
        new("sum of a list", a => Sum(a), a => a.Sum(), Binary),
        new("rational constant p/q", a => Q(3, 4) * a[0], a => 0.75 * a[0], Unary),
        new("less a < b", a => Bool(a[0] < a[1]), a => Bool(a[0] < a[1]), Binary),
        new("greater a > b", a => Bool(a[0] > a[1]), a => Bool(a[0] > a[1]), Binary),
        new("at most a <= b", a => Bool(a[0] <= a[1]), a => Bool(a[0] <= a[1]), Binary),
        new("at least a >= b", a => Bool(a[0] >= a[1]), a => Bool(a[0] >= a[1]), Binary),
        new("equal a = b", a => Bool(Eq(a[0], a[1])), a => Bool(a[0] == a[1]), Binary),
        new("not equal a != b", a => Bool(Ne(a[0], a[1])), a => Bool(a[0] != a[1]), Binary),
        new("and", a => Bool((a[0] > 0) & (a[1] > 0)), a => Bool(a[0] > 0 && a[1] > 0), Binary),
        new("or", a => Bool((a[0] > 0) | (a[1] > 0)), a => Bool(a[0] > 0 || a[1] > 0), Binary),
        new("not", a => Bool(!(a[0] > 0)), a => Bool(!(a[0] > 0)), Unary),
        new("implies", a => Bool(Implies(a[0] > 0, a[1] > 0)), a => Bool(!(a[0] > 0) || a[1] > 0), Binary),
        new("iff", a => Bool(Iff(a[0] > 0, a[1] > 0)), a => Bool(a[0] > 0 == a[1] > 0), Binary),
        new("fraction less a/1 < b/2", a => Bool(FracLess(a[0], 1, a[1], 2)), a => Bool(a[0] < a[1] / 2), Binary),
        new("fraction at most a/2 <= b/1", a => Bool(FracLessEq(a[0], 2, a[1], 1)), a => Bool(a[0] / 2 <= a[1]), Binary),
    ];

    /// <summary>The goal "op(s) = reference(s) at every sample" for one operator (no variables, no hypotheses).</summary>
    public static Goal GoalFor(OperatorCase operatorCase)
    {
        ArgumentNullException.ThrowIfNull(operatorCase);
        var equalities = operatorCase.Samples.Select(s =>
            Eq(operatorCase.Build(s.Select(v => (Term)Num.Exact(v)).ToArray()), Num.Exact(operatorCase.Reference(s))));
        string samples = string.Join("; ",
            operatorCase.Samples.Select(s => string.Join(", ", s.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        return Goal.Of($"term-language self-check: {operatorCase.Name} agrees with C# at ({samples})", All(equalities));
    }

    /// <summary>Runs every operator's goal through Z3.</summary>
    public static IReadOnlyList<GoalResult> Run(int timeoutMs = Z3Checker.DefaultTimeoutMs) =>
        Cases.Select(c => Z3Checker.Check(GoalFor(c), timeoutMs)).ToList();

    private static readonly Lazy<IReadOnlyList<GoalResult>> Failures = new(FindFailures, LazyThreadSafetyMode.ExecutionAndPublication);

    private static List<GoalResult> FindFailures()
    {
        var failures = new List<GoalResult>();
        foreach (var c in Cases)
        {
            var result = Z3Checker.Check(GoalFor(c));
            if (result.Status == ProofStatus.Proved) continue;
            // Name the first sample at which the encoding and C# disagree.
            var bad = c.Samples.FirstOrDefault(s => Z3Checker.Check(GoalFor(c with { Samples = [s] })).Status != ProofStatus.Proved) ?? c.Samples[0];
            var model = new List<KeyValuePair<string, string>>
            {
                new("arguments", string.Join(", ", bad.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
                new("C# value", c.Reference(bad).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("term", c.Build(bad.Select(v => (Term)Num.Exact(v)).ToArray()).Smt),
            };
            failures.Add(result with
            {
                Status = ProofStatus.Refuted, CounterModel = model,
                Reason = "the term language's encoding disagrees with C# (or Z3 could not decide it): no proof in this process can be trusted",
            });
        }
        return failures;
    }

    /// <summary>The operators whose Z3 value disagrees with C# (computed once per process); empty when all agree.</summary>
    public static IReadOnlyList<GoalResult> FailuresOnce => Failures.Value;
}
