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
public sealed record WorkUnit(Claim Claim, int SeedIndex, ulong Seed)
{
    /// <summary>Whether the claim rests on training work (<see cref="ITrainedClaim"/>): it is decided at the merge, from the
    /// runs every shard trained, and costs no shard time.</summary>
    public bool Deferred => Claim is ITrainedClaim;

    /// <summary>The profile of the run the unit belongs to (a full claim's sizes, hence its cost, depend on it).</summary>
    public Profile RunProfile { get; init; } = Profile.Quick;

    /// <summary>The cost of the claim's own check in flop, for balancing (<see cref="Model.Claim.EstimatedFlop"/>); a
    /// deferred claim's training is planned as <see cref="TrainingUnit"/>s.</summary>
    public double Flop => Deferred ? 0 : Claim.EstimatedFlop(RunProfile);
}

/// <summary>One training run a deferred claim rests on, at one seed of the sweep.</summary>
/// <param name="Work">The run.</param>
/// <param name="SeedIndex">Its position in the sweep.</param>
/// <param name="Seed">The run seed.</param>
public sealed record TrainingUnit(TrainingWork Work, int SeedIndex, ulong Seed);

/// <summary>Every unit of a run: the claim units, and the training units of the deferred claims (distinct by key).</summary>
/// <param name="Claims">Claim × seed, seed-major, in the selection's order.</param>
/// <param name="Training">The training runs, in first-use order.</param>
public sealed record RunPlan(IReadOnlyList<WorkUnit> Claims, IReadOnlyList<TrainingUnit> Training)
{
    /// <summary>The units a shard runs (training units and the claim units that are not deferred), each with its cost.</summary>
    public IReadOnlyList<(object Unit, double Flop, string Name)> ShardWork =>
        Training.Select(t => ((object)t, t.Work.Flop, t.Work.Description))
            .Concat(Claims.Where(c => !c.Deferred).Select(c => ((object)c, c.Flop, $"{c.Claim.Id} at seed {c.Seed}"))).ToList();

    /// <summary>The total cost in flop.</summary>
    public double TotalFlop => ShardWork.Sum(w => w.Flop);
}

/// <summary>A shard's share of a run.</summary>
/// <param name="Claims">Its claim units (never deferred ones).</param>
/// <param name="Training">Its training units.</param>
/// <param name="Flop">Their total cost.</param>
public sealed record ShardShare(IReadOnlyList<WorkUnit> Claims, IReadOnlyList<TrainingUnit> Training, double Flop);

/// <summary>Splits a run into work units and deals them to shards by cost, so that N processes — a Slurm job array, a
/// Kubernetes Indexed Job — each run a deterministic share and <c>flatness merge</c> assembles reports byte-identical to the
/// unsharded run.</summary>
/// <remarks>
/// <para>Units: every claim at every seed of the sweep, and every training run the experiment claims
/// (<see cref="ITrainedClaim"/>) rest on. Shards run the training units (saving each run under <c>runs/</c>) and the claim
/// units that train nothing; the experiment claims are decided at the merge from the saved runs, as the unsharded run
/// decides them from runs it trained itself (bit for bit the same).</para>
/// <para>Balance: longest processing time first (Graham 1969): units in decreasing cost (ties in plan order) each go to the
/// shard with the least load so far (ties: the lowest index), so the largest share exceeds the ideal total/N by at most
/// the largest unit.</para>
/// <para>A shard also runs the claims its claim units rest on (at the same seed) to decide their effective verdicts, as
/// the unsharded run would; those extra runs are not recorded.</para>
/// </remarks>
public static class Sharding
{
    /// <summary>Every claim unit of a run of <paramref name="claims"/> (as from <see cref="ClaimRunner.Select"/>) at
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

    /// <summary>The plan of a run: its claim units and the training units of its deferred claims.</summary>
    public static RunPlan Plan(IReadOnlyList<Claim> claims, ulong seed, int seeds, Profile profile)
    {
        var units = Units(claims, seed, seeds).Select(u => u with { RunProfile = profile }).ToList();
        var training = new List<TrainingUnit>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in units.Where(u => u.Deferred))
            foreach (var w in ((ITrainedClaim)u.Claim).Work(new ClaimContext(Numerics.Randomness.Rng.DeriveSeed(u.Seed, u.Claim.Id), u.Seed, profile)))
                if (keys.Add(w.Key)) training.Add(new TrainingUnit(w, u.SeedIndex, u.Seed));
        return new RunPlan(units, training);
    }

    /// <summary>The share of <paramref name="shard"/> by longest processing time first.</summary>
    public static ShardShare Assign(RunPlan plan, ShardSpec shard) => AssignAll(plan, shard.Count)[shard.Index - 1];

    /// <summary>Every shard's share (index 0 is shard 1/N).</summary>
    public static IReadOnlyList<ShardShare> AssignAll(RunPlan plan, int shards)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var work = plan.ShardWork;
        var load = new double[shards];
        var owner = new int[work.Count];
        foreach (int i in Enumerable.Range(0, work.Count).OrderByDescending(i => work[i].Flop).ThenBy(i => i))
        {
            int best = 0;
            for (int s = 1; s < shards; s++) if (load[s] < load[best]) best = s;
            owner[i] = best;
            load[best] += work[i].Flop;
        }
        return Enumerable.Range(0, shards).Select(s => new ShardShare(
            Enumerable.Range(0, work.Count).Where(i => owner[i] == s && work[i].Unit is WorkUnit).Select(i => (WorkUnit)work[i].Unit).ToList(),
            Enumerable.Range(0, work.Count).Where(i => owner[i] == s && work[i].Unit is TrainingUnit).Select(i => (TrainingUnit)work[i].Unit).ToList(),
            load[s])).ToList();
    }

    /// <summary>Trains a shard's training units (or loads runs already saved in <paramref name="runsDirectory"/>) and saves each run there.</summary>
    public static void Train(IReadOnlyList<TrainingUnit> owned, Profile profile, string runsDirectory, Action<TrainingUnit, bool>? progress = null,
        IProgress<(string Label, double Fraction)>? inner = null)
    {
        ArgumentNullException.ThrowIfNull(owned);
        Directory.CreateDirectory(runsDirectory);
        foreach (var t in owned)
        {
            bool reused = t.Work.IsDone || t.Work.TryLoad(runsDirectory);
            if (!reused) t.Work.Run(new ClaimContext(0, t.Seed, profile, inner));
            t.Work.Save(runsDirectory);
            progress?.Invoke(t, reused);
        }
    }

    /// <summary>Runs a shard's claim units: per seed, the owned claims with the claims they rest on, keeping the owned claims'
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
            var outcomes = ClaimRunner.Run(ClaimRunner.Select(catalog, ids, profile), units[0].Seed, null, profile)
                .ToDictionary(o => o.Claim.Id, StringComparer.Ordinal);
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
