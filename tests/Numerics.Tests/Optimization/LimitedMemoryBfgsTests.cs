using Flatness.Numerics.Optimization;

namespace Flatness.Numerics.Tests.Optimization;

public class LimitedMemoryBfgsTests
{
    private static double Rosenbrock(double[] x, double[] g)
    {
        double a = 1 - x[0], b = x[1] - x[0] * x[0];
        g[0] = -2 * a - 400 * x[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
    }

    // Reference: the Rosenbrock function's unique minimum (1, 1) with value 0.
    [Test]
    public void FindsTheRosenbrockMinimum()
    {
        var r = LimitedMemoryBfgs.Minimize(Rosenbrock, [-1.2, 1.0], 500);
        Assert.That(r.Point[0], Is.EqualTo(1.0).Within(1e-6));
        Assert.That(r.Point[1], Is.EqualTo(1.0).Within(1e-6));
        Assert.That(r.Value, Is.LessThan(1e-12));
        Assert.That(r.Termination, Is.Not.EqualTo(LimitedMemoryBfgsTermination.MaximumIterations));
    }

    // Reference: a convex quadratic ½xᵀAx − bᵀx with A = diag(1..20) has minimiser x = A⁻¹b.
    [Test]
    public void SolvesAnIllConditionedQuadratic()
    {
        const int n = 20;
        double Quadratic(double[] x, double[] g)
        {
            double f = 0;
            for (int i = 0; i < n; i++) { g[i] = (i + 1) * x[i] - 1; f += 0.5 * (i + 1) * x[i] * x[i] - x[i]; }
            return f;
        }
        // functionTolerance 0: it stops on the gradient or when g no longer decreases in floating point; near the minimum g
        // changes by O(δx²), invisible below √ε·|g| ≈ 1e-8·√|g|, so the minimiser is resolved to about 1e-7.
        var r = LimitedMemoryBfgs.Minimize(Quadratic, new double[n], 200, functionTolerance: 0);
        for (int i = 0; i < n; i++) Assert.That(r.Point[i], Is.EqualTo(1.0 / (i + 1)).Within(1e-7));
    }

    // A kink: g(x) = |x| has no decrease past 0 at small steps; the result is the best point, not an exception.
    [Test]
    public void StopsAtAKinkWithoutLosingTheIterate()
    {
        var r = LimitedMemoryBfgs.Minimize((x, g) => { g[0] = Math.Sign(x[0]); return Math.Abs(x[0]); }, [0.3], 100);
        Assert.That(r.Value, Is.LessThanOrEqualTo(0.3));
        Assert.That(r.Value, Is.LessThan(1e-6));
    }

    [Test]
    public void IsDeterministic()
    {
        var a = LimitedMemoryBfgs.Minimize(Rosenbrock, [-1.2, 1.0], 50);
        var b = LimitedMemoryBfgs.Minimize(Rosenbrock, [-1.2, 1.0], 50);
        Assert.That(b.Point, Is.EqualTo(a.Point));
        Assert.That(b.Evaluations, Is.EqualTo(a.Evaluations));
    }
}
