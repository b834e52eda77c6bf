using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flatness.Claims.Model;
using Flatness.Claims.Running;
using Flatness.Inputs;

namespace Flatness.Claims.Reports;

/// <summary>The folder a shard writes (<c>check --shard i/N --out DIR_i</c>) and the merge of N such folders into one
/// report folder (<c>flatness merge DIR_1 … DIR_N --out DIR</c>), byte-identical to the unsharded run.</summary>
/// <remarks>A shard folder holds the claim pages and figures of its claim units at the run seed, the training runs it
/// trained (<c>runs/KEY.run</c>), and <c>shard.json</c>: the run's parameters (profile, seed, seeds, the selected claims),
/// the shard's index, the effective verdict of every claim unit it ran, the keys of its training runs, its wall and CPU
/// time, and the results entries of its units at the run seed. The merge decides the claims that rest on training
/// (<see cref="ITrainedClaim"/>) from the runs of every shard.</remarks>
public static class ShardReports
{
    /// <summary>The manifest's file name.</summary>
    public const string Manifest = "shard.json";

    private const string Format = "flatness-shard/1";

    /// <summary>Renders a shard folder's files (relative path → content).</summary>
    /// <param name="shard">Which shard.</param>
    /// <param name="profile">The run's profile.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="seeds">The run's --seeds.</param>
    /// <param name="selection">Every claim of the run, in order.</param>
    /// <param name="ran">The shard's claim units with their outcomes.</param>
    /// <param name="trained">The keys of the training runs the shard saved under runs/.</param>
    /// <param name="wall">The shard's wall time.</param>
    /// <param name="cpu">The shard process's CPU time.</param>
    public static SortedDictionary<string, string> Render(ShardSpec shard, Profile profile, ulong seed, int seeds, IReadOnlyList<Claim> selection,
        IReadOnlyList<(WorkUnit Unit, ClaimOutcome Outcome)> ran, IReadOnlyList<string> trained, TimeSpan wall, TimeSpan cpu)
    {
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(ran);
        var primary = ran.Where(r => r.Unit.SeedIndex == 0).Select(r => r.Outcome).ToList();
        var files = ReportWriter.Pages(primary, seed);
        var entries = new ResultsDocument(profile.Name(), seed, primary.Select(ResultEntry.From).ToList());
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream,
            new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("shard", shard.ToString());
            w.WriteString("profile", profile.Name());
            w.WriteNumber("seed", seed);
            w.WriteNumber("seeds", seeds);
            w.WriteStartArray("claims");
            foreach (var c in selection) w.WriteStringValue(c.Id);
            w.WriteEndArray();
            w.WriteStartArray("units");
            foreach (var (u, o) in ran)
            {
                w.WriteStartObject();
                w.WriteString("id", u.Claim.Id);
                w.WriteNumber("seedIndex", u.SeedIndex);
                w.WriteNumber("seed", u.Seed);
                w.WriteString("verdict", o.Verdict.Name());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("training");
            foreach (var k in trained) w.WriteStringValue(k);
            w.WriteEndArray();
            w.WriteNumber("wallSeconds", Math.Round(wall.TotalSeconds, 1));
            w.WriteNumber("cpuSeconds", Math.Round(cpu.TotalSeconds, 1));
            w.WritePropertyName("results");
            w.WriteRawValue(entries.ToJson());
            w.WriteEndObject();
        }
        files[Manifest] = Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        return files;
    }

    private sealed record ShardFolder(string Directory, ShardSpec Shard, string Profile, ulong Seed, int Seeds, IReadOnlyList<string> Claims,
        IReadOnlyList<(string Id, int SeedIndex, ulong Seed, Verdict Verdict)> Units, ResultsDocument Results, IReadOnlyList<string> Training,
        double WallSeconds, double CpuSeconds);

    /// <summary>The file the merge writes beside the reports with each shard's units, wall and CPU time (not part of the
    /// deterministic reports: times differ from run to run).</summary>
    public const string TimingFile = "shards.md";

    /// <summary>Merges N shard folders into <paramref name="output"/> (merged with an existing results.json of the same
    /// seed, as a run would be), all or nothing.</summary>
    /// <exception cref="InputException">A folder is not a shard folder, the shards come from different runs, a shard is
    /// missing or repeated, or a unit is missing or repeated.</exception>
    /// <param name="catalog">The claims.</param>
    /// <param name="directories">The shard folders.</param>
    /// <param name="output">The report folder.</param>
    /// <param name="progress">Called per deferred claim decided at the merge, or null.</param>
    public static void Merge(ClaimCatalog catalog, IReadOnlyList<string> directories, string output, Action<ClaimOutcome>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(output);
        if (directories.Count == 0) throw new InputException("merge", "name the shard folders to merge");
        var shards = directories.Select(Read).ToList();
        var first = shards[0];
        foreach (var s in shards)
        {
            if (s.Profile != first.Profile || s.Seed != first.Seed || s.Seeds != first.Seeds || !s.Claims.SequenceEqual(first.Claims)
                || s.Shard.Count != first.Shard.Count)
                throw new InputException(s.Directory,
                    $"shard {s.Shard} comes from another run than {first.Directory} (profile, seed, seeds, claims and shard count must agree)");
        }
        int n = first.Shard.Count;
        var missing = Enumerable.Range(1, n).Where(i => shards.All(s => s.Shard.Index != i)).ToList();
        if (missing.Count > 0) throw new InputException("merge", $"shard(s) {string.Join(", ", missing.Select(i => $"{i}/{n}"))} missing");
        var repeated = shards.GroupBy(s => s.Shard.Index).Where(g => g.Count() > 1).Select(g => $"{g.Key}/{n}").ToList();
        if (repeated.Count > 0) throw new InputException("merge", $"shard(s) {string.Join(", ", repeated)} given more than once");

        var claims = first.Claims.Select(id => catalog.Find(id) ?? throw new InputException(first.Directory, $"claim {id} is not registered in this version"))
            .ToList();
        var profile = ParseProfile(first.Profile, first.Directory);
        var plan = Sharding.Plan(claims, first.Seed, first.Seeds, profile);
        var expected = plan.Claims.Where(u => !u.Deferred).ToList();
        var got = shards.SelectMany(s => s.Units).ToList();
        foreach (var u in expected)
        {
            int count = got.Count(g => g.Id == u.Claim.Id && g.SeedIndex == u.SeedIndex && g.Seed == u.Seed);
            if (count != 1) throw new InputException("merge", $"unit {u.Claim.Id} at seed {u.Seed} appears {count} times in the shards (expected once)");
        }
        if (got.Count != expected.Count) throw new InputException("merge", "the shards hold units that are not part of their run");
        var trainedBy = new Dictionary<string, ShardFolder>(StringComparer.Ordinal);
        foreach (var s in shards)
            foreach (var k in s.Training)
                if (!trainedBy.TryAdd(k, s)) throw new InputException("merge", $"training run {k} appears in more than one shard");
        foreach (var t in plan.Training)
        {
            if (!trainedBy.TryGetValue(t.Work.Key, out var s))
                throw new InputException("merge", $"training run {t.Work.Key} ({t.Work.Description}) is in no shard");
            try
            {
                if (!t.Work.IsDone && !t.Work.TryLoad(Path.Combine(s.Directory, "runs")))
                    throw new InputException(Path.Combine(s.Directory, "runs"), $"training run {t.Work.Key} is listed but its file is missing");
            }
            catch (InvalidDataException ex)
            {
                throw new InputException(Path.Combine(s.Directory, "runs"), ex.Message);
            }
        }
        if (trainedBy.Count != plan.Training.Count) throw new InputException("merge", "the shards hold training runs that are not part of their run");
        var deferredEntries = new List<ResultEntry>();
        var deferredSweeps = new List<(string Id, int SeedIndex, ulong Seed, Verdict Verdict)>();
        var deferredPages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in plan.Claims.Where(u => u.Deferred).GroupBy(u => u.SeedIndex).OrderBy(g => g.Key))
        {
            var units = group.ToList();
            var outcomes = ClaimRunner.Run(ClaimRunner.Select(catalog, units.Select(u => u.Claim.Id).ToList(), profile), units[0].Seed, null, profile)
                .ToDictionary(o => o.Claim.Id, StringComparer.Ordinal);
            var mine = units.Select(u => outcomes[u.Claim.Id]).ToList();
            foreach (var o in mine) progress?.Invoke(o);
            deferredSweeps.AddRange(units.Select(u => (u.Claim.Id, u.SeedIndex, u.Seed, outcomes[u.Claim.Id].Verdict)));
            if (group.Key != 0) continue;
            foreach (var (name, content) in ReportWriter.Pages(mine, first.Seed)) deferredPages[name] = content;
            deferredEntries.AddRange(mine.Select(ResultEntry.From));
        }
        got.AddRange(deferredSweeps);

        var files = new SortedDictionary<string, string>(deferredPages, StringComparer.Ordinal);
        foreach (var s in shards)
            foreach (var sub in new[] { "claims", "figures" })
            {
                string dir = Path.Combine(s.Directory, sub);
                if (!Directory.Exists(dir)) continue;
                foreach (var f in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
                {
                    string rel = sub + "/" + Path.GetFileName(f);
                    if (!files.TryAdd(rel, File.ReadAllText(f))) throw new InputException(f, "appears in more than one shard");
                }
            }
        var sweeps = got.GroupBy(g => g.Id, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => new SeedSweep(g.OrderBy(x => x.SeedIndex).Select(x => (x.Seed, x.Verdict)).ToList()), StringComparer.Ordinal);
        var entries = shards.SelectMany(s => s.Results.Claims).Concat(deferredEntries)
            .Select(e => first.Seeds > 1 ? e with { Sweep = SweepRecord.From(sweeps[e.Id]) } : e).ToList();
        if (entries.Count != claims.Count) throw new InputException("merge", $"the shards hold {entries.Count} results entries for {claims.Count} claims");
        ReportWriter.Update(output, existing =>
        {
            foreach (var (name, content) in ReportWriter.Assemble(catalog, entries,
                new RunRecord(first.Profile, first.Seeds, first.Claims), first.Seed, existing))
                files[name] = content;
            files[TimingFile] = Timing(shards, plan);
            return files;
        }, first.Claims);
    }

    private static ShardFolder Read(string directory)
    {
        string path = Path.Combine(directory, Manifest);
        if (!File.Exists(path))
            throw new InputException(directory, $"not a shard folder (no {Manifest}): write one with 'check --shard i/N --out {directory}'");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var r = doc.RootElement;
            if (r.GetProperty("format").GetString() != Format) throw new InputException(path, $"unknown shard format (expected {Format})");
            var results = ResultsDocument.TryParse(r.GetProperty("results").GetRawText()) ?? throw new InputException(path, "its results entries do not parse");
            var units = r.GetProperty("units").EnumerateArray().Select(u => (u.GetProperty("id").GetString()!, u.GetProperty("seedIndex").GetInt32(),
                u.GetProperty("seed").GetUInt64(), ParseVerdict(u.GetProperty("verdict").GetString()!, path))).ToList();
            return new ShardFolder(directory, ShardSpec.Parse(r.GetProperty("shard").GetString()!), r.GetProperty("profile").GetString()!,
                r.GetProperty("seed").GetUInt64(), r.GetProperty("seeds").GetInt32(),
                r.GetProperty("claims").EnumerateArray().Select(c => c.GetString()!).ToList(), units, results,
                r.GetProperty("training").EnumerateArray().Select(k => k.GetString()!).ToList(), r.GetProperty("wallSeconds").GetDouble(),
                r.GetProperty("cpuSeconds").GetDouble());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException(path, $"not a valid shard manifest ({ex.Message})");
        }
    }

    private static Profile ParseProfile(string name, string path) => name switch
    {
        "quick" => Profile.Quick,
        "full" => Profile.Full,
        "paper" => Profile.Paper,
        _ => throw new InputException(path, $"unknown profile '{name}'"),
    };

    private static string Timing(IReadOnlyList<ShardFolder> shards, RunPlan plan)
    {
        var sb = new StringBuilder();
        sb.Append("# Shards of the last merged run\n\nWritten by `flatness merge` beside the reports; unlike them it changes from run to run ")
          .Append("(wall and CPU times of each shard process).\n\n| shard | claim units | training runs | wall (s) | CPU (s) |\n|---|---|---|---|---|\n");
        foreach (var s in shards.OrderBy(s => s.Shard.Index))
            sb.Append("| ").Append(s.Shard).Append(" | ").Append(s.Units.Count).Append(" | ").Append(s.Training.Count).Append(" | ")
              .Append(s.WallSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)).Append(" | ")
              .Append(s.CpuSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)).Append(" |\n");
        sb.Append("\nTotal: ").Append(plan.Training.Count).Append(" training runs, ").Append(plan.Claims.Count).Append(" claim units; ")
          .Append((shards.Sum(s => s.CpuSeconds) / 3600).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)).Append(" CPU hours.\n");
        return sb.ToString();
    }

    private static Verdict ParseVerdict(string name, string path) =>
        Enum.GetValues<Verdict>().FirstOrDefault(v => v.Name() == name, (Verdict)(-1)) is var v && v != (Verdict)(-1)
            ? v : throw new InputException(path, $"unknown verdict '{name}'");
}
