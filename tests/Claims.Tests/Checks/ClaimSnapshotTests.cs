using Flatness.Claims.Model;
using Flatness.Claims.Reports;
using Snapshooter.NUnit;

namespace Flatness.Claims.Tests.Checks;

/// <summary>Every quick claim's evidence — verdict, reason, tables, metrics, figure data, proof results — rounded to its
/// declared digits, verified against a stored snapshot (strict in CI: a missing snapshot fails).</summary>
public class ClaimSnapshotTests
{
    private static IEnumerable<string> Ids() => QuickRun.QuickIds();

    [TestCaseSource(nameof(Ids))]
    public void Evidence_MatchesItsSnapshot(string id)
    {
        var o = QuickRun.Get(id);
        Snapshot.Match(Describe(o));
    }

    [TestCaseSource(nameof(Ids))]
    public void QuickClaim_IsConfirmed(string id)
    {
        var o = QuickRun.Get(id);
        Assert.That(o.Verdict, Is.EqualTo(Verdict.Confirmed), $"{id}: {o.Reason}");
    }

    internal static object Describe(Flatness.Claims.Running.ClaimOutcome o) => new
    {
        o.Claim.Id,
        Verdict = o.Verdict.Name(),
        OwnVerdict = o.Evidence.Verdict.Name(),
        Method = o.Evidence.Method.Name(),
        o.Reason,
        o.Evidence.KeyNumber,
        Parameters = o.Evidence.Parameters.Select(p => $"{p.Name} = {p.Value}").ToList(),
        Metrics = o.Evidence.Metrics.ToDictionary(m => m.Name, m => Numbers.Format(m.Value)),
        Tables = o.Evidence.Tables.Select(t => new { t.Title, Columns = string.Join(" | ", t.Columns), Rows = t.Rows.Select(r => string.Join(" | ", r)).ToList() }).ToList(),
        Rates = o.Evidence.Rates.Select(r => $"{r.Name}: slope {Numbers.Format(r.Slope, 4)}, {Numbers.Format(r.Level * 100, 3)}% CI [{Numbers.Format(r.Low, 4)}, {Numbers.Format(r.High, 4)}], expected {r.Expected}").ToList(),
        Figures = o.Evidence.Figures.Select(f => new { f.Name, Csv = FigureRenderer.Csv(f).Split('\n', StringSplitOptions.RemoveEmptyEntries) }).ToList(),
        Proofs = o.Evidence.Proofs.SelectMany(p => p.Goals.Select(g => $"goal {g.Goal}: {g.Status}").Concat(p.MutantGoals.Select(g => $"mutant {g.Goal}: {g.Status} {g.CounterModelText}"))).ToList(),
        Dependencies = o.Dependencies.Select(d => $"{d.Id}: {d.Verdict.Name()}").ToList(),
        Criteria = o.Evidence.Decision?.Assessments.Select(a => $"{a.Criterion.Name}: {a.Finding} | {a.Value} | claimed {a.Claimed} | {a.Interval} | {a.Power}").ToList(),
    };
}
