using Flatness.Symbolic.Proving;
using Microsoft.Z3;
using static Flatness.Symbolic.Terms.T;

namespace Flatness.Symbolic.Tests.Proving;

/// <summary>The libz3.so shim must survive the 4.12 wrapper releasing objects from the finalizer thread while other
/// threads are inside Z3 (toolchain.md: a no-op stub segfaulted in 8 of 8 runs of such a loop).</summary>
public class ShimStressTests
{
    [Test]
    public void ThousandsOfProofs_UndisposedObjects_ForcedCollections_FourThreads_DoNotCrash()
    {
        const int threads = 4, iterations = 400;
        var proved = new int[threads];
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Thread.Sleep(2);
            }
        });
        var workers = Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            // One long-lived context per thread; every term, solver and model is left to the finalizer.
            var ctx = new Context();
            for (int i = 0; i < iterations; i++)
            {
                var x = ctx.MkRealConst("x" + (i % 7));
                var y = ctx.MkRealConst("y");
                var lhs = (ArithExpr)ctx.MkAdd(ctx.MkMul(x, x), ctx.MkMul(y, y));
                var rhs = ctx.MkMul(ctx.MkReal(2), x, y);
                var solver = ctx.MkSolver();
                solver.Assert(ctx.MkLt(lhs, rhs));      // x² + y² < 2xy is unsatisfiable
                if (solver.Check() == Status.UNSATISFIABLE) proved[t]++;
                if (i % 50 == 0)
                {
                    // And the checker's own path, fresh context per goal, on the same thread.
                    var r = Real("z");
                    if (Z3Checker.Check(Flatness.Symbolic.Proving.Goal.Of("z^2 >= 0", r * r >= 0)).Status == ProofStatus.Proved) proved[t]++;
                }
            }
        })).ToArray();
        Task.WaitAll(workers);
        stop.Cancel();
        collector.Wait();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.That(proved.Sum(), Is.EqualTo(threads * (iterations + iterations / 50)));
    }
}
