using System.Text;
using Flatness.Claims.Model;
using Flatness.Claims.Running;
using Flatness.Symbolic.Proving;

namespace Flatness.Claims.Reports;

/// <summary>Renders a claim's page (claims/ID.md) and the report index (README.md) as GitHub-flavoured Markdown.</summary>
/// <remarks>No timestamps, times, paths or machine names: the same code, seed and profile give the same bytes.</remarks>
public static class MarkdownRenderer
{
    /// <summary>The command that reproduces a claim; with <c>--profile paper</c> for a full-profile claim computed at the papers' sizes.</summary>
    public static string ReproduceCommand(string id, ulong seed, Profile runProfile = Profile.Quick) =>
        $"dotnet run --project src/Cli -- check {id}{(seed == ClaimRunner.DefaultSeed ? "" : $" --seed {seed}")}" +
        (runProfile == Profile.Paper ? " --profile paper" : "");

    /// <summary>File stem of a claim's figure.</summary>
    public static string FigureStem(string id, Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return $"{id}-{figure.Name}";
    }

    /// <summary>claims/ID.md.</summary>
    public static string ClaimPage(ClaimOutcome outcome, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var c = outcome.Claim;
        var e = outcome.Evidence;
        var sb = new StringBuilder();
        sb.Append("# ").Append(c.Id).Append(" — ").Append(Escape(c.Title)).Append("\n\n");
        sb.Append("| | |\n|---|---|\n");
        sb.Append("| paper | ").Append(c.Paper.Describe()).Append(" |\n");
        sb.Append("| provenance | `").Append(c.Provenance.Label()).Append("` — ").Append(ProvenanceMeaning(c.Provenance)).Append(" |\n");
        sb.Append("| kind | ").Append(c.Kind.Name()).Append(" |\n");
        sb.Append("| profile | ").Append(c.Profile.Name()).Append(" |\n");
        sb.Append("| verdict | **").Append(outcome.Verdict.Name()).Append("** (by ").Append(e.Method.Name()).Append(") |\n");
        if (outcome.Dependencies.Count > 0)
            sb.Append("| depends on | ")
              .Append(string.Join(", ", outcome.Dependencies.Select(d => $"[{d.Id}]({d.Id}.md) ({d.Verdict.Name()})"))).Append(" |\n");
        sb.Append("| seed | ").Append(seed).Append(" (claim seed derived from it and the id) |\n\n");
        sb.Append("## Statement\n\n").Append(c.Statement).Append("\n\n");
        sb.Append("## Method\n\n").Append(c.Method).Append("\n\n");
        if (e.Notes.Length > 0) sb.Append(e.Notes).Append("\n\n");
        if (e.Parameters.Count > 0)
        {
            sb.Append("## Parameters\n\n| parameter | value |\n|---|---|\n");
            foreach (var (name, value) in e.Parameters) sb.Append("| ").Append(Escape(name)).Append(" | ").Append(Escape(value)).Append(" |\n");
            sb.Append('\n');
        }
        if (e.Tables.Count > 0)
        {
            sb.Append("## Results\n\n");
            foreach (var t in e.Tables) AppendTable(sb, t);
        }
        if (e.Rates.Count > 0)
        {
            sb.Append("## Fitted rates\n\n| fit | slope | standard error | confidence interval | expected | points |\n|---|---|---|---|---|---|\n");
            foreach (var r in e.Rates)
                sb.Append("| ").Append(Escape(r.Name)).Append(" | ").Append(Numbers.Format(r.Slope, 4)).Append(" | ").Append(Numbers.Format(r.StandardError, 2))
                  .Append(" | ").Append(Numbers.Format(r.Level * 100, 3)).Append("%: [").Append(Numbers.Format(r.Low, 4))
                  .Append(", ").Append(Numbers.Format(r.High, 4))
                  .Append("] | ").Append(Escape(r.Expected)).Append(" | ").Append(r.Points).Append(" |\n");
            sb.Append('\n');
        }
        if (e.Figures.Count > 0)
        {
            sb.Append("## Figures\n\n");
            foreach (var f in e.Figures)
            {
                string stem = FigureStem(c.Id, f);
                sb.Append("![").Append(Escape(f.Title)).Append("](../figures/").Append(stem).Append(".svg)\n\n");
                sb.Append(f.Caption).Append(" Data: [").Append(stem).Append(".csv](../figures/").Append(stem).Append(".csv).\n\n");
            }
        }
        if (e.Proofs.Count > 0)
        {
            sb.Append("## Proof status\n\n");
            foreach (var p in e.Proofs) AppendProof(sb, p);
        }
        if (e.Metrics.Count > 0)
        {
            sb.Append("## Key numbers\n\n| metric | value |\n|---|---|\n");
            foreach (var m in e.Metrics) sb.Append("| ").Append(m.Name).Append(" | ").Append(Numbers.Format(m.Value)).Append(" |\n");
            sb.Append('\n');
        }
        if (e.Decision is { } decision) AppendDecision(sb, decision);
        sb.Append("## Verdict\n\n**").Append(outcome.Verdict.Name()).Append("** — ").Append(Escape(Capitalise(outcome.Reason))).Append("\n\n");
        sb.Append("Reached by ").Append(e.Method.Name()).Append(". ");
        if (outcome.Dependencies.Count == 0) sb.Append("This claim rests on no other claim.\n\n");
        else if (outcome.FullyConfirmed) sb.Append("Fully confirmed: its own check and every claim it rests on are confirmed.\n\n");
        else sb.Append("Not fully confirmed: it is confirmed only when its own check and every claim it rests on are.\n\n");
        sb.Append("## Reproduce\n\n```\n").Append(ReproduceCommand(c.Id, seed, c.Profile == Profile.Quick ? Profile.Quick : outcome.RunProfile))
          .Append("\n```\n");
        return sb.ToString();
    }

    /// <summary>README.md of the report folder: every row of the specifications' claim tables — checked rows with
    /// their verdicts, seed sweeps and key numbers, rows without a check marked "not yet checked" — in two parts:
    /// what the papers state ([paper], [reconstructed]) and the mathematics the suite rests on ([derived]).</summary>
    public static string Index(ResultsDocument results, ClaimCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(catalog);
        var spec = catalog.Spec.Rows;
        var byId = results.Claims.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var sb = new StringBuilder();
        sb.Append("# Flatness.Verify — claim reports\n\n");
        AppendRunHeader(sb, results, catalog);
        int checkedRows = spec.Count(r => byId.ContainsKey(r.Id));
        sb.Append("**Coverage: ").Append(checkedRows).Append(" of ").Append(spec.Count).Append(" specification rows checked** ")
          .Append('(').Append(string.Join(", ", catalog.Spec.Papers.Select(p => $"[paper {p.Letter}](../docs/spec/paper-{p.Letter}.md)"))).Append(')')
          .Append(checkedRows == spec.Count ? ": every row has a check (a check is not a confirmation: read each verdict and its provenance).\n\n"
              : $"; the other {spec.Count - checkedRows} are listed below as *not yet checked*.\n\n");
        var registered = catalog.All;
        var full = registered.Where(c => c.Profile != Profile.Quick).Select(c => c.Id).ToList();
        if (full.Count == 0)
            sb.Append("No full-profile claim is registered yet: `check --profile full` runs the same claims as the quick profile.\n\n");
        else
            sb.Append("Full-profile claims (minutes; run by `check --profile full`, at the papers' own sizes by `--profile paper`): ")
              .Append(string.Join(", ", full)).Append(". Each entry's *sizes* column says under which profile it was computed.\n\n");
        sb.Append("Verdicts: **confirmed** (proof, or numerics within the recorded tolerance), **refuted** (counterexample or ")
          .Append("counter-model stored), **inconclusive** (solver unknown/timeout, undecided statistics, or a claim it rests on is not ")
          .Append("confirmed), **error** (the check threw). *Seeds* is the seed sweep of `check --seeds K`: the claim came out confirmed ")
          .Append("at k of K run seeds (— where no sweep was run).\n\n");

        sb.Append("## What the papers state — `[paper]`, `[reconstructed]`\n\n");
        sb.Append("`[paper]`: stated in the paper. `[reconstructed]`: a display rebuilt from the paper's text (exponents trusted, ")
          .Append("constants not). Only the abstract of paper A is readable anywhere: its `[paper]` rows are checked through proxies, ")
          .Append("and a confirmed verdict there means the check supports the abstract's statement in the setting its page describes, ")
          .Append("not that a theorem of paper A is confirmed.\n\n");
        AppendSection(sb, spec.Where(r => r.IsPaperStatement).ToList(), byId);

        sb.Append("## The mathematics the suite rests on — `[derived]`\n\n");
        sb.Append("`[derived]`: mathematics derived for this project (identities, closed forms, the numerics core), not a claim of ")
          .Append("either paper. Confirming these rows shows the suite's foundations are sound; it confirms nothing the papers state.\n\n");
        AppendSection(sb, spec.Where(r => !r.IsPaperStatement).ToList(), byId);

        var outside = results.Claims.Where(c => catalog.Spec.Find(c.Id) is null).ToList();
        if (outside.Count > 0)
        {
            sb.Append("## Entries without a specification row\n\n| id | verdict | report |\n|---|---|---|\n");
            foreach (var c in outside)
                sb.Append("| ").Append(c.Id).Append(" | **").Append(c.Verdict).Append("** | [").Append(Escape(c.Title))
                  .Append("](claims/").Append(c.Id).Append(".md) |\n");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static void AppendRunHeader(StringBuilder sb, ResultsDocument results, ClaimCatalog catalog)
    {
        var run = results.Run;
        if (run is null)
        {
            sb.Append("Generated with seed ").Append(results.Seed).Append(" (the run that wrote it was not recorded).\n\n");
            return;
        }
        sb.Append("Last written by `dotnet run --project src/Cli -- check");
        bool all = run.ClaimIds.Count == results.Claims.Count && results.Claims.All(c => run.ClaimIds.Contains(c.Id));
        bool profileRun = catalog.All.Where(c => c.Profile <= ParseProfile(run.Profile)).All(c => run.ClaimIds.Contains(c.Id));
        if (!profileRun) sb.Append(' ').Append(string.Join(' ', run.ClaimIds));
        if (run.Profile != "quick") sb.Append(" --profile ").Append(run.Profile);
        if (results.Seed != ClaimRunner.DefaultSeed) sb.Append(" --seed ").Append(results.Seed);
        if (run.Seeds > 1) sb.Append(" --seeds ").Append(run.Seeds);
        sb.Append("` (seed ").Append(results.Seed).Append("; ").Append(run.ClaimIds.Count).Append(" claims");
        if (run.Seeds > 1) sb.Append(", each at ").Append(run.Seeds).Append(" seeds");
        sb.Append(").");
        if (all) sb.Append(" That run produced every entry below.\n\n");
        else
            sb.Append(" It was a partial run: the other ").Append(results.Claims.Count(c => !run.ClaimIds.Contains(c.Id)))
              .Append(" entries come from earlier runs into this folder with the same seed (their *sizes* and *seeds* " +
                  "columns say how they were computed).\n\n");
    }

    private static Profile ParseProfile(string name) => name switch { "full" => Profile.Full, "paper" => Profile.Paper, _ => Profile.Quick };

    private static void AppendSection(StringBuilder sb, List<SpecRow> rows, Dictionary<string, ResultEntry> byId)
    {
        var entries = rows.Where(r => byId.ContainsKey(r.Id)).Select(r => byId[r.Id]).ToList();
        var counts = entries.GroupBy(c => c.Verdict).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}").ToList();
        sb.Append(rows.Count).Append(" rows: ").Append(entries.Count).Append(" checked");
        if (counts.Count > 0) sb.Append(" (").Append(string.Join(", ", counts)).Append(')');
        sb.Append(", ").Append(rows.Count - entries.Count).Append(" not yet checked.\n\n");
        sb.Append("| id | paper | provenance | kind | sizes | verdict | seeds | result | claim |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            if (byId.TryGetValue(r.Id, out var c))
                sb.Append("| ").Append(c.Id).Append(" | ").Append(c.Paper).Append(" | `").Append(c.Provenance).Append("` | ").Append(c.Kind)
                  .Append(" | ").Append(c.ComputedUnder).Append(" | **").Append(c.Verdict).Append("** | ")
                  .Append(c.Sweep is null ? "—" : Escape(c.Sweep.Describe()))
                  .Append(" | ").Append(Escape(c.KeyNumber)).Append(" | [").Append(Escape(c.Title)).Append("](claims/").Append(c.Id).Append(".md) |\n");
            else
                sb.Append("| ").Append(r.Id).Append(" | ").Append(r.Paper.Letter).Append(" | `").Append(r.Provenance.Label())
                  .Append("` | ").Append(r.Kind.Name())
                  .Append(" | ").Append(r.Cost.Name()).Append(" | *not yet checked* | — | — | ").Append(Escape(r.Statement)).Append(" |\n");
        }
        sb.Append('\n');
    }

    private static void AppendDecision(StringBuilder sb, Decisions.Decision decision)
    {
        sb.Append("## Criteria\n\n| criterion | evidence | claimed | bounds | finding | power |\n|---|---|---|---|---|---|\n");
        foreach (var a in decision.Assessments)
            sb.Append("| ").Append(Escape(a.Criterion.Name)).Append(" | ").Append(Escape(a.Value)).Append(" | ").Append(Escape(a.Claimed))
              .Append(" | ").Append(Escape(a.Interval)).Append(" | **").Append(FindingName(a.Finding)).Append("** | ").Append(Escape(a.Power)).Append(" |\n");
        sb.Append('\n');
        if (decision.StatisticalCount > 0) sb.Append(decision.Budget.Describe(decision.StatisticalCount)).Append("\n\n");
        else sb.Append("Every criterion is exact (no sampling error): a value outside its region is a counterexample.\n\n");
    }

    private static string FindingName(Decisions.Finding f) => f switch
    {
        Decisions.Finding.Supports => "supports",
        Decisions.Finding.Contradicts => "contradicts",
        _ => "undecided",
    };

    private static void AppendTable(StringBuilder sb, ReportTable t)
    {
        sb.Append("### ").Append(Escape(t.Title)).Append("\n\n| ").Append(string.Join(" | ", t.Columns.Select(Escape))).Append(" |\n|");
        foreach (var _ in t.Columns) sb.Append("---|");
        sb.Append('\n');
        foreach (var row in t.Rows) sb.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
        sb.Append('\n');
    }

    private static void AppendProof(StringBuilder sb, ObligationResult p)
    {
        var o = p.Obligation;
        sb.Append("Obligation **").Append(o.Id).Append("**: ").Append(p.Status.Name()).Append("; mutant: ").Append(p.MutantStatus.Name())
          .Append(p.MutantStatus == ProofStatus.Refuted ? " (as it must be)" : " (a defect of the suite: the mutant must be refuted)").Append(".\n\n");
        sb.Append("| goal | status | detail |\n|---|---|---|\n");
        foreach (var g in p.Goals)
            sb.Append("| ").Append(Escape(g.Goal)).Append(" | ").Append(g.Status.Name()).Append(" | ")
              .Append(Escape(g.CounterModelText ?? g.Reason ?? "negation unsatisfiable")).Append(" |\n");
        sb.Append("\nMutant — ").Append(Escape(o.MutantDescription)).Append(":\n\n| mutant goal | status | counter-model |\n|---|---|---|\n");
        foreach (var g in p.MutantGoals)
            sb.Append("| ").Append(Escape(g.Goal)).Append(" | ").Append(g.Status.Name()).Append(" | ")
              .Append(Escape(g.CounterModelText ?? g.Reason ?? "—")).Append(" |\n");
        sb.Append("\n<details><summary>SMT-LIB 2 of the goals (re-run with any solver, e.g. <code>z3 file.smt2</code>)</summary>\n\n```smt2\n")
          .Append(o.GoalsSmtLib()).Append("```\n\n</details>\n\n");
        sb.Append("<details><summary>SMT-LIB 2 of the mutant</summary>\n\n```smt2\n").Append(o.MutantSmtLib()).Append("```\n\n</details>\n\n");
    }

    private static string ProvenanceMeaning(Provenance p)
    {
        var parts = new List<string>();
        if (p.HasFlag(Provenance.Paper)) parts.Add("stated in the paper");
        if (p.HasFlag(Provenance.Reconstructed)) parts.Add("display rebuilt from the paper's text (exponents trusted, constants not)");
        if (p.HasFlag(Provenance.Derived)) parts.Add("mathematics derived for this project, not a claim of the paper");
        return string.Join("; ", parts);
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Escapes the characters that would break a table cell.</summary>
    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
