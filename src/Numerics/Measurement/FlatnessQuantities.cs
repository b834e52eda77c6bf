namespace Flatness.Numerics.Measurement;

/// <summary>The quantities <c>flatness measure</c> can compute; loss, residuals and interpolation come with every
/// measurement (they need only the forward pass).</summary>
[Flags]
public enum FlatnessQuantities
{
    /// <summary>Nothing beyond the forward pass.</summary>
    None = 0,

    /// <summary>The exact Hessian trace and its Gauss–Newton and residual parts (one forward pass).</summary>
    Trace = 1,

    /// <summary>λ_max by Lanczos (and 2/λ_max).</summary>
    LambdaMax = 2,

    /// <summary>λ_min by Lanczos.</summary>
    LambdaMin = 4,

    /// <summary>The orbit-minimal trace (needs the trace's parts; costs nothing more).</summary>
    OrbitMinimalTrace = 8,

    /// <summary>The nearest kink min|zᵢⱼ|.</summary>
    Kink = 16,

    /// <summary>Everything.</summary>
    All = Trace | LambdaMax | LambdaMin | OrbitMinimalTrace | Kink,
}

/// <summary>The command-line names of <see cref="FlatnessQuantities"/>.</summary>
public static class FlatnessQuantityNames
{
    /// <summary>Each name and its quantity, in the order they are listed to users.</summary>
    public static IReadOnlyList<(string Name, FlatnessQuantities Quantity)> Names { get; } =
    [
        ("trace", FlatnessQuantities.Trace),
        ("lambda-max", FlatnessQuantities.LambdaMax),
        ("lambda-min", FlatnessQuantities.LambdaMin),
        ("orbit", FlatnessQuantities.OrbitMinimalTrace),
        ("kink", FlatnessQuantities.Kink),
        ("all", FlatnessQuantities.All),
    ];

    /// <summary>The valid names, comma-separated.</summary>
    public static string Valid => string.Join(", ", Names.Select(n => n.Name));

    /// <summary>Parses a comma-separated list such as "trace,lambda-max" (case-insensitive, spaces allowed).</summary>
    /// <returns>False, with a one-line reason naming the valid names, for an empty list or an unknown name.</returns>
    public static bool TryParse(string? text, out FlatnessQuantities quantities, out string error)
    {
        quantities = FlatnessQuantities.None;
        error = "";
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            error = $"no quantity named; valid: {Valid}";
            return false;
        }
        foreach (string part in parts)
        {
            var match = Names.Where(n => string.Equals(n.Name, part, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (match.Length == 0)
            {
                error = $"unknown quantity '{part}'; valid: {Valid}";
                return false;
            }
            quantities |= match[0].Quantity;
        }
        return true;
    }
}
