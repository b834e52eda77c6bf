using System.Diagnostics;
using Flatness.Claims.Model;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Running;

/// <summary>The outcome of one claim in a run: its own evidence and the verdict after its dependencies.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Evidence">Its own check's evidence.</param>
/// <param name="Verdict">The effective verdict: the own verdict, downgraded to inconclusive when a dependency is not confirmed.</param>
/// <param name="Reason">One sentence for the effective verdict.</param>
/// <param name="Dependencies">Each dependency with its effective verdict.</param>
/// <param name="Elapsed">Wall time of the check (console only; never written to reports).</param>
public sealed record ClaimOutcome(Claim Claim, Evidence Evidence, Verdict Verdict, string Reason,
    IReadOnlyList<(string Id, Verdict Verdict)> Dependencies, TimeSpan Elapsed)
{
    /// <summary>The profile of the run that produced it (a full claim's sizes depend on it; quick claims ignore it).</summary>
    public Profile RunProfile { get; init; } = Profile.Quick;

    /// <summary>Confirmed by its own check and by every dependency.</summary>
    public bool FullyConfirmed => Verdict == Verdict.Confirmed;
}

/// <summary>Selects claims (with their dependencies, in dependency order) and runs their checks.</summary>
public static class ClaimRunner
{
    /// <summary>The default --seed.</summary>
    public const ulong DefaultSeed = 20261122;

    /// <summary>The claims of a run from <paramref name="claims"/>: the named ids (any profile) or every claim of the profile (quick ⊂ full ⊂ paper), plus
    /// their dependencies, ordered so that dependencies come first and otherwise in catalogue order.</summary>
    /// <exception cref="ArgumentException">An unknown id (the message lists them).</exception>
    public static IReadOnlyList<Claim> Select(ClaimCatalog claims, IReadOnlyList<string> ids, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(ids);
        var catalog = claims.All;
        List<Claim> roots;
        if (ids.Count == 0)
            roots = catalog.Where(c => c.Profile <= profile).ToList();
        else
        {
            var unknown = ids.Where(id => claims.Find(id) is null).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"unknown claim id(s): {string.Join(", ", unknown)} (see 'flatness list')");
            roots = ids.Select(id => claims.Find(id)!).ToList();
        }
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<Claim>(roots);
        while (stack.Count > 0)
        {
            var c = stack.Pop();
            if (!chosen.Add(c.Id)) continue;
            foreach (var dep in c.DependsOn) stack.Push(claims.Find(dep) ?? throw new InvalidOperationException($"{c.Id} depends on unregistered {dep}"));
        }
        var ordered = new List<Claim>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(Claim c)
        {
            if (placed.Contains(c.Id)) return;
            foreach (var dep in c.DependsOn) Place(claims.Find(dep)!);
            placed.Add(c.Id);
            ordered.Add(c);
        }
        foreach (var c in catalog.Where(c => chosen.Contains(c.Id))) Place(c);
        return ordered;
    }

    /// <summary>Runs the claims in order; a check that throws is reported as <see cref="Verdict.Error"/> and the others
    /// still run.</summary>
    /// <param name="claims">Claims in dependency order (see <see cref="Select"/>).</param>
    /// <param name="seed">The run's seed; each claim's seed is derived from it and the claim id.</param>
    /// <param name="progress">Called before (outcome null) and after each claim.</param>
    /// <param name="profile">The run's profile, passed to each check (full claims choose their sizes from it).</param>
    /// <param name="inner">Progress inside a long check (training runs), or null.</param>
    public static IReadOnlyList<ClaimOutcome> Run(IReadOnlyList<Claim> claims, ulong seed, Action<int, Claim, ClaimOutcome?>? progress = null,
        Profile profile = Profile.Quick, IProgress<(string Label, double Fraction)>? inner = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var outcomes = new List<ClaimOutcome>();
        var byId = new Dictionary<string, ClaimOutcome>(StringComparer.Ordinal);
        for (int i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            progress?.Invoke(i, claim, null);
            var sw = Stopwatch.StartNew();
            Evidence evidence;
            try
            {
                evidence = claim.Check(new ClaimContext(Rng.DeriveSeed(seed, claim.Id), seed, profile, inner));
            }
#pragma warning disable CA1031 // A failing check must not stop the others: it is reported as an error verdict.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                evidence = new Evidence
                {
                    Verdict = Verdict.Error,
                    Method = VerdictMethod.ExactNumerics,
                    Reason = $"the check threw {ex.GetType().Name}: {ex.Message}",
                    KeyNumber = "error",
                };
            }
            sw.Stop();
            var deps = claim.DependsOn.Select(d => (d, byId.TryGetValue(d, out var o) ? o.Verdict : Verdict.Inconclusive)).ToList();
            var (verdict, reason) = Effective(evidence, deps);
            var outcome = new ClaimOutcome(claim, evidence, verdict, reason, deps, sw.Elapsed) { RunProfile = profile };
            outcomes.Add(outcome);
            byId[claim.Id] = outcome;
            progress?.Invoke(i, claim, outcome);
        }
        return outcomes;
    }

    /// <summary>The run seeds of a sweep of <paramref name="count"/> seeds: the run's own seed first, then seeds derived
    /// from it (<c>Rng.DeriveSeed(seed, "sweep i")</c>, i = 1 … count−1), so that any one of them reproduces with
    /// <c>check ID --seed S</c>.</summary>
    public static IReadOnlyList<ulong> SweepSeeds(ulong seed, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var seeds = new List<ulong>(count) { seed };
        for (int i = 1; i < count; i++) seeds.Add(Rng.DeriveSeed(seed, $"sweep {i}"));
        return seeds;
    }

    /// <summary>Runs the claims at every seed of <see cref="SweepSeeds"/>: the outcomes at the run's own seed (which the
    /// reports show) and, per claim, the effective verdict at each seed.</summary>
    public static (IReadOnlyList<ClaimOutcome> Primary, IReadOnlyDictionary<string, SeedSweep> Sweeps) RunSweep(IReadOnlyList<Claim> claims,
        ulong seed, int count, Action<int, ulong, int, Claim, ClaimOutcome?>? progress = null, Profile profile = Profile.Quick,
        IProgress<(string Label, double Fraction)>? inner = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var seeds = SweepSeeds(seed, count);
        IReadOnlyList<ClaimOutcome> primary = [];
        var perClaim = claims.ToDictionary(c => c.Id, _ => new List<(ulong, Verdict)>(), StringComparer.Ordinal);
        for (int s = 0; s < seeds.Count; s++)
        {
            int sweepIndex = s;
            var outcomes = Run(claims, seeds[s], progress is null ? null : (i, c, o) => progress(sweepIndex, seeds[sweepIndex], i, c, o), profile, inner);
            if (s == 0) primary = outcomes;
            foreach (var o in outcomes) perClaim[o.Claim.Id].Add((seeds[s], o.Verdict));
        }
        return (primary, perClaim.ToDictionary(kv => kv.Key, kv => new SeedSweep(kv.Value), StringComparer.Ordinal));
    }

    /// <summary>A claim is fully confirmed only when its own check and every dependency are confirmed.</summary>
    internal static (Verdict, string) Effective(Evidence evidence, IReadOnlyList<(string Id, Verdict Verdict)> deps)
    {
        if (evidence.Verdict != Verdict.Confirmed) return (evidence.Verdict, evidence.Reason);
        var weak = deps.Where(d => d.Verdict != Verdict.Confirmed).ToList();
        if (weak.Count == 0) return (Verdict.Confirmed, evidence.Reason);
        return (Verdict.Inconclusive,
            $"its own check confirms it ({evidence.Reason.TrimEnd('.')}), " +
            $"but it rests on {string.Join(", ", weak.Select(d => $"{d.Id} ({d.Verdict.Name()})"))}.");
    }
}

/// <summary>A claim's verdicts over a sweep of run seeds (<c>check --seeds K</c>).</summary>
/// <param name="Runs">(run seed, effective verdict) for each seed, the run's own seed first.</param>
public sealed record SeedSweep(IReadOnlyList<(ulong Seed, Verdict Verdict)> Runs)
{
    /// <summary>K, the number of seeds.</summary>
    public int Seeds => Runs.Count;

    /// <summary>k, the number of seeds at which the claim came out confirmed.</summary>
    public int Confirmed => Runs.Count(r => r.Verdict == Verdict.Confirmed);

    /// <summary>"confirmed at k of K seeds".</summary>
    public string Describe() => $"confirmed at {Confirmed} of {Seeds} seeds";
}
