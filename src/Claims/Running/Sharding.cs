using System.Globalization;
using Flatness.Claims.Model;

namespace Flatness.Claims.Running;

/// <summary>Shard i of N (1-based), as in <c>check --shard i/N</c>.</summary>
/// <param name="Index">i, from 1 to <paramref name="Count"/>.</param>
/// <param name="Count">N ≥ 1.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Parses "i/N" with 1 ≤ i ≤ N ≤ 100000.</summary>
    /// <exception cref="FormatException">Not of that form.</exception>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n is >= 1 and <= 100000 && i >= 1 && i <= n)
            return new ShardSpec(i, n);
        throw new FormatException($"takes i/N with whole numbers 1 ≤ i ≤ N (e.g. 2/8), not '{text}'");
    }

    /// <summary>"i/N".</summary>
    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>One unit of work of a run: a claim at one seed of the sweep.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="SeedIndex">Its position in <see cref="ClaimRunner.SweepSeeds"/> (0: the run's own seed).</param>
/// <param name="Seed">The run seed it runs at.</param>
public sealed record WorkUnit(Claim Claim, int SeedIndex, ulong Seed);

/// <summary>Splits a run into work units (claim × seed) and deals them to shards round-robin, so that N processes — a
/// Slurm job array, a Kubernetes Indexed Job — each run a deterministic 1/N of the work and <c>flatness merge</c> assembles
/// reports byte-identical to the unsharded run.</summary>
/// <remarks>Units are listed seed-major (every claim at the run seed first), in the selection's dependency order; unit u
/// belongs to shard (u mod N) + 1. A shard also runs the claims its units rest on (at the same seed) to decide their
/// effective verdicts, as the unsharded run would; those extra runs are not recorded.</remarks>
public static class Sharding
{
    /// <summary>Every unit of a run of <paramref name="claims"/> (as from <see cref="ClaimRunner.Select"/>) at
    /// <paramref name="seeds"/> seeds.</summary>
    public static IReadOnlyList<WorkUnit> Units(IReadOnlyList<Claim> claims, ulong seed, int seeds)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var sweep = ClaimRunner.SweepSeeds(seed, seeds);
        var units = new List<WorkUnit>(claims.Count * seeds);
        for (int s = 0; s < sweep.Count; s++)
            foreach (var c in claims) units.Add(new WorkUnit(c, s, sweep[s]));
        return units;
    }

    /// <summary>The units that belong to <paramref name="shard"/>.</summary>
    public static IReadOnlyList<WorkUnit> Owned(IReadOnlyList<WorkUnit> units, ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(shard);
        return units.Where((_, u) => u % shard.Count == shard.Index - 1).ToList();
    }

    /// <summary>Runs a shard's units: per seed, the owned claims with the claims they rest on, keeping the owned claims'
    /// outcomes. Returns the outcomes in unit order.</summary>
    public static IReadOnlyList<(WorkUnit Unit, ClaimOutcome Outcome)> Run(ClaimCatalog catalog, IReadOnlyList<WorkUnit> owned, Profile profile,
        Action<WorkUnit, ClaimOutcome>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(owned);
        var results = new List<(WorkUnit, ClaimOutcome)>();
        foreach (var group in owned.GroupBy(u => u.SeedIndex).OrderBy(g => g.Key))
        {
            var units = group.ToList();
            var ids = units.Select(u => u.Claim.Id).ToList();
            var outcomes = ClaimRunner.Run(ClaimRunner.Select(catalog, ids, profile), units[0].Seed, null, profile).ToDictionary(o => o.Claim.Id, StringComparer.Ordinal);
            foreach (var u in units)
            {
                var o = outcomes[u.Claim.Id];
                progress?.Invoke(u, o);
                results.Add((u, o));
            }
        }
        return results;
    }
}
