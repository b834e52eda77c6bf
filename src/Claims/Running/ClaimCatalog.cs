using System.Globalization;
using System.Reflection;
using Flatness.Claims.Model;

namespace Flatness.Claims.Running;

/// <summary>The claims of a set of assemblies, each bound to its specification row, in id order (paper letter, then
/// number).</summary>
/// <remarks>Claims are found by reflection: every non-abstract <see cref="Claim"/> subclass with a parameterless
/// constructor, and the claims of every <see cref="IClaimSource"/>. Specifications are the assemblies' embedded
/// <c>spec/paper-X.md</c> (<see cref="SpecCatalog.FromAssemblies"/>). Adding a paper is adding its specification and its
/// claim classes; nothing else lists them.</remarks>
public sealed class ClaimCatalog
{
    private static readonly Lazy<ClaimCatalog> s_default = new(() => Discover(typeof(ClaimCatalog).Assembly));
    private readonly Dictionary<string, Claim> _byId;

    private ClaimCatalog(SpecCatalog spec, IReadOnlyList<Claim> claims)
    {
        Spec = spec;
        All = claims;
        _byId = claims.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The suite's own catalogue: the claims and specifications of Flatness.Claims.</summary>
    public static ClaimCatalog Default => s_default.Value;

    /// <summary>The specifications the claims were bound against.</summary>
    public SpecCatalog Spec { get; }

    /// <summary>All claims.</summary>
    public IReadOnlyList<Claim> All { get; }

    /// <summary>The claim with this id (case-insensitive), or null.</summary>
    public Claim? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Discovers the claims and specifications of <paramref name="assemblies"/>.</summary>
    /// <exception cref="InvalidOperationException">A claim without a specification row, two claims of one id, or a
    /// dependency on an id no claim has.</exception>
    public static ClaimCatalog Discover(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var spec = SpecCatalog.FromAssemblies(assemblies);
        var claims = new List<Claim>();
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()).Where(t => !t.IsAbstract && !t.IsInterface && !t.ContainsGenericParameters)
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (typeof(Claim).IsAssignableFrom(type) && Parameterless(type))
                claims.Add((Claim)Activator.CreateInstance(type, nonPublic: true)!);
            else if (typeof(IClaimSource).IsAssignableFrom(type) && Parameterless(type))
                claims.AddRange(((IClaimSource)Activator.CreateInstance(type, nonPublic: true)!).Claims());
        }
        return Create(spec, claims);
    }

    /// <summary>A catalogue of the given claims bound against <paramref name="spec"/>.</summary>
    /// <exception cref="InvalidOperationException">As for <see cref="Discover"/>.</exception>
    public static ClaimCatalog Create(SpecCatalog spec, IEnumerable<Claim> claims)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(claims);
        var list = claims.ToList();
        foreach (var c in list)
            c.Bind(spec.Find(c.Id) ?? throw new InvalidOperationException($"claim {c.Id} ({c.GetType().Name}) has no row in any specification"));
        var dup = list.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidOperationException($"two claims have the id {dup.Key}");
        var ids = list.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var c in list)
            foreach (var d in c.DependsOn.Where(d => !ids.Contains(d)))
                throw new InvalidOperationException($"{c.Id} depends on {d}, which no claim checks");
        var ordered = list.OrderBy(c => c.Id[..c.Id.IndexOf('-', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ThenBy(c => int.Parse(c.Id[(c.Id.IndexOf('-', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture)).ToList();
        return new ClaimCatalog(spec, ordered);
    }

    private static bool Parameterless(Type t) =>
        t.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is not null;
}
