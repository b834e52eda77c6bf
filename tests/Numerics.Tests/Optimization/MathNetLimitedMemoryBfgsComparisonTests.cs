using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Optimization;
using Flatness.Numerics.Randomness;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MinimizationResult = MathNet.Numerics.Optimization.MinimizationResult;

namespace Flatness.Numerics.Tests.Optimization;

// Why the search uses its own LimitedMemoryBfgs and not MathNet.Numerics' LimitedMemoryBfgsMinimizer (MathNet 5.0.0):
// both are run on the search's first inner problem (λ = 0, μ = 10·√mean‖xᵢ‖², labels over rms(y), start from
// FlattestInterpolatorSearch.RandomStart) for a 3-index ReLU target y = (u₁·x)₊ − 0.8(u₂·x)₊ + 0.6(u₃·x)₊, d = 10, n = 80,
// width 24 (P = 264), five starts, memory 10, gradient tolerance 1e-9, cap 300 steps (the search's InnerIterations).
//
// Measured (start: ℒ(θ₀); ours value/‖∇ℒ‖∞/iterations/evaluations; MathNet cap 300; MathNet cap 1000):
//   0: 68.3;  13.214 / 9.9 / 75 / 801   FunctionProgress; threw "Direction is not a descent direction" after 137 evals (best value seen 13.325); same at 1000
//   1: 53.2;  13.523 / 5.7 / 60 / 802   FunctionProgress; returned 12.247, ‖∇ℒ‖∞ 12.5, 301 its, 684 evals, labelled AbsoluteGradient; at 1000 threw (best seen 11.903)
//   2: 135.9; 12.170 / 4.9 / 182 / 1274 FunctionProgress; threw, non-descent, 381 evals (best seen 12.162); same at 1000
//   3: 47.8;  13.278 / 10.3 / 78 / 735  FunctionProgress; threw, non-descent, 742 evals (best seen 12.678); same at 1000
//   4: 41.2;  12.409 / 11.4 / 224 / 931 FunctionProgress; returned 12.359, ‖∇ℒ‖∞ 12.8, 301 its, 988 evals, labelled AbsoluteGradient; at 1000 threw (best seen 12.331)
// So: MathNet's L-BFGS throws InnerOptimizationException("Direction is not a descent direction.") on 3/5 starts at cap 300
// and 5/5 at cap 1000, and a throw returns no iterate. From its source: it stores every (s, y) pair without a curvature
// test, and its weak-Wolfe search may exit on "lack of progress" (bracket below 1e-10) without the curvature condition; with
// all sᵀy > 0 the two-loop inverse Hessian is positive definite, so the non-descent direction means such an exit left an
// sᵀy ≤ 0 pair (presumably a kink of F* inside the bracket). When it does return at the cap it reports
// ExitCondition.AbsoluteGradient although ‖∇ℒ‖∞ ≈ 12. In value it is not worse: the best points it evaluated are within
// −12 %…+1 % of ours (usable only if the caller catches its exceptions and keeps the best evaluated point by hand). Neither minimiser reaches a stationary point (‖∇ℒ‖∞ 5–13 at the end: the iterates sit
// on kinks); ours stops on its progress test. Exploration also ran MathNet's BfgsMinimizer (dense BFGS, cap 300): it threw
// MaximumIterationsException on 5/5 starts after 3 700–5 300 evaluations (2–3.5 s each), but the best points it evaluated
// were 11.16–11.18, 8–17 % below ours; ConjugateGradientMinimizer (cap 300) threw MaximumIterationsException on 5/5,
// best seen 12.7–13.5. Our L-BFGS with functionTolerance 0 and cap 1000 reached 11.85–13.38 (up to 26 000 evaluations).
// Verdict: the own L-BFGS is justified by robustness (always an iterate, never an exception, honest termination), not by
// better minima; the inner rounds are not minimised to stationarity by either.
public class MathNetLimitedMemoryBfgsComparisonTests
{
    private const int D = 10, N = 80, Width = 24, Cap = 300, Starts = 5;

    private static Dataset ThreeIndex(ulong seed)
    {
        var rng = new Rng(seed);
        var a = new[] { 1.0, -0.8, 0.6 };
        var u = new double[3][];
        for (int r = 0; r < 3; r++)
        {
            u[r] = new double[D];
            rng.FillGaussian(u[r]);
            double norm = Math.Sqrt(u[r].Sum(v => v * v));
            for (int k = 0; k < D; k++) u[r][k] /= norm;
        }
        var teacher = TwoLayerNetwork.FromWeights(new Relu(), a, u);
        var x = new double[N * D];
        rng.FillGaussian(x);
        var data = new Dataset(x, new double[N], D);
        return data.WithTargets(teacher.Predict(data));
    }

    // The first round of FlattestInterpolatorSearch.FromStart: normalised labels, a/rms, λ = 0, μ = 10·√mean‖xᵢ‖².
    private static (Problem Problem, double[] Theta, double Mu) FirstRound(Dataset data, Rng rng)
    {
        var start = FlattestInterpolatorSearch.RandomStart(new Relu(), D, Width, rng);
        double rms = Math.Sqrt(data.Targets.ToArray().Sum(v => v * v) / N);
        var problem = new Problem(new Relu(), data, rms, LossConvention.Mse);
        var theta = start.Parameters.ToArray();
        for (int j = 0; j < Width; j++) theta[j * (D + 1) + D] /= rms;
        return (problem, theta, 10 * Math.Sqrt(problem.Norms.Average()));
    }

    private sealed record MathNetOutcome(MinimizationResult? Result, Exception? Error, double BestSeen, int Evaluations);

    private static MathNetOutcome RunMathNet(int cap, Problem p, double[] lambda, double mu, double[] theta)
    {
        int evaluations = 0;
        double best = double.PositiveInfinity;
        var objective = ObjectiveFunction.Gradient(v =>
        {
            var t = v.ToArray();
            var g = new double[t.Length];
            double value = p.Lagrangian(t, lambda, mu, g);
            evaluations++;
            best = Math.Min(best, value);
            return (value, Vector<double>.Build.DenseOfArray(g));
        });
        try
        {
            var r = new LimitedMemoryBfgsMinimizer(1e-9, 1e-12, 1e-12, 10, cap).FindMinimum(objective, Vector<double>.Build.DenseOfArray(theta));
            return new(r, null, best, evaluations);
        }
        catch (OptimizationException e)
        {
            return new(null, e, best, evaluations);
        }
    }

    private static double GradientMax(Problem p, double[] lambda, double mu, double[] theta)
    {
        var g = new double[theta.Length];
        p.Lagrangian(theta, lambda, mu, g);
        return g.Max(Math.Abs);
    }

    [Test]
    public void MathNetLbfgsThrowsOnMostStartsWhereOursReturnsAComparableIterate()
    {
        var data = ThreeIndex(21);
        var rng = new Rng(22);
        int thrownAt300 = 0, thrownAt1000 = 0;
        for (int s = 0; s < Starts; s++)
        {
            var (p, theta, mu) = FirstRound(data, rng);
            var lambda = new double[N];
            double initial = p.Lagrangian(theta, lambda, mu, new double[theta.Length]);
            var ours = LimitedMemoryBfgs.Minimize((t, g) => p.Lagrangian(t, lambda, mu, g), theta, Cap);
            double oursGradient = GradientMax(p, lambda, mu, ours.Point);
            TestContext.Out.WriteLine($"start {s}: L0 = {initial:G6}; ours {ours.Value:G8}, |g| {oursGradient:G3}, {ours.Iterations} its, {ours.Evaluations} evals, {ours.Termination}");
            // Ours: always an iterate, well below the start, stopped on its own test rather than the cap.
            Assert.That(ours.Value, Is.LessThan(0.5 * initial));
            Assert.That(ours.Termination, Is.Not.EqualTo(LimitedMemoryBfgsTermination.MaximumIterations));

            var at300 = RunMathNet(Cap, p, lambda, mu, theta);
            var at1000 = RunMathNet(1000, p, lambda, mu, theta);
            foreach (var (cap, o) in new[] { (Cap, at300), (1000, at1000) })
            {
                string what = o.Error is not null
                    ? $"threw {o.Error.GetType().Name}: {o.Error.Message}"
                    : $"returned {o.Result!.FunctionInfoAtMinimum.Value:G8}, |g| {GradientMax(p, lambda, mu, o.Result.MinimizingPoint.ToArray()):G3}, {o.Result.Iterations} its, {o.Result.ReasonForExit}";
                TestContext.Out.WriteLine($"  MathNet cap {cap}: {what}; {o.Evaluations} evals, best seen {o.BestSeen:G8}");
                // The points MathNet evaluated are as good as ours (measured −9 %…+1 %), so its trouble is robustness, not quality.
                Assert.That(o.BestSeen / ours.Value, Is.InRange(0.85, 1.05), $"start {s}, cap {cap}");
                if (o.Error is not null)
                {
                    Assert.That(o.Error, Is.TypeOf<InnerOptimizationException>());
                    Assert.That(o.Error.Message, Does.Contain("not a descent direction"));
                }
                else
                {
                    // A return at the cap is labelled as if the gradient had converged.
                    Assert.That(o.Result!.ReasonForExit, Is.EqualTo(ExitCondition.AbsoluteGradient));
                    Assert.That(GradientMax(p, lambda, mu, o.Result.MinimizingPoint.ToArray()), Is.GreaterThan(1.0));
                }
            }
            if (at300.Error is not null) thrownAt300++;
            if (at1000.Error is not null) thrownAt1000++;
        }
        // Measured 3 of 5 at cap 300 and 5 of 5 at cap 1000. The bounds leave one start of slack because the trajectories
        // cross kinks and so depend on rounding (TensorPrimitives' SIMD width differs between machines).
        Assert.That(thrownAt1000, Is.GreaterThanOrEqualTo(Starts - 1), "MathNet L-BFGS throws at cap 1000");
        Assert.That(thrownAt300 + thrownAt1000, Is.GreaterThanOrEqualTo(7), "MathNet L-BFGS throws over both caps (measured 8 of 10)");
    }
}
