using System.CommandLine;
using System.Globalization;
using Flatness.Claims.Model;
using Flatness.Claims.Reports;
using Flatness.Claims.Running;
using Flatness.Inputs;
using Spectre.Console;
using Profile = Flatness.Claims.Model.Profile;

namespace Flatness.Cli.Commands;

/// <summary><c>flatness check</c>: runs the claims, prints a summary and writes the reports.</summary>
internal static class CheckCommand
{
    public static Command Create(CommandIO io)
    {
        var ids = new Argument<string[]>("ids") { Description = "Claim ids (default: every claim of the profile); their dependencies run too.",
            Arity = ArgumentArity.ZeroOrMore };
        var profile = new Option<string>("--profile") { Description = "quick (seconds; default), full (minutes; " +
            "includes quick) or paper (the papers' own sizes; hours; includes full).", DefaultValueFactory = _ => "quick" };
        profile.AcceptOnlyFromAmong("quick", "full", "paper");
        var output = new Option<string>("--out") { Description = "Report folder (default: reports).", DefaultValueFactory = _ => "reports" };
        var seed = new Option<ulong>("--seed") { Description = $"Run seed (default {ClaimRunner.DefaultSeed}); each claim derives its own from it.",
            DefaultValueFactory = _ => ClaimRunner.DefaultSeed };
        var seeds = new Option<int>("--seeds")
        {
            Description = "Run every selected claim at K run seeds (the --seed itself and K−1 derived from it) and record, per claim, " +
                "\"confirmed at k of K seeds\" in results.json and the index (default 1: no sweep). The reports show the evidence at --seed.",
            DefaultValueFactory = _ => 1,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k is >= 1 and <= 10000) return k;
                result.AddError($"--seeds takes a whole number from 1 to 10000, not '{text}'");
                return 1;
            },
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run only shard i of N (i/N) of the work units (claim × seed) into a shard folder --out DIR_i; " +
                "'flatness merge DIR_1 … DIR_N --out DIR' assembles the reports of the unsharded run.",
        };
        var plan = new Option<int?>("--plan")
        {
            Description = "Print the run's work units (claims, and the training runs paper B's experiments rest on) with their estimated cost in " +
                "flop and in seconds on this machine, and their cost-balanced split over N shards (--plan N; default 16); run nothing.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("check", "Run the claims' checks and write reports: README.md, claims/ID.md, figures/, results.json.")
        {
            ids, profile, output, seed, seeds, shard, plan
        };
        command.SetAction(parse =>
        {
            var prof = parse.GetValue(profile) switch { "full" => Profile.Full, "paper" => Profile.Paper, _ => Profile.Quick };
            IReadOnlyList<Claim> claims;
            try
            {
                claims = ClaimRunner.Select(ClaimCatalog.Default, parse.GetValue(ids) ?? [], prof);
            }
            catch (ArgumentException ex)
            {
                throw new InputException("check", ex.Message);
            }
            string dir = parse.GetValue(output) ?? "reports";
            ulong runSeed = parse.GetValue(seed);
            int k = parse.GetValue(seeds);
            if (parse.GetResult(plan) is not null)
            {
                int n = parse.GetValue(plan) ?? 16;
                if (n is < 1 or > 100000) throw new InputException("--plan", $"takes a shard count from 1 to 100000, not {n}");
                return PlanCommand.Print(Sharding.Plan(claims, runSeed, k, prof), n, io);
            }
            if (parse.GetValue(shard) is { } shardText)
            {
                ShardSpec spec;
                try
                {
                    spec = ShardSpec.Parse(shardText);
                }
                catch (FormatException ex)
                {
                    throw new InputException("--shard", ex.Message);
                }
                return RunShard(claims, spec, prof, runSeed, k, dir, io);
            }
            ReportWriter.EnsureWritable(dir);
            var (outcomes, sweeps) = Run(claims, runSeed, k, prof, io);
            try
            {
                ReportWriter.Write(ClaimCatalog.Default, dir, outcomes, prof.Name(), runSeed, k > 1 ? sweeps : null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InputException(dir, $"cannot write the reports: {ex.Message}");
            }
            Summary(outcomes, k > 1 ? sweeps : null, io, dir);
            bool failed = outcomes.Any(o => o.Verdict is Verdict.Refuted or Verdict.Error)
                || sweeps.Values.Any(sw => sw.Runs.Any(r => r.Verdict is Verdict.Refuted or Verdict.Error));
            return failed ? Program.Failure : Program.Success;
        });
        return command;
    }

    private static (IReadOnlyList<ClaimOutcome>, IReadOnlyDictionary<string, SeedSweep>) Run(IReadOnlyList<Claim> claims, ulong seed, int count,
        Profile profile, CommandIO io)
    {
        string Label(int sweep, ulong s) => count > 1 ? $"seed {sweep + 1}/{count} ({s}) " : "";
        if (!io.Interactive)
        {
            return ClaimRunner.RunSweep(claims, seed, count, (sweep, s, i, claim, outcome) =>
            {
                if (outcome is not null)
                    io.Out.WriteLine($"{Label(sweep, s)}[{i + 1}/{claims.Count}] {claim.Id} {outcome.Verdict.Name()} " +
                        $"({outcome.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s)");
            }, profile);
        }
        (IReadOnlyList<ClaimOutcome>, IReadOnlyDictionary<string, SeedSweep>) result = ([], new Dictionary<string, SeedSweep>());
        Terminal.Create(io).Progress().Start(ctx =>
        {
            var task = ctx.AddTask("checking claims", maxValue: claims.Count * count);
            // A second bar for progress inside a long check (paper B's training runs report every recorded step).
            var inner = ctx.AddTask(" ", maxValue: 1);
            var listening = new SynchronousProgress<(string Label, double Fraction)>(p =>
            {
                inner.Description = Markup.Escape(p.Label);
                inner.Value = Math.Clamp(p.Fraction, 0, 1);
            });
            result = ClaimRunner.RunSweep(claims, seed, count, (sweep, s, i, claim, outcome) =>
            {
                task.Description = Markup.Escape($"{Label(sweep, s)}{claim.Id} {claim.Title}");
                if (outcome is not null) task.Increment(1);
                inner.Description = " ";
                inner.Value = 0;
            }, profile, listening);
            inner.Value = 1;
        });
        return result;
    }

    private static int RunShard(IReadOnlyList<Claim> claims, ShardSpec shard, Profile profile, ulong seed, int seeds, string dir, CommandIO io)
    {
        // An empty folder, an earlier shard's folder (its manifest), or an interrupted shard's (only its saved training runs,
        // which the shard reuses) — never a folder of other files.
        if (Directory.Exists(dir) && !File.Exists(Path.Combine(dir, ShardReports.Manifest))
            && Directory.EnumerateFileSystemEntries(dir).Any(e => Path.GetFileName(e) != "runs" || !Directory.Exists(e)))
            throw new InputException(dir, "a shard writes into an empty folder, an earlier shard folder or an interrupted shard's " +
                "(only runs/); this one holds other files");
        ReportWriter.EnsureWritable(dir);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var plan = Sharding.Plan(claims, seed, seeds, profile);
        var share = Sharding.Assign(plan, shard);
        int trained = 0;
        try
        {
            Sharding.Train(share.Training, profile, Path.Combine(dir, "runs"), (t, reused) =>
                io.Out.WriteLine($"shard {shard} training [{++trained}/{share.Training.Count}] {t.Work.Description}{(reused ? " (saved run reused)" : "")}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(dir, $"cannot write the shard's runs: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            throw new InputException(Path.Combine(dir, "runs"), ex.Message);
        }
        int done = 0;
        var ran = Sharding.Run(ClaimCatalog.Default, share.Claims, profile, (u, o) =>
            io.Out.WriteLine($"shard {shard} [{++done}/{share.Claims.Count}] {u.Claim.Id} at seed {u.Seed} {o.Verdict.Name()} " +
                $"({o.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s)"));
        var files = ShardReports.Render(shard, profile, seed, seeds, claims, ran, share.Training.Select(t => t.Work.Key).ToList(), clock.Elapsed,
            System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0);
        try
        {
            // Pages an earlier shard run left in this folder that this shard does not own are removed in the same commit.
            ReportWriter.Update(dir, _ => files, ran.Where(r => r.Unit.SeedIndex == 0).Select(r => r.Unit.Claim.Id).ToList());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(dir, $"cannot write the shard folder: {ex.Message}");
        }
        int bad = ran.Count(r => r.Outcome.Verdict is Verdict.Refuted or Verdict.Error);
        io.Out.WriteLine($"shard {shard}: {share.Claims.Count} claim units of {plan.Claims.Count(u => !u.Deferred)} " +
            $"({ran.Count(r => r.Outcome.Verdict == Verdict.Confirmed)} confirmed{(bad > 0 ? $", {bad} refuted or error" : "")}) and {share.Training.Count} " +
            $"of {plan.Training.Count} training runs written to {dir}/; " +
            "assemble with 'flatness merge' once every shard has run (the experiment claims are decided there).");
        return bad > 0 ? Program.Failure : Program.Success;
    }

    private static void Summary(IReadOnlyList<ClaimOutcome> outcomes, IReadOnlyDictionary<string, SeedSweep>? sweeps, CommandIO io, string dir)
    {
        var console = Terminal.Create(io);
        var table = new Table().AddColumn("id").AddColumn("title").AddColumn("verdict");
        if (sweeps is not null) table.AddColumn("seeds");
        table.AddColumn("key number").AddColumn(new TableColumn("time").RightAligned());
        foreach (var o in outcomes)
        {
            string colour = o.Verdict switch { Verdict.Confirmed => "green", Verdict.Refuted => "red", Verdict.Error => "red", _ => "yellow" };
            var cells = new List<string> { Markup.Escape(o.Claim.Id), Markup.Escape(o.Claim.Title), $"[{colour}]{o.Verdict.Name()}[/]" };
            if (sweeps is not null) cells.Add(Markup.Escape(SweepRecord.From(sweeps[o.Claim.Id]).Describe()));
            cells.Add(Markup.Escape(o.Evidence.KeyNumber));
            cells.Add(o.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s");
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        var counts = outcomes.GroupBy(o => o.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}");
        console.WriteLine(Markup.Escape($"{outcomes.Count} claims: {string.Join(", ", counts)}. Reports written to {dir}/."));
        foreach (var o in outcomes.Where(o => o.Verdict is not Verdict.Confirmed))
            console.WriteLine(Markup.Escape($"{o.Claim.Id} {o.Verdict.Name()}: {o.Reason}"));
        if (sweeps is not null)
        {
            int k = sweeps.Values.First().Seeds;
            var weak = sweeps.Where(kv => kv.Value.Confirmed < kv.Value.Seeds).Select(kv => $"{kv.Key} ({SweepRecord.From(kv.Value).Describe()})").ToList();
            console.WriteLine(Markup.Escape(weak.Count == 0
                ? $"Seed sweep: every claim confirmed at all {k} seeds."
                : $"Seed sweep over {k} seeds: not confirmed at every seed: {string.Join(", ", weak)}."));
        }
    }
}
