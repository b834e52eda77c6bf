using Flatness.Claims.Running;
using Flatness.Numerics.IO;

namespace Flatness.Claims.Reports;

/// <summary>Writes a run's reports: claims/ID.md, figures/ID-name.svg and .csv, results.json and README.md.</summary>
/// <remarks>
/// <para>Every file is rendered in memory first, staged, and swapped into place all or nothing under the folder's lock
/// (<see cref="ReportFolder"/>); a run that fails or is interrupted leaves the previous reports as they were.</para>
/// <para>A run of some claims updates their entries and keeps the other registered claims' entries of an existing
/// results.json with the same seed, so <c>check A-05</c> refreshes A-05 without dropping the rest of the index.</para>
/// </remarks>
public static class ReportWriter
{
    /// <summary>Renders every file of a run (relative path → content) after merging with the existing results.json.</summary>
    public static SortedDictionary<string, string> Render(IReadOnlyList<ClaimOutcome> outcomes, string profile, ulong seed, ResultsDocument? existing)
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
        var entries = outcomes.ToDictionary(o => o.Claim.Id, ResultEntry.From, StringComparer.Ordinal);
        if (existing is not null && existing.Seed == seed)
            foreach (var e in existing.Claims)
                if (!entries.ContainsKey(e.Id) && ClaimCatalog.Find(e.Id) is not null) entries[e.Id] = e;
        var order = ClaimCatalog.All.Select((c, i) => (c.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        var results = new ResultsDocument(CoveredProfile(entries.Keys, profile), seed, entries.Values.OrderBy(e => order[e.Id]).ToList());
        files["results.json"] = results.ToJson();
        files["README.md"] = MarkdownRenderer.Index(results);
        return files;
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

    /// <summary>How long a run waits for another run writing into the same folder.</summary>
    public static TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Writes the rendered files under <paramref name="directory"/> (created if missing), all or nothing and
    /// under the folder's lock (see <see cref="ReportFolder"/>): results.json is read, merged and rewritten while the
    /// lock is held, so concurrent runs keep each other's entries.</summary>
    /// <exception cref="IOException">The folder or a file cannot be written (the previous reports are then as they were).</exception>
    public static void Write(string directory, IReadOnlyList<ClaimOutcome> outcomes, string profile, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(directory);
        using var held = ReportFolder.Lock(directory, LockTimeout);
        ReportFolder.Recover(directory);
        string resultsPath = Path.Combine(directory, "results.json");
        var existing = File.Exists(resultsPath) ? ResultsDocument.TryParse(File.ReadAllText(resultsPath)) : null;
        ReportFolder.Commit(directory, Render(outcomes, profile, seed, existing));
    }

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
