using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flatness.Claims.Model;
using Flatness.Claims.Running;

namespace Flatness.Claims.Reports;

/// <summary>One claim's entry in results.json.</summary>
public sealed record ResultEntry
{
    /// <summary>Claim id.</summary>
    public required string Id { get; init; }
    /// <summary>Title.</summary>
    public required string Title { get; init; }
    /// <summary>"A", "B" or "foundation".</summary>
    public required string Paper { get; init; }
    /// <summary>Provenance label(s), e.g. "[paper] + [derived]".</summary>
    public required string Provenance { get; init; }
    /// <summary>Kind(s), e.g. "exact-numeric".</summary>
    public required string Kind { get; init; }
    /// <summary>"quick" or "full".</summary>
    public required string Profile { get; init; }
    /// <summary>Effective verdict.</summary>
    public required string Verdict { get; init; }
    /// <summary>How the claim's own verdict was reached.</summary>
    public required string Method { get; init; }
    /// <summary>One sentence.</summary>
    public required string Reason { get; init; }
    /// <summary>The summary's key number.</summary>
    public required string KeyNumber { get; init; }
    /// <summary>Claims this one rests on.</summary>
    public required IReadOnlyList<string> DependsOn { get; init; }
    /// <summary>Key numbers, rounded.</summary>
    public required IReadOnlyList<Metric> Metrics { get; init; }
    /// <summary>The sizes the evidence was computed at: "quick" for a quick claim (it ignores the run's profile),
    /// otherwise the profile of the run that computed it ("full" or "paper").</summary>
    public string ComputedUnder { get; init; } = "quick";
    /// <summary>The seed sweep that produced this entry, when the run had <c>--seeds K</c> with K &gt; 1.</summary>
    public SweepRecord? Sweep { get; init; }

    /// <summary>Whether <paramref name="other"/> records the same evidence at the run seed (every field but the sweep): then a
    /// sweep recorded with it still describes this entry.</summary>
    public bool SameEvidence(ResultEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Id == other.Id && Verdict == other.Verdict && Method == other.Method && Reason == other.Reason && KeyNumber == other.KeyNumber &&
               ComputedUnder == other.ComputedUnder && DependsOn.SequenceEqual(other.DependsOn) && Metrics.SequenceEqual(other.Metrics);
    }

    /// <summary>The entry of an outcome, without a sweep.</summary>
    public static ResultEntry From(ClaimOutcome outcome) => From(outcome, null);

    /// <summary>The entry of an outcome with the claim's seed sweep (null: none).</summary>
    public static ResultEntry From(ClaimOutcome outcome, SeedSweep? sweep)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var c = outcome.Claim;
        return new ResultEntry
        {
            Id = c.Id,
            Title = c.Title,
            Paper = c.Paper.Letter,
            Provenance = c.Provenance.Label(),
            Kind = c.Kind.Name(),
            Profile = c.Profile.Name(),
            Verdict = outcome.Verdict.Name(),
            Method = outcome.Evidence.Method.Name(),
            Reason = outcome.Reason,
            KeyNumber = outcome.Evidence.KeyNumber,
            DependsOn = c.DependsOn,
            Metrics = outcome.Evidence.Metrics,
            ComputedUnder = c.Profile == Model.Profile.Quick ? "quick" : outcome.RunProfile.Name(),
            Sweep = sweep is null || sweep.Seeds < 2 ? null : SweepRecord.From(sweep),
        };
    }
}

/// <summary>A claim's seed sweep as recorded in results.json: K seeds, k confirmed, and every seed at which it was not.</summary>
/// <param name="Seeds">K.</param>
/// <param name="Confirmed">k.</param>
/// <param name="NotConfirmed">(run seed, verdict) of each seed with another verdict; each reproduces with <c>check ID --seed S</c>.</param>
public sealed record SweepRecord(int Seeds, int Confirmed, IReadOnlyList<(ulong Seed, string Verdict)> NotConfirmed)
{
    /// <summary>From a sweep.</summary>
    public static SweepRecord From(SeedSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return new SweepRecord(sweep.Seeds, sweep.Confirmed,
            sweep.Runs.Where(r => r.Verdict != Model.Verdict.Confirmed).Select(r => (r.Seed, r.Verdict.Name())).ToList());
    }

    /// <summary>"10/10", or "9/10 (refuted at seed S)".</summary>
    public string Describe() => NotConfirmed.Count == 0
        ? $"{Confirmed}/{Seeds}"
        : $"{Confirmed}/{Seeds} ({string.Join("; ", NotConfirmed.Select(n => $"{n.Verdict} at seed {n.Seed}"))})";
}

/// <summary>What the run that last wrote a report folder did.</summary>
/// <param name="Profile">Its --profile.</param>
/// <param name="Seeds">Its --seeds (1: no sweep).</param>
/// <param name="ClaimIds">The claims it ran (dependencies included).</param>
public sealed record RunRecord(string Profile, int Seeds, IReadOnlyList<string> ClaimIds);

/// <summary>results.json: {"profile", "seed", "claims": [{"id", "title", "paper", "provenance", "kind", "verdict",
/// "reason", "metrics": {...}, …}]}.</summary>
/// <param name="Profile">"quick" or "full".</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Claims">Entries in catalogue order.</param>
public sealed record ResultsDocument(string Profile, ulong Seed, IReadOnlyList<ResultEntry> Claims)
{
    /// <summary>The run that last wrote the folder (null in documents written before runs were recorded).</summary>
    public RunRecord? Run { get; init; }

    /// <summary>Serialises (indented, LF, trailing newline).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream,
            new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("profile", Profile);
            w.WriteNumber("seed", Seed);
            if (Run is not null)
            {
                w.WriteStartObject("run");
                w.WriteString("profile", Run.Profile);
                w.WriteNumber("seeds", Run.Seeds);
                w.WriteStartArray("claims");
                foreach (var id in Run.ClaimIds) w.WriteStringValue(id);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteStartArray("claims");
            foreach (var c in Claims)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("title", c.Title);
                w.WriteString("paper", c.Paper);
                w.WriteString("provenance", c.Provenance);
                w.WriteString("kind", c.Kind);
                w.WriteString("profile", c.Profile);
                w.WriteString("computedUnder", c.ComputedUnder);
                w.WriteString("verdict", c.Verdict);
                w.WriteString("method", c.Method);
                w.WriteString("reason", c.Reason);
                w.WriteString("keyNumber", c.KeyNumber);
                w.WriteStartArray("dependsOn");
                foreach (var d in c.DependsOn) w.WriteStringValue(d);
                w.WriteEndArray();
                w.WriteStartObject("metrics");
                foreach (var m in c.Metrics)
                {
                    if (double.IsFinite(m.Value)) w.WriteNumber(m.Name, m.Value);
                    else w.WriteNull(m.Name);
                }
                w.WriteEndObject();
                if (c.Sweep is not null)
                {
                    w.WriteStartObject("sweep");
                    w.WriteNumber("seeds", c.Sweep.Seeds);
                    w.WriteNumber("confirmed", c.Sweep.Confirmed);
                    w.WriteStartArray("notConfirmed");
                    foreach (var (seed, verdict) in c.Sweep.NotConfirmed)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("seed", seed);
                        w.WriteString("verdict", verdict);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Parses results.json; null when the text is not a results document.</summary>
    public static ResultsDocument? TryParse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var entries = new List<ResultEntry>();
            foreach (var c in root.GetProperty("claims").EnumerateArray())
            {
                var metrics = new List<Metric>();
                foreach (var m in c.GetProperty("metrics").EnumerateObject())
                    metrics.Add(new Metric(m.Name, m.Value.ValueKind == JsonValueKind.Number ? m.Value.GetDouble() : double.NaN));
                entries.Add(new ResultEntry
                {
                    Id = c.GetProperty("id").GetString()!,
                    Title = c.GetProperty("title").GetString()!,
                    Paper = c.GetProperty("paper").GetString()!,
                    Provenance = c.GetProperty("provenance").GetString()!,
                    Kind = c.GetProperty("kind").GetString()!,
                    Profile = c.GetProperty("profile").GetString()!,
                    Verdict = c.GetProperty("verdict").GetString()!,
                    Method = c.GetProperty("method").GetString()!,
                    Reason = c.GetProperty("reason").GetString()!,
                    KeyNumber = c.GetProperty("keyNumber").GetString()!,
                    DependsOn = c.GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()!).ToList(),
                    Metrics = metrics,
                    ComputedUnder = c.TryGetProperty("computedUnder", out var cu) ? cu.GetString()! : "quick",
                    Sweep = c.TryGetProperty("sweep", out var sw)
                        ? new SweepRecord(sw.GetProperty("seeds").GetInt32(), sw.GetProperty("confirmed").GetInt32(),
                            sw.GetProperty("notConfirmed").EnumerateArray()
                                .Select(n => (n.GetProperty("seed").GetUInt64(), n.GetProperty("verdict").GetString()!)).ToList())
                        : null,
                });
            }
            RunRecord? run = root.TryGetProperty("run", out var r)
                ? new RunRecord(r.GetProperty("profile").GetString()!, r.GetProperty("seeds").GetInt32(),
                    r.GetProperty("claims").EnumerateArray().Select(i => i.GetString()!).ToList())
                : null;
            return new ResultsDocument(root.GetProperty("profile").GetString()!, root.GetProperty("seed").GetUInt64(), entries) { Run = run };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
