namespace Flatness.Claims.Model;

/// <summary>What a check receives: the claim's seed (derived from the run's seed and the claim id) and the profile.</summary>
/// <param name="Seed">The claim's own seed.</param>
/// <param name="RunSeed">The run's --seed.</param>
/// <param name="RunProfile">The run's --profile: a full claim chooses its sizes from it (full: reduced but faithful sizes;
/// paper: the paper's own sizes). Quick claims ignore it, so their evidence is the same under every profile.</param>
/// <param name="Progress">Where a long check (a training run) reports (label, fraction done); null for nobody. Reports
/// never influence a result.</param>
public sealed record ClaimContext(ulong Seed, ulong RunSeed, Profile RunProfile = Profile.Quick, IProgress<(string Label, double Fraction)>? Progress = null);

/// <summary>An executable claim from the specifications: a check that returns evidence and a verdict. Its paper,
/// provenance, kind and profile are those of its specification row, which the <see cref="Running.ClaimCatalog"/> binds
/// when it discovers the claim; the class states only what the row does not: title, statement, method, dependencies and
/// the check.</summary>
public abstract class Claim
{
    private Running.SpecRow? _row;

    /// <summary>A claim of specification row <paramref name="id"/>.</summary>
    protected Claim(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>The spec's id (e.g. A-03).</summary>
    public string Id { get; }

    /// <summary>The specification row (bound by the catalogue that found the claim).</summary>
    /// <exception cref="InvalidOperationException">The claim was constructed outside a catalogue.</exception>
    public Running.SpecRow Row => _row ?? throw new InvalidOperationException($"claim {Id} is not bound to its specification row: take it from a ClaimCatalog");

    /// <summary>The paper, from the row.</summary>
    public Paper Paper => Row.Paper;
    /// <summary>Provenance label(s), from the row.</summary>
    public Provenance Provenance => Row.Provenance;
    /// <summary>Kind(s) of check, from the row.</summary>
    public ClaimKind Kind => Row.Kind;
    /// <summary>Cost profile, from the row.</summary>
    public Profile Profile => Row.Cost;

    /// <summary>Short title.</summary>
    public abstract string Title { get; }
    /// <summary>The statement (Markdown with LaTeX).</summary>
    public abstract string Statement { get; }
    /// <summary>How the check works, in a few sentences (Markdown).</summary>
    public abstract string Method { get; }
    /// <summary>Ids of claims this one rests on; it is fully confirmed only when they are.</summary>
    public virtual IReadOnlyList<string> DependsOn => [];

    /// <summary>The cost of one run of the check under <paramref name="runProfile"/>, in flop of the training engine's rate
    /// (what <c>check --plan</c> prints and the shards balance by): nominally 10¹⁰ for a quick claim (seconds) and 10¹²
    /// for a full one (minutes); a claim whose cost is measured says so by overriding it.</summary>
    public virtual double EstimatedFlop(Profile runProfile) => Profile == Profile.Quick ? 1e10 : 1e12;

    /// <summary>One CPU-second of a claim's own check in the units of <see cref="EstimatedFlop"/>: the training engine's
    /// single-core rate on the 2-core machine of README's "Performance" (about 15 GFLOP/s on a Fig. 3 step).</summary>
    protected const double FlopPerCpuSecond = 15e9;

    /// <summary>Runs the check.</summary>
    public abstract Evidence Check(ClaimContext context);

    /// <summary>Binds the specification row (once; the ids must agree).</summary>
    internal void Bind(Running.SpecRow row)
    {
        if (row.Id != Id) throw new InvalidOperationException($"claim {Id} cannot take row {row.Id}");
        if (_row is not null && _row != row) throw new InvalidOperationException($"claim {Id} is bound to another row already");
        _row = row;
    }
}

/// <summary>A source of claims that are not classes of their own (e.g. one claim per symbolic obligation); the
/// catalogue instantiates every non-abstract implementation with a parameterless constructor.</summary>
public interface IClaimSource
{
    /// <summary>The claims (unbound; the catalogue binds their rows).</summary>
    IEnumerable<Claim> Claims();
}
