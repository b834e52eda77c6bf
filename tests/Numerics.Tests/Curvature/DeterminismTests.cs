using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

/// <summary>Parallel reductions use a fixed partition and combining order: results are bit-identical for any thread count.</summary>
public class DeterminismTests
{
    [Test]
    public void TraceHvpGradientAndLanczos_AreBitIdenticalForOneTwoAndFourThreads()
    {
        var c = Cases.Make("relu2", true, true, false, 300, 7, 37, 5);
        var v = new double[c.Network.Layout.Count];
        new Rng(1).FillGaussian(v);
        (double[] Trace, double[] Hv, double[] Grad, double Lmax, double[] F) Run(int threads)
        {
            using var _ = Parallelism.Limit(threads);
            var t = HessianTrace.Compute(c.Network, c.Data);
            var e = NetworkEvaluation.Evaluate(c.Network, c.Data);
            var op = new HessianOperator(e);
            var hv = new double[v.Length];
            op.Multiply(v, hv);
            var lz = Lanczos.Extremes(op, new LanczosOptions(MaxIterations: 30));
            return ([t.Trace, t.GaussNewtonTrace, .. t.P, .. t.Q, .. t.R], hv, LossGradient.Compute(e), lz.LambdaMax, c.Network.Predict(c.Data));
        }
        var one = Run(1);
        foreach (int threads in new[] { 2, 4 })
        {
            var other = Run(threads);
            Assert.That(other.Trace, Is.EqualTo(one.Trace), $"trace, {threads} threads");
            Assert.That(other.Hv, Is.EqualTo(one.Hv), $"Hv, {threads} threads");
            Assert.That(other.Grad, Is.EqualTo(one.Grad), $"gradient, {threads} threads");
            Assert.That(other.Lmax, Is.EqualTo(one.Lmax), $"Lanczos, {threads} threads");
            Assert.That(other.F, Is.EqualTo(one.F), $"f, {threads} threads");
        }
    }
}
