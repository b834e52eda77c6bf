namespace Flatness.Numerics.Optimization;

/// <summary>The minimiser found by <see cref="GoldenSectionSearch"/> and its value.</summary>
/// <param name="Argument">x*.</param>
/// <param name="Value">g(x*).</param>
/// <param name="Evaluations">Function evaluations used.</param>
public sealed record MinimizationResult(double Argument, double Value, int Evaluations);

/// <summary>Golden-section search for the minimum of a unimodal function on an interval.</summary>
/// <remarks>Keeps a bracket [a, b] with interior points at the golden ratio; the bracket shrinks by φ − 1 ≈ 0.618 per
/// evaluation (Kiefer 1953). Used as an independent numerical reference for closed-form minima (spec A-05).</remarks>
public static class GoldenSectionSearch
{
    /// <summary>Minimises g on [lo, hi] until the bracket is shorter than <paramref name="tolerance"/>.</summary>
    public static MinimizationResult Minimize(Func<double, double> g, double lo, double hi, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (!(hi > lo)) throw new ArgumentException("need lo < hi");
        double phi = (Math.Sqrt(5) - 1) / 2;
        double a = lo, b = hi, c = b - phi * (b - a), d = a + phi * (b - a);
        double gc = g(c), gd = g(d);
        int evaluations = 2;
        while (b - a > tolerance)
        {
            if (gc < gd)
            {
                b = d; d = c; gd = gc; c = b - phi * (b - a); gc = g(c);
            }
            else
            {
                a = c; c = d; gc = gd; d = a + phi * (b - a); gd = g(d);
            }
            evaluations++;
        }
        double x = 0.5 * (a + b);
        return new MinimizationResult(x, g(x), evaluations + 1);
    }
}
