using Flatness.Claims.Running;
using Flatness.Numerics.IO;

namespace Flatness.Claims.Reports;

/// <summary>Writes a run's reports: claims/ID.md, figures/ID-name.svg and .csv, results.json and README.md.</summary>
/// <remarks>
/// <para>Every file is rendered in memory first, written to a temporary name in its folder, and only when all are
/// written are they renamed into place; a run that fails or is interrupted before that leaves the previous reports as
/// they were.</para>
/// <para>A run of some claims updates their entries and keeps the other registered claims' entries of an existing
/// results.json with the same seed, so <c>check A-05</c> refreshes A-05 without dropping the rest of the index.</para>
/// </remarks>
public static class ReportWriter
{
    /// <summary>Renders every file of a run (relative path → content) after merging with the existing results.json.</summary>
    /// <param name="outcomes">The run's outcomes at its own seed.</param>
    /// <param name="profile">The run's --profile.</param>
    /// <param name="seed">The run's --seed.</param>
    /// <param name="existing">The folder's results.json, if any: entries of other claims with the same seed are kept.</param>
    /// <param name="sweeps">Per claim, its verdicts over the run's seed sweep (<c>--seeds K</c>); null without a sweep.</param>
    public static SortedDictionary<string, string> Render(IReadOnlyList<ClaimOutcome> outcomes, string profile, ulong seed, ResultsDocument? existing,
        IReadOnlyDictionary<string, SeedSweep>? sweeps = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var files = Pages(outcomes, seed);
        var entries = outcomes.Select(o => ResultEntry.From(o, sweeps?.GetValueOrDefault(o.Claim.Id))).ToList();
        int seeds = sweeps is null || sweeps.Count == 0 ? 1 : sweeps.Values.Max(s => s.Seeds);
        foreach (var (name, content) in Assemble(entries, new RunRecord(profile, seeds, outcomes.Select(o => o.Claim.Id).ToList()), seed, existing))
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
    /// <param name="entries">The run's entries (with their sweeps).</param>
    /// <param name="run">What the run did.</param>
    /// <param name="seed">The run's --seed.</param>
    /// <param name="existing">The folder's results.json, if any.</param>
    public static SortedDictionary<string, string> Assemble(IReadOnlyList<ResultEntry> entries, RunRecord run, ulong seed, ResultsDocument? existing)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(run);
        var merged = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        if (existing is not null && existing.Seed == seed)
            foreach (var e in existing.Claims)
                if (!merged.ContainsKey(e.Id) && ClaimCatalog.Find(e.Id) is not null) merged[e.Id] = e;
        var order = ClaimCatalog.All.Select((c, i) => (c.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        var results = new ResultsDocument(CoveredProfile(merged.Keys, run.Profile), seed, merged.Values.OrderBy(e => order[e.Id]).ToList()) { Run = run };
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["results.json"] = results.ToJson(),
            ["README.md"] = MarkdownRenderer.Index(results),
        };
    }

    /// <summary>The profile the merged entries cover: "full" when every registered claim is present, "quick" when every
    /// quick claim is, otherwise the run's own profile. A quick run into a folder of full reports therefore keeps it a
    /// full report (the quick claims' entries are the same whichever profile ran them).</summary>
    internal static string CoveredProfile(IEnumerable<string> ids, string runProfile)
    {
        var present = ids.ToHashSet(StringComparer.Ordinal);
        if (ClaimCatalog.All.All(c => present.Contains(c.Id))) return "full";
        if (ClaimCatalog.All.Where(c => c.Profile == Flatness.Claims.Model.Profile.Quick).All(c => present.Contains(c.Id))) return "quick";
        return runProfile;
    }

    /// <summary>Writes the rendered files under <paramref name="directory"/> (created if missing).</summary>
    /// <exception cref="IOException">The folder or a file cannot be written (nothing has been renamed into place then).</exception>
    public static void Write(string directory, IReadOnlyList<ClaimOutcome> outcomes, string profile, ulong seed,
        IReadOnlyDictionary<string, SeedSweep>? sweeps = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        Commit(directory, Render(outcomes, profile, seed, Existing(directory), sweeps));
    }

    /// <summary>The results.json of a report folder, or null when there is none (or it is not a results document).</summary>
    public static ResultsDocument? Existing(string directory)
    {
        string resultsPath = Path.Combine(directory, "results.json");
        return File.Exists(resultsPath) ? ResultsDocument.TryParse(File.ReadAllText(resultsPath)) : null;
    }

    /// <summary>Writes rendered files (relative path → content) under <paramref name="directory"/>, all or nothing.</summary>
    /// <exception cref="IOException">The folder or a file cannot be written.</exception>
    public static void Commit(string directory, IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(directory);
        var staged = new List<(string Temp, string Target)>();
        try
        {
            foreach (var (relative, content) in files)
            {
                string target = Path.Combine(directory, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                string temp = target + ".tmp-" + Environment.ProcessId;
                File.WriteAllText(temp, content, new System.Text.UTF8Encoding(false));
                staged.Add((temp, target));
            }
        }
        catch
        {
            foreach (var (temp, _) in staged) TryDelete(temp);
            throw;
        }
        foreach (var (temp, target) in staged) File.Move(temp, target, overwrite: true);
    }

    /// <summary>Checks that a report folder can be created and written, without leaving anything behind.</summary>
    /// <exception cref="InputException">It cannot.</exception>
    public static void EnsureWritable(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, ".write-probe-" + Environment.ProcessId);
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException(directory, $"the report folder is not writable ({ex.Message})");
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
