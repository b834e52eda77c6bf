using System.CommandLine;
using System.Globalization;
using Flatness.Inputs;
using Flatness.Symbolic.Obligations;
using Flatness.Symbolic.Proving;
using Spectre.Console;

namespace Flatness.Cli.Commands;

/// <summary><c>flatness prove</c>: checks the Z3 proof obligations and their mutants.</summary>
internal static class ProveCommand
{
    public static Command Create(CommandIO io)
    {
        var ids = new Argument<string[]>("ids") { Description = "Obligation ids (default: all), e.g. A-26 B-24.", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print {\"obligations\": [...]} instead of a table." };
        var timeout = new Option<int>("--timeout-ms") { Description = "Per-goal solver timeout in milliseconds (default 10000).",
            DefaultValueFactory = _ => Z3Checker.DefaultTimeoutMs };
        var smtlib = new Option<string?>("--smtlib") { Description = "Also write each obligation's SMT-LIB 2 scripts (ID.smt2, " +
            "ID.mutant.smt2) into this folder." };
        var command = new Command("prove", "Prove the symbolic obligations with Z3; each mutant must come out refuted.") { ids, json, timeout, smtlib };
        command.SetAction(parse =>
        {
            int ms = parse.GetValue(timeout);
            if (ms < 1) throw new InputException("--timeout-ms", $"must be a positive number of milliseconds, got {ms}");
            var selected = Select(parse.GetValue(ids) ?? []);
            string? dir = parse.GetValue(smtlib);
            if (dir is not null) WriteSmtLib(dir, selected);
            var results = new List<ObligationResult>();
            foreach (var o in selected) results.Add(Prover.Run(o, ms));
            if (parse.GetValue(json)) io.Out.WriteLine(ToJson(results));
            else WriteTable(results, io, ms);
            return results.All(r => r.Passed) ? Program.Success : Program.Failure;
        });
        return command;
    }

    internal static List<Obligation> Select(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0) return ObligationCatalog.All.ToList();
        var unknown = ids.Where(id => !ObligationCatalog.Contains(id)).ToList();
        if (unknown.Count > 0)
            throw new InputException("prove",
                $"unknown obligation id(s): {string.Join(", ", unknown)} (known: {string.Join(", ", ObligationCatalog.All.Select(o => o.Id))})");
        return ids.Select(ObligationCatalog.Get).Distinct().ToList();
    }

    private static void WriteSmtLib(string dir, IEnumerable<Obligation> obligations)
    {
        try
        {
            Directory.CreateDirectory(dir);
            foreach (var o in obligations)
            {
                AtomicFile.WriteAllText(Path.Combine(dir, o.Id + ".smt2"), o.GoalsSmtLib());
                AtomicFile.WriteAllText(Path.Combine(dir, o.Id + ".mutant.smt2"), o.MutantSmtLib());
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(dir, $"cannot write SMT-LIB files: {ex.Message}");
        }
    }

    internal static string ToJson(IEnumerable<ObligationResult> results) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("obligations");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Obligation.Id);
            w.WriteString("summary", r.Obligation.Summary);
            w.WriteString("provenance", r.Obligation.Provenance);
            w.WriteString("status", r.Status.Name());
            w.WriteString("mutantStatus", r.MutantStatus.Name());
            w.WriteNumber("milliseconds", Math.Round(r.Milliseconds, 1));
            w.WriteNumber("goals", r.Goals.Count);
            // Goals that only restate a hypothesis are definitions: proved, but not counted as proved goals.
            w.WriteNumber("goalsProved", r.ProvedGoals);
            w.WriteNumber("definitions", r.Definitions);
            if (r.FirstRefutedGoal is GoalResult bad) w.WriteString("counterModel", $"{bad.Goal}: {bad.CounterModelText}");
            var inconclusive = r.Goals.Concat(r.MutantGoals).FirstOrDefault(g => g.Status == ProofStatus.Inconclusive);
            if (inconclusive is not null) w.WriteString("reason", $"{inconclusive.Goal}: {inconclusive.Reason}");
            if (r.MutantWitness is GoalResult m) w.WriteString("mutantCounterModel", $"{m.Goal}: {m.CounterModelText}");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Whether the mutant is unrefuted only because its goals hit a timeout the user set below the default: then
    /// the cause is the chosen limit, not a defect of the suite.</summary>
    internal static bool MutantTimedOutAtUsersLimit(ObligationResult r, int timeoutMs) =>
        timeoutMs < Z3Checker.DefaultTimeoutMs && r.MutantStatus == ProofStatus.Inconclusive
        && r.MutantGoals.Where(g => g.Status != ProofStatus.Refuted).All(g => g.Reason?.StartsWith("timeout", StringComparison.Ordinal) == true);

    private static void WriteTable(List<ObligationResult> results, CommandIO io, int timeoutMs)
    {
        var console = Terminal.Create(io);
        var table = new Table().AddColumn("id").AddColumn("statement").AddColumn("status").AddColumn(new TableColumn("ms").RightAligned()).AddColumn("mutant");
        foreach (var r in results)
        {
            string status = r.Status switch
            {
                ProofStatus.Proved => "[green]proved[/]",
                ProofStatus.Refuted => "[red]refuted[/]",
                _ => "[yellow]inconclusive[/]",
            };
            string mutant = r.MutantStatus == ProofStatus.Refuted ? "[green]refuted[/]"
                : MutantTimedOutAtUsersLimit(r, timeoutMs) ? $"[yellow]{r.MutantStatus.Name()} (timed out at --timeout-ms {timeoutMs})[/]"
                : $"[red]{r.MutantStatus.Name()} (suite defect)[/]";
            table.AddRow(Markup.Escape(r.Obligation.Id), Markup.Escape(r.Obligation.Summary), status,
                r.Milliseconds.ToString("F0", CultureInfo.InvariantCulture), mutant);
        }
        console.Write(table);
        foreach (var r in results.Where(r => !r.Passed))
        {
            foreach (var g in r.Goals.Where(g => g.Status != ProofStatus.Proved))
                console.WriteLine(Markup.Escape($"{r.Obligation.Id} goal '{g.Goal}': {g.Status.Name()} {g.CounterModelText ?? g.Reason}"));
            foreach (var g in r.MutantGoals.Where(g => g.Status != ProofStatus.Refuted))
                console.WriteLine(Markup.Escape($"{r.Obligation.Id} mutant '{g.Goal}': {g.Status.Name()} {g.Reason} "
                    + (MutantTimedOutAtUsersLimit(r, timeoutMs)
                        ? $"(the mutant must be refuted; it timed out at the chosen --timeout-ms {timeoutMs}, " +
                            $"below the default {Z3Checker.DefaultTimeoutMs}: rerun with a larger value)"
                        : "(the mutant must be refuted)")));
        }
        int passed = results.Count(r => r.Passed);
        console.WriteLine($"{passed} of {results.Count} obligations proved with their mutants refuted.");
    }
}
