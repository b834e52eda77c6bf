using Flatness.Claims.Running;
using Flatness.Inputs;

namespace Flatness.Claims.Reports;

/// <summary>Writes a run's reports: claims/ID.md, figures/ID-name.svg and .csv, results.json and README.md.</summary>
/// <remarks>
/// <para>Every file is rendered in memory first, staged, and swapped into place all or nothing under the folder's lock
/// (<see cref="ReportFolder"/>); a run that fails or is interrupted leaves the previous reports as they were.</para>
/// <para>A run of some claims updates their entries and keeps the other registered claims' entries of an existing
/// results.json with the same seed, so <c>check A-05</c> refreshes A-05 without dropping the rest of the index.</para>
/// </remarks>
public static partial class ReportWriter
{
    /// <summary>Renders every file of a run (relative path → content) after merging with the existing results.json.</summary>
    /// <param name="catalog">The claims and specifications the run came from.</param>
    /// <param name="outcomes">The run's outcomes at its own seed.</param>
    /// <param name="profile">The run's --profile.</param>
    /// <param name="seed">The run's --seed.</param>
    /// <param name="existing">The folder's results.json, if any: entries of other claims with the same seed are kept.</param>
    /// <param name="sweeps">Per claim, its verdicts over the run's seed sweep (<c>--seeds K</c>); null without a sweep.</param>
    public static SortedDictionary<string, string> Render(ClaimCatalog catalog, IReadOnlyList<ClaimOutcome> outcomes, string profile,
        ulong seed, ResultsDocument? existing, IReadOnlyDictionary<string, SeedSweep>? sweeps = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var files = Pages(outcomes, seed);
        var entries = outcomes.Select(o => ResultEntry.From(o, sweeps?.GetValueOrDefault(o.Claim.Id))).ToList();
        int seeds = sweeps is null || sweeps.Count == 0 ? 1 : sweeps.Values.Max(s => s.Seeds);
        foreach (var (name, content) in Assemble(catalog, entries, new RunRecord(profile, seeds, outcomes.Select(o => o.Claim.Id).ToList()), seed, existing))
            files[name] = content;
        return files;
    }

    /// <summary>The claim pages and figures (SVG and CSV) of a run's outcomes, by relative path.</summary>
    public static SortedDictionary<string, string> Pages(IReadOnlyList<ClaimOutcome> outcomes, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in outcomes)
        {
            files[$"claims/{o.Claim.Id}.md"] = MarkdownRenderer.ClaimPage(o, seed);
            foreach (var f in o.Evidence.Figures)
            {
                string stem = MarkdownRenderer.FigureStem(o.Claim.Id, f);
                files[$"figures/{stem}.svg"] = FigureRenderer.Svg(f);
                files[$"figures/{stem}.csv"] = FigureRenderer.Csv(f);
            }
        }
        return files;
    }

    /// <summary>results.json and README.md for a run's entries, merged with an existing results.json of the same seed
    /// (the other registered claims' entries are kept), in catalogue order.</summary>
    /// <param name="catalog">The claims and specifications the run came from.</param>
    /// <param name="entries">The run's entries (with their sweeps).</param>
    /// <param name="run">What the run did.</param>
    /// <param name="seed">The run's --seed.</param>
    /// <param name="existing">The folder's results.json, if any.</param>
    public static SortedDictionary<string, string> Assemble(ClaimCatalog catalog, IReadOnlyList<ResultEntry> entries, RunRecord run,
        ulong seed, ResultsDocument? existing)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(run);
        var merged = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        if (existing is not null && existing.Seed == seed)
            foreach (var e in existing.Claims)
            {
                if (!merged.TryGetValue(e.Id, out var now)) { if (catalog.Find(e.Id) is not null) merged[e.Id] = e; }
                // A claim run again at one seed (e.g. as a dependency of another) keeps the sweep recorded with the same evidence.
                else if (now.Sweep is null && e.Sweep is not null && now.SameEvidence(e)) merged[e.Id] = now with { Sweep = e.Sweep };
            }
        var order = catalog.All.Select((c, i) => (c.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        var results = new ResultsDocument(CoveredProfile(catalog, merged.Keys, run.Profile), seed,
            merged.Values.OrderBy(e => order[e.Id]).ToList()) { Run = run };
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["results.json"] = results.ToJson(),
            ["README.md"] = MarkdownRenderer.Index(results, catalog),
        };
    }

    /// <summary>The profile the merged entries cover: "full" when every registered claim is present, "quick" when every
    /// quick claim is, otherwise the run's own profile. A quick run into a folder of full reports therefore keeps it a
    /// full report (the quick claims' entries are the same whichever profile ran them).</summary>
    internal static string CoveredProfile(ClaimCatalog catalog, IEnumerable<string> ids, string runProfile)
    {
        var present = ids.ToHashSet(StringComparer.Ordinal);
        if (catalog.All.All(c => present.Contains(c.Id))) return "full";
        if (catalog.All.Where(c => c.Profile == Flatness.Claims.Model.Profile.Quick).All(c => present.Contains(c.Id))) return "quick";
        return runProfile;
    }

    /// <summary>How long a run waits for another run writing into the same folder.</summary>
    public static TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Writes the rendered files under <paramref name="directory"/> (created if missing), all or nothing and
    /// under the folder's lock (see <see cref="ReportFolder"/>): results.json is read, merged and rewritten while the
    /// lock is held, so concurrent runs keep each other's entries.</summary>
    /// <exception cref="IOException">The folder or a file cannot be written (the previous reports are then as they were).</exception>
    public static void Write(ClaimCatalog catalog, string directory, IReadOnlyList<ClaimOutcome> outcomes, string profile, ulong seed,
        IReadOnlyDictionary<string, SeedSweep>? sweeps = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Update(directory, existing => Render(catalog, outcomes, profile, seed, existing, sweeps), outcomes.Select(o => o.Claim.Id).ToList());
    }

    /// <summary>Under the folder's lock (after rolling back any run killed while writing into it): reads its results.json,
    /// renders the new files from it, and commits them all or nothing — removing, in the same commit, every claim page and
    /// figure that no longer belongs to the folder (see <see cref="Obsolete"/>).</summary>
    /// <param name="directory">The report (or shard) folder; created if missing.</param>
    /// <param name="render">From the folder's current results.json (null: none), the files to write.</param>
    /// <param name="runIds">The claims the run produced pages for.</param>
    /// <exception cref="IOException">The folder or a file cannot be written (the previous files are then as they were).</exception>
    public static void Update(string directory, Func<ResultsDocument?, SortedDictionary<string, string>> render, IReadOnlyCollection<string> runIds)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(render);
        ArgumentNullException.ThrowIfNull(runIds);
        Directory.CreateDirectory(directory);
        using var held = ReportFolder.Lock(directory, LockTimeout);
        ReportFolder.Recover(directory);
        var files = render(Existing(directory));
        ReportFolder.Commit(directory, files, Obsolete(directory, files, runIds));
    }

    /// <summary>The results.json of a report folder, or null when there is none (or it is not a results document).</summary>
    public static ResultsDocument? Existing(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string resultsPath = Path.Combine(directory, "results.json");
        return File.Exists(resultsPath) ? ResultsDocument.TryParse(File.ReadAllText(resultsPath)) : null;
    }

    /// <summary>The claim pages and figures in <paramref name="directory"/> that the new files make obsolete: those of a claim
    /// the run rendered that the run no longer produces (e.g. a renamed figure), and those of a claim that has no entry in
    /// the new results.json (left by a run with another seed, or no longer registered). Files of other names are kept.</summary>
    public static IReadOnlyList<string> Obsolete(string directory, IReadOnlyDictionary<string, string> files, IReadOnlyCollection<string> runIds)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(runIds);
        var kept = files.TryGetValue("results.json", out var json) && ResultsDocument.TryParse(json) is { } doc
            ? doc.Claims.Select(c => c.Id).ToHashSet(StringComparer.Ordinal)
            : runIds.ToHashSet(StringComparer.Ordinal);
        var ran = runIds.ToHashSet(StringComparer.Ordinal);
        var obsolete = new List<string>();
        foreach (var sub in new[] { "claims", "figures" })
        {
            string dir = Path.Combine(directory, sub);
            if (!Directory.Exists(dir)) continue;
            foreach (var path in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(path), relative = sub + "/" + name;
                if (files.ContainsKey(relative) || !ClaimFile().IsMatch(name)) continue;
                string id = name[..4];
                if (ran.Contains(id) || !kept.Contains(id)) obsolete.Add(relative);
            }
        }
        return obsolete;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[AB]-\d\d(\.md|-.+\.(svg|csv))$")]
    private static partial System.Text.RegularExpressions.Regex ClaimFile();

    /// <summary>Checks that a report folder can be created and written, without leaving anything behind.</summary>
    /// <exception cref="InputException">It cannot.</exception>
    public static void EnsureWritable(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, $".write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException(directory, $"the report folder is not writable ({InputFiles.Reason(ex)})");
        }
    }
}
