using System.CommandLine;
using System.Globalization;
using Flatness.Claims.Model;
using Flatness.Claims.Reports;
using Flatness.Claims.Running;
using Flatness.Numerics.IO;
using Spectre.Console;
using Profile = Flatness.Claims.Model.Profile;

namespace Flatness.Cli.Commands;

/// <summary><c>flatness check</c>: runs the claims, prints a summary and writes the reports.</summary>
internal static class CheckCommand
{
    public static Command Create(CommandIO io)
    {
        var ids = new Argument<string[]>("ids") { Description = "Claim ids (default: every claim of the profile); their dependencies run too.", Arity = ArgumentArity.ZeroOrMore };
        var profile = new Option<string>("--profile") { Description = "quick (seconds; default), full (minutes; includes quick) or paper (the papers' own sizes; hours; includes full).", DefaultValueFactory = _ => "quick" };
        profile.AcceptOnlyFromAmong("quick", "full", "paper");
        var output = new Option<string>("--out") { Description = "Report folder (default: reports).", DefaultValueFactory = _ => "reports" };
        var seed = new Option<ulong>("--seed") { Description = $"Run seed (default {ClaimRunner.DefaultSeed}); each claim derives its own from it.", DefaultValueFactory = _ => ClaimRunner.DefaultSeed };
        var command = new Command("check", "Run the claims' checks and write reports: README.md, claims/ID.md, figures/, results.json.") { ids, profile, output, seed };
        command.SetAction(parse =>
        {
            var prof = parse.GetValue(profile) switch { "full" => Profile.Full, "paper" => Profile.Paper, _ => Profile.Quick };
            IReadOnlyList<Claim> claims;
            try
            {
                claims = ClaimRunner.Select(parse.GetValue(ids) ?? [], prof);
            }
            catch (ArgumentException ex)
            {
                throw new InputException("check", ex.Message);
            }
            string dir = parse.GetValue(output) ?? "reports";
            ReportWriter.EnsureWritable(dir);
            ulong runSeed = parse.GetValue(seed);
            var outcomes = Run(claims, runSeed, prof, io);
            try
            {
                ReportWriter.Write(dir, outcomes, prof.Name(), runSeed);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InputException(dir, $"cannot write the reports: {ex.Message}");
            }
            Summary(outcomes, io, dir);
            return outcomes.Any(o => o.Verdict is Verdict.Refuted or Verdict.Error) ? Program.Failure : Program.Success;
        });
        return command;
    }

    private static IReadOnlyList<ClaimOutcome> Run(IReadOnlyList<Claim> claims, ulong seed, Profile profile, CommandIO io)
    {
        if (!io.Interactive)
        {
            return ClaimRunner.Run(claims, seed, (i, claim, outcome) =>
            {
                if (outcome is not null)
                    io.Out.WriteLine($"[{i + 1}/{claims.Count}] {claim.Id} {outcome.Verdict.Name()} ({outcome.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s)");
            }, profile);
        }
        IReadOnlyList<ClaimOutcome> result = [];
        Terminal.Create(io).Progress().Start(ctx =>
        {
            var task = ctx.AddTask("checking claims", maxValue: claims.Count);
            result = ClaimRunner.Run(claims, seed, (i, claim, outcome) =>
            {
                task.Description = Markup.Escape($"{claim.Id} {claim.Title}");
                if (outcome is not null) task.Increment(1);
            }, profile);
        });
        return result;
    }

    private static void Summary(IReadOnlyList<ClaimOutcome> outcomes, CommandIO io, string dir)
    {
        var console = Terminal.Create(io);
        var table = new Table().AddColumn("id").AddColumn("title").AddColumn("verdict").AddColumn("key number").AddColumn(new TableColumn("time").RightAligned());
        foreach (var o in outcomes)
        {
            string colour = o.Verdict switch { Verdict.Confirmed => "green", Verdict.Refuted => "red", Verdict.Error => "red", _ => "yellow" };
            table.AddRow(Markup.Escape(o.Claim.Id), Markup.Escape(o.Claim.Title), $"[{colour}]{o.Verdict.Name()}[/]",
                Markup.Escape(o.Evidence.KeyNumber), o.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s");
        }
        console.Write(table);
        var counts = outcomes.GroupBy(o => o.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}");
        console.WriteLine(Markup.Escape($"{outcomes.Count} claims: {string.Join(", ", counts)}. Reports written to {dir}/."));
        foreach (var o in outcomes.Where(o => o.Verdict is not Verdict.Confirmed))
            console.WriteLine(Markup.Escape($"{o.Claim.Id} {o.Verdict.Name()}: {o.Reason}"));
    }
}
