using Flatness.Symbolic.Proving;

namespace Flatness.Symbolic.Obligations;

/// <summary>Every proof obligation of the two specifications, in id order.</summary>
public static class ObligationCatalog
{
    private static readonly Lazy<IReadOnlyList<Obligation>> s_all =
        new(() => PaperAObligations.All().Concat(PaperBObligations.All()).ToList());

    /// <summary>All obligations (A-24 … A-35, B-22 … B-33).</summary>
    public static IReadOnlyList<Obligation> All => s_all.Value;

    /// <summary>The obligation with this id.</summary>
    /// <exception cref="KeyNotFoundException">Unknown id.</exception>
    public static Obligation Get(string id) =>
        All.FirstOrDefault(o => string.Equals(o.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"unknown obligation id \"{id}\" (known: {string.Join(", ", All.Select(o => o.Id))})");

    /// <summary>Whether an obligation has this id.</summary>
    public static bool Contains(string id) => All.Any(o => string.Equals(o.Id, id, StringComparison.OrdinalIgnoreCase));
}
