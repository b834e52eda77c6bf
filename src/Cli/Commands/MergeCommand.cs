using System.CommandLine;
using Flatness.Claims.Reports;
using Flatness.Claims.Running;
using Flatness.Inputs;

namespace Flatness.Cli.Commands;

/// <summary><c>flatness merge DIR_1 … DIR_N --out DIR</c>: assembles the shard folders of one sharded <c>check</c> run into
/// a report folder, byte-identical to the unsharded run.</summary>
internal static class MergeCommand
{
    public static Command Create(CommandIO io)
    {
        var shards = new Argument<string[]>("shards") { Description = "The shard folders (written by 'check --shard i/N --out DIR_i'), all N of them.",
            Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Report folder (default: reports).", DefaultValueFactory = _ => "reports" };
        var command = new Command("merge", "Assemble the reports of a sharded check run from its shard folders.") { shards, output };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(output) ?? "reports";
            var folders = parse.GetValue(shards) ?? [];
            ReportWriter.EnsureWritable(dir);
            try
            {
                ShardReports.Merge(ClaimCatalog.Default, folders, dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InputException(dir, $"cannot write the reports: {ex.Message}");
            }
            var results = ReportWriter.Existing(dir)!;
            var run = results.Run!;
            int bad = results.Claims.Count(c => run.ClaimIds.Contains(c.Id) && c.Verdict is "refuted" or "error"
                || c.Sweep is { } s && s.NotConfirmed.Any(n => n.Verdict is "refuted" or "error"));
            io.Out.WriteLine($"merged {folders.Length} shards: {run.ClaimIds.Count} claims at {run.Seeds} seed(s), seed {results.Seed}, " +
                $"profile {run.Profile}; reports written to {dir}/.");
            return bad > 0 ? Program.Failure : Program.Success;
        });
        return command;
    }
}
