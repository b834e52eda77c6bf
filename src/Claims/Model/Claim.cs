namespace Flatness.Claims.Model;

/// <summary>What a check receives: the claim's seed (derived from the run's seed and the claim id) and the profile.</summary>
/// <param name="Seed">The claim's own seed.</param>
/// <param name="RunSeed">The run's --seed.</param>
/// <param name="RunProfile">The run's --profile: a full claim chooses its sizes from it (full: reduced but faithful sizes;
/// paper: the paper's own sizes). Quick claims ignore it, so their evidence is the same under every profile.</param>
public sealed record ClaimContext(ulong Seed, ulong RunSeed, Profile RunProfile = Profile.Quick);

/// <summary>An executable claim from the specifications: metadata plus a check that returns evidence and a verdict.</summary>
public abstract class Claim
{
    /// <summary>The spec's id (e.g. A-03).</summary>
    public abstract string Id { get; }
    /// <summary>Short title.</summary>
    public abstract string Title { get; }
    /// <summary>Paper A, B or foundation.</summary>
    public abstract Paper Paper { get; }
    /// <summary>Provenance label(s).</summary>
    public abstract Provenance Provenance { get; }
    /// <summary>The statement (Markdown with LaTeX).</summary>
    public abstract string Statement { get; }
    /// <summary>Kind(s) of check.</summary>
    public abstract ClaimKind Kind { get; }
    /// <summary>Cost profile.</summary>
    public virtual Profile Profile => Profile.Quick;
    /// <summary>How the check works, in a few sentences (Markdown).</summary>
    public abstract string Method { get; }
    /// <summary>Ids of claims this one rests on; it is fully confirmed only when they are.</summary>
    public virtual IReadOnlyList<string> DependsOn => [];

    /// <summary>Runs the check.</summary>
    public abstract Evidence Check(ClaimContext context);
}
