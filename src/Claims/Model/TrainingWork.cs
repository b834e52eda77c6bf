namespace Flatness.Claims.Model;

/// <summary>One piece of training a claim's check rests on (one network trained at one seed), which can run ahead of
/// the claim and in another process: the unit of work that shards balance (<see cref="Running.Sharding"/>).</summary>
/// <remarks>Running a unit leaves its result in the process's cache, where the claim's check finds it; <see cref="Save"/>
/// and <see cref="TryLoad"/> move it between processes bit for bit, so a claim decided from loaded runs gives the same
/// report as one that trained them itself.</remarks>
public abstract class TrainingWork
{
    /// <summary>A stable, unique, file-name-safe key (the same in every process and on every machine).</summary>
    public abstract string Key { get; }

    /// <summary>The unit in words (setting and seed), for plans and progress.</summary>
    public abstract string Description { get; }

    /// <summary>The estimated cost in floating-point operations.</summary>
    public abstract double Flop { get; }

    /// <summary>Whether the result is in this process's cache already.</summary>
    public abstract bool IsDone { get; }

    /// <summary>Trains (unless done), leaving the result in the cache.</summary>
    public abstract void Run(ClaimContext context);

    /// <summary>Writes the cached result to <paramref name="directory"/> (as <c>Key.run</c>).</summary>
    public abstract void Save(string directory);

    /// <summary>Loads the result from <paramref name="directory"/> into the cache; false when it is not there.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a valid result of this unit.</exception>
    public abstract bool TryLoad(string directory);
}

/// <summary>A claim whose check rests on training work that can be planned ahead (paper B's experiments).</summary>
public interface ITrainedClaim
{
    /// <summary>The training units the check will use under <paramref name="context"/> (profile and run seed), without
    /// running them.</summary>
    IReadOnlyList<TrainingWork> Work(ClaimContext context);
}
