using Flatness.Claims.Model;
using MathNet.Numerics.Distributions;

namespace Flatness.Claims.Decisions;

/// <summary>The suite's one error budget.</summary>
/// <param name="Refutation">α_R: the probability that one run of a true claim comes out refuted (all its statistical
/// criteria together; split among them by Holm's step-down procedure).</param>
/// <param name="Support">α_S: the error probability at which each statistical criterion may support its statement (an
/// intersection–union test: the claim is supported when every criterion is, so no split is needed; Berger 1982).</param>
public sealed record ErrorBudget(double Refutation, double Support)
{
    /// <summary>The suite's budget: α_R = 10⁻⁶ per claim-run, α_S = 0.05 (support at 95 % confidence per criterion).</summary>
    /// <remarks>α_R is derived from the largest sweep the suite runs: about 90 claims × 1000 seeds ≈ 9·10⁴ claim-runs, so
    /// a sweep of every claim at 1000 seeds expects at most 0.09 false refutations (Bonferroni over the claim-runs).
    /// α_S bounds the probability that a false statement comes out confirmed through a statistical criterion.</remarks>
    public static ErrorBudget Suite { get; } = new(1e-6, 0.05);

    /// <summary>The budget in one sentence, for reports.</summary>
    public string Describe(int statisticalCriteria) =>
        $"False-refutation probability per run of this claim at most {Numbers.Format(Refutation, 2)} (the suite's budget, split over " +
        $"{statisticalCriteria} statistical criteri{(statisticalCriteria == 1 ? "on" : "a")} by Holm's procedure); each statistical criterion supports " +
        $"its statement only at {Numbers.Format(100 * (1 - Support), 3)} % confidence (intersection–union: " +
        $"the claim is confirmed when every criterion supports it). " +
        "Power statements use the normal approximation and assume the true value equals the estimate.";
}

/// <summary>One criterion as assessed.</summary>
/// <param name="Criterion">The criterion.</param>
/// <param name="Finding">What it found.</param>
/// <param name="Value">The evidence, formatted (value, or estimate with its bounds' family).</param>
/// <param name="Claimed">What the statement requires, formatted.</param>
/// <param name="Interval">The bounds at the support level (statistical), or "exact".</param>
/// <param name="Power">For statistical criteria: the power and the sizes that would decide; "exact" otherwise.</param>
/// <param name="ContradictionP">The smallest error probability at which the evidence would contradict the statement
/// (statistical criteria; 1 for others), before Holm's adjustment.</param>
public sealed record Assessment(Criterion Criterion, Finding Finding, string Value, string Claimed, string Interval, string Power, double ContradictionP);

/// <summary>A claim's decision: its verdict from its criteria by <see cref="DecisionRule"/>.</summary>
/// <param name="Verdict">confirmed, refuted or inconclusive.</param>
/// <param name="Reason">One sentence: why.</param>
/// <param name="Assessments">Every criterion, assessed.</param>
/// <param name="Budget">The error budget used.</param>
public sealed record Decision(Verdict Verdict, string Reason, IReadOnlyList<Assessment> Assessments, ErrorBudget Budget)
{
    /// <summary>The number of statistical criteria (those that share the false-refutation budget).</summary>
    public int StatisticalCount => Assessments.Count(a => a.Criterion.IsStatistical);
}

/// <summary>The one rule that turns evidence into a verdict, for every claim.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>refuted</b>: some criterion contradicts the statement — a deterministic one by a counterexample (a value
/// outside its region, a false condition, a counter-model), a statistical one at the false-refutation budget α_R shared by
/// Holm's step-down procedure (the i-th smallest contradiction p-value of K compared with α_R/(K − i + 1));</item>
/// <item><b>confirmed</b>: every criterion supports it (statistical ones at α_S);</item>
/// <item><b>inconclusive</b>: otherwise; the undecided criteria state their power and the sizes that would decide.</item>
/// </list>
/// A difference is a criterion on the difference (its own bounds), never two overlapping intervals.
/// </remarks>
public static class DecisionRule
{
    private static readonly double s_z80 = Normal.InvCDF(0, 1, 0.8);

    /// <summary>Decides <paramref name="criteria"/> under <paramref name="budget"/> (default: the suite's).</summary>
    /// <param name="criteria">At least one criterion.</param>
    /// <param name="supportSummary">The sentence that states what was shown when the claim is confirmed.</param>
    /// <param name="budget">The error budget (<see cref="ErrorBudget.Suite"/> when null).</param>
    public static Decision Decide(IReadOnlyList<Criterion> criteria, string supportSummary, ErrorBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.Count == 0) throw new ArgumentException("a decision needs at least one criterion");
        budget ??= ErrorBudget.Suite;
        int k = criteria.Count(c => c.IsStatistical);
        var pValues = criteria.Select(c => c is StatisticalCriterion s ? ContradictionP(s) : 1.0).ToArray();
        var holmRejects = Holm(criteria, pValues, budget.Refutation, k);
        var list = new List<Assessment>(criteria.Count);
        for (int i = 0; i < criteria.Count; i++) list.Add(Assess(criteria[i], pValues[i], holmRejects[i], budget, k));
        var contradicted = list.Where(a => a.Finding == Finding.Contradicts).ToList();
        var undecided = list.Where(a => a.Finding == Finding.Undecided).ToList();
        if (contradicted.Count > 0)
            return new Decision(Verdict.Refuted,
                "the evidence contradicts the statement: " + string.Join("; ", contradicted.Select(Explain)) + ".", list, budget);
        if (undecided.Count > 0)
            return new Decision(Verdict.Inconclusive, "not decided at these sizes: " + string.Join("; ", undecided.Select(Explain)) + ".", list, budget);
        return new Decision(Verdict.Confirmed, supportSummary, list, budget);
    }

    private static string Explain(Assessment a) => a.Criterion switch
    {
        StatisticalCriterion => $"{a.Criterion.Name} is {a.Value}, bounds {a.Interval}, claimed {a.Claimed} ({a.Power})",
        ConditionCriterion c => $"{c.Name}: {c.Detail}",
        PremiseCriterion pm => $"the premise '{pm.Name}' is not met: {pm.Detail}",
        ProofCriterion p => $"{p.Name}: {p.Detail}",
        _ => $"{a.Criterion.Name} is {a.Value}, claimed {a.Claimed}",
    };

    private static bool[] Holm(IReadOnlyList<Criterion> criteria, double[] p, double alpha, int k)
    {
        var rejects = new bool[criteria.Count];
        var order = Enumerable.Range(0, criteria.Count).Where(i => criteria[i].IsStatistical).OrderBy(i => p[i]).ThenBy(i => i).ToList();
        for (int r = 0; r < order.Count; r++)
        {
            if (!(p[order[r]] <= alpha / (k - r))) break;
            rejects[order[r]] = true;
        }
        return rejects;
    }

    /// <summary>The smallest α at which the bounds at α contradict the region (bisection on log α; the event is
    /// monotone in α), or 1 when none below ½ does; at least 10⁻¹⁶.</summary>
    internal static double ContradictionP(StatisticalCriterion c)
    {
        if (!double.IsFinite(c.Bounds.Estimate)) return 1.0;
        const double top = 0.5;
        if (!c.Region.Contradicted(c.Bounds, top)) return 1.0;
        // Below 10⁻¹⁶ the quantile functions lose accuracy (and the budget is 10⁻⁶ / K): such p-values are reported as 10⁻¹⁶.
        const double floor = 1e-16;
        double lo = Math.Log(floor), hi = Math.Log(top);
        if (c.Region.Contradicted(c.Bounds, floor)) return floor;
        for (int i = 0; i < 80; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (c.Region.Contradicted(c.Bounds, Math.Exp(mid))) hi = mid; else lo = mid;
        }
        return Math.Exp(hi);
    }

    private static Assessment Assess(Criterion c, double p, bool holmRejects, ErrorBudget budget, int k)
    {
        switch (c)
        {
            case ExactCriterion e:
                return new Assessment(c, !double.IsNaN(e.Value) && e.Region.Contains(e.Value) ? Finding.Supports : Finding.Contradicts,
                    e.Shown, e.Region.DescribeExact(), "exact", "exact", 1);
            case ConditionCriterion d:
                return new Assessment(c, d.Holds ? Finding.Supports : Finding.Contradicts, d.Detail, "holds", "exact", "exact", 1);
            case PremiseCriterion pm:
                return new Assessment(c, pm.Holds ? Finding.Supports : Finding.Undecided, pm.Detail, "holds (a premise)", "exact", "exact", 1);
            case ProofCriterion pr:
                var f = pr.Status switch
                {
                    Symbolic.Proving.ProofStatus.Proved => Finding.Supports,
                    Symbolic.Proving.ProofStatus.Refuted => Finding.Contradicts,
                    _ => Finding.Undecided,
                };
                return new Assessment(c, f, pr.Detail, "proved", "proof", "proof", 1);
            case StatisticalCriterion s:
                var b = s.Bounds;
                Finding finding = !double.IsFinite(b.Estimate) ? Finding.Undecided
                    : holmRejects ? Finding.Contradicts
                    : s.Region.Supported(b, budget.Support) ? Finding.Supports : Finding.Undecided;
                return new Assessment(c, finding, $"{Numbers.Format(b.Estimate, 4)} ({b.Describe()})", s.Region.Describe(),
                    $"{Numbers.Format(100 * (1 - budget.Support), 3)} %: {s.Region.Interval(b, budget.Support)}", Power(s, finding, budget, k), p);
            default:
                throw new InvalidOperationException($"unknown criterion type {c.GetType().Name}");
        }
    }

    /// <summary>The power statement of a statistical criterion (normal approximation, true value = estimate).</summary>
    private static string Power(StatisticalCriterion s, Finding finding, ErrorBudget budget, int k)
    {
        var b = s.Bounds;
        double se = b.StandardError;
        if (!(se > 0) || !double.IsFinite(se) || !double.IsFinite(b.Estimate)) return "no sampling error recorded";
        double zS = -Normal.InvCDF(0, 1, budget.Support), zR = -Normal.InvCDF(0, 1, budget.Refutation / Math.Max(k, 1));
        var (toSupport, toContradict) = s.Region.Distances(b.Estimate);
        double powerSupport = Normal.CDF(0, 1, toSupport / se - zS);
        string text = $"power {Numbers.Format(powerSupport, 2)} to support if the true value is the estimate";
        if (s.Region is NearRegion near)
            text += $"; resolves deviations of ±{Numbers.Format(near.Tolerance + (zR + s_z80) * se, 2)} (80 % power)";
        if (finding != Finding.Undecided) return text;
        if (toSupport > 0)
        {
            double factor = Math.Pow((zS + s_z80) * se / toSupport, 2);
            return text + $"; about {Numbers.Format(factor, 2)}× the samples (n ≈ {Numbers.Count((long)Math.Ceiling(factor * b.Count))}) " +
                $"would support it with 80 % power";
        }
        if (toContradict > 0)
        {
            double factor = Math.Pow((zR + s_z80) * se / toContradict, 2);
            return text + $"; if the estimate is the truth, about {Numbers.Format(factor, 2)}× the samples " +
                $"(n ≈ {Numbers.Count((long)Math.Ceiling(factor * b.Count))}) would contradict it with 80 % power";
        }
        return text + "; the estimate sits on the boundary: no sample size decides if it is the truth";
    }
}
