namespace Flatness.Numerics.Optimization;

/// <summary>Why <see cref="LimitedMemoryBfgs"/> stopped.</summary>
public enum LimitedMemoryBfgsTermination
{
    /// <summary>‖∇g‖∞ fell below the gradient tolerance.</summary>
    Gradient,

    /// <summary>The relative decrease of g over the last iteration fell below the function tolerance.</summary>
    FunctionProgress,

    /// <summary>Backtracking found no decrease along the quasi-Newton direction nor along −∇g (a kink or round-off).</summary>
    NoDescent,

    /// <summary>The iteration cap was reached.</summary>
    MaximumIterations,
}

/// <summary>The result of <see cref="LimitedMemoryBfgs.Minimize"/>: the best point found and its diagnostics.</summary>
/// <param name="Point">x, the last accepted iterate (the lowest value seen).</param>
/// <param name="Value">g(x).</param>
/// <param name="Iterations">Accepted steps.</param>
/// <param name="Evaluations">Calls of g and ∇g.</param>
/// <param name="Termination">Why it stopped.</param>
public sealed record LimitedMemoryBfgsResult(double[] Point, double Value, int Iterations, int Evaluations, LimitedMemoryBfgsTermination Termination);

/// <summary>Limited-memory BFGS with a backtracking (Armijo) line search, for objectives that are smooth only piecewise.</summary>
/// <remarks>
/// The direction is −H∇g with H from the last <c>memory</c> pairs (sₖ, yₖ) by the two-loop recursion, initial scaling
/// γ = sᵀy/yᵀy (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Alg. 7.4 and eq. 7.20). A pair is stored only when
/// sᵀy &gt; 10⁻¹²‖s‖‖y‖ (curvature condition), so H stays positive definite. The step is halved from 1 until
/// g(x + tp) ≤ g(x) + 10⁻⁴t∇gᵀp (Armijo); if that fails the memory is cleared and −∇g tried once. Unlike a Wolfe line
/// search, backtracking always terminates and never loses the iterate, which matters on the orbit-minimal trace F*:
/// it jumps where a sample crosses a ReLU kink. Sequential and deterministic: the same input gives the same bits.
/// </remarks>
public static class LimitedMemoryBfgs
{
    /// <summary>Minimises g from <paramref name="start"/>.</summary>
    /// <param name="valueAndGradient">Writes ∇g(x) into its second argument and returns g(x).</param>
    /// <param name="start">x₀ (copied).</param>
    /// <param name="maximumIterations">Cap on accepted steps (≥ 1).</param>
    /// <param name="memory">Stored pairs (default 10).</param>
    /// <param name="gradientTolerance">Stop when ‖∇g‖∞ ≤ this.</param>
    /// <param name="functionTolerance">Stop when (g_old − g_new) ≤ this·max(|g_new|, 1) five times in a row.</param>
    public static LimitedMemoryBfgsResult Minimize(Func<double[], double[], double> valueAndGradient, ReadOnlySpan<double> start, int maximumIterations,
        int memory = 10, double gradientTolerance = 1e-9, double functionTolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumIterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(memory, 1);
        int n = start.Length;
        var x = start.ToArray();
        var g = new double[n];
        double f = valueAndGradient(x, g);
        int evaluations = 1;
        var sList = new List<double[]>();
        var yList = new List<double[]>();
        var p = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        int stalls = 0;
        for (int iteration = 0; iteration < maximumIterations; iteration++)
        {
            if (MaxAbs(g) <= gradientTolerance) return new(x, f, iteration, evaluations, LimitedMemoryBfgsTermination.Gradient);
            Direction(g, sList, yList, p);
            double slope = Dot(g, p);
            if (!(slope < 0))
            {
                sList.Clear(); yList.Clear();
                for (int k = 0; k < n; k++) p[k] = -g[k];
                slope = Dot(g, p);
            }
            double step = sList.Count == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(-slope)) : 1.0;
            double fNew = double.NaN;
            bool accepted = false;
            for (int halving = 0; halving < 60 && !accepted; halving++, step *= 0.5)
            {
                for (int k = 0; k < n; k++) xNew[k] = x[k] + step * p[k];
                fNew = valueAndGradient(xNew, gNew);
                evaluations++;
                accepted = double.IsFinite(fNew) && fNew <= f + 1e-4 * step * slope;
            }
            if (!accepted)
            {
                if (sList.Count == 0) return new(x, f, iteration, evaluations, LimitedMemoryBfgsTermination.NoDescent);
                sList.Clear(); yList.Clear();
                continue;
            }
            var s = new double[n];
            var y = new double[n];
            for (int k = 0; k < n; k++) { s[k] = xNew[k] - x[k]; y[k] = gNew[k] - g[k]; }
            if (Dot(s, y) > 1e-12 * Math.Sqrt(Dot(s, s) * Dot(y, y)))
            {
                sList.Add(s); yList.Add(y);
                if (sList.Count > memory) { sList.RemoveAt(0); yList.RemoveAt(0); }
            }
            double decrease = f - fNew;
            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            f = fNew;
            stalls = decrease <= functionTolerance * Math.Max(Math.Abs(f), 1.0) ? stalls + 1 : 0;
            if (stalls >= 5) return new(x, f, iteration + 1, evaluations, LimitedMemoryBfgsTermination.FunctionProgress);
        }
        return new(x, f, maximumIterations, evaluations, LimitedMemoryBfgsTermination.MaximumIterations);
    }

    private static void Direction(double[] g, List<double[]> sList, List<double[]> yList, double[] p)
    {
        int count = sList.Count, n = g.Length;
        var alpha = new double[count];
        for (int k = 0; k < n; k++) p[k] = -g[k];
        for (int i = count - 1; i >= 0; i--)
        {
            alpha[i] = Dot(sList[i], p) / Dot(yList[i], sList[i]);
            for (int k = 0; k < n; k++) p[k] -= alpha[i] * yList[i][k];
        }
        if (count > 0)
        {
            double gamma = Dot(sList[^1], yList[^1]) / Dot(yList[^1], yList[^1]);
            for (int k = 0; k < n; k++) p[k] *= gamma;
        }
        for (int i = 0; i < count; i++)
        {
            double beta = Dot(yList[i], p) / Dot(yList[i], sList[i]);
            for (int k = 0; k < n; k++) p[k] += (alpha[i] - beta) * sList[i][k];
        }
    }

    private static double Dot(double[] u, double[] v)
    {
        double s = 0;
        for (int k = 0; k < u.Length; k++) s += u[k] * v[k];
        return s;
    }

    private static double MaxAbs(double[] u)
    {
        double m = 0;
        foreach (double v in u) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
