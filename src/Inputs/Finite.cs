namespace Flatness.Inputs;

/// <summary>Turns a non-finite result into a clear error instead of a wrong number.</summary>
public static class Finite
{
    /// <summary>Throws unless every value is finite.</summary>
    /// <param name="values">The values.</param>
    /// <param name="source">What to name in the error (the user's file or option).</param>
    /// <param name="what">What the values are, e.g. "the Hessian trace".</param>
    /// <exception cref="InputException">A value is NaN or ±∞.</exception>
    public static void Require(ReadOnlySpan<double> values, string source, string what)
    {
        foreach (double v in values)
            if (!double.IsFinite(v))
                throw new InputException(source, $"{what} is not finite ({v}): the values are too large for double precision; rescale the data or the weights");
    }

    /// <summary>Throws unless the value is finite (null counts as absent, not as non-finite).</summary>
    /// <exception cref="InputException">The value is NaN or ±∞.</exception>
    public static void Require(double? value, string source, string what)
    {
        if (value is double v) Require([v], source, what);
    }
}
