using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

/// <summary>The streaming path (forward pass recomputed per block) against the cached one: the same bits.</summary>
public class StreamingEvaluationTests
{
    private static IEnumerable<TestNet> AllCases() => Cases.All();

    // Several blocks of 128 and several lanes, with a last block that is not full (300 = 2·128 + 44) and one that is
    // (256), every activation, with and without biases, at and off interpolation.
    private static IEnumerable<TestNet> BlockCases()
    {
        ulong seed = 500;
        foreach (string act in Cases.ActivationNames)
            foreach (var (hb, ob, interp, n) in new[] { (true, true, false, 300), (false, false, true, 256), (true, false, true, 129), (false, true, false, 1000) })
                yield return Cases.Make(act, hb, ob, interp, n, 5, 9, seed++);
        // More than 64 blocks: lanes hold several blocks each (9000 = 70·128 + 40), so the partial sums accumulate.
        yield return Cases.Make("relu3", true, true, false, 9000, 2, 3, seed++);
        yield return Cases.Make("leaky_relu", true, false, false, 9000, 2, 3, seed++);
        // The smooth activations (σ'' cached or recomputed for every sample), appended so the cases above keep their seeds.
        foreach (string act in Cases.SmoothActivationNames)
            foreach (var (hb, ob, interp, n) in new[] { (true, true, false, 300), (false, true, true, 129) })
                yield return Cases.Make(act, hb, ob, interp, n, 5, 9, seed++);
        yield return Cases.Make("gelu", true, true, false, 9000, 2, 3, seed++);
    }

    [TestCaseSource(nameof(AllCases))]
    [TestCaseSource(nameof(BlockCases))]
    public void StreamingProduct_IsBitIdenticalToTheCachedProduct(TestNet c)
    {
        foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
            foreach (bool gn in new[] { false, true })
            {
                var cached = new HessianOperator(NetworkEvaluation.Evaluate(c.Network, c.Data, loss), gn);
                var streaming = new HessianOperator(StreamingEvaluation.Evaluate(c.Network, c.Data, loss), gn);
                Assert.That(cached.Streaming, Is.False);
                Assert.That(streaming.Streaming, Is.True);
                var rng = new Rng(21);
                var v = new double[cached.Dimension];
                for (int rep = 0; rep < 2; rep++)
                {
                    rng.FillGaussian(v);
                    var hc = new double[v.Length];
                    var hs = new double[v.Length];
                    cached.Multiply(v, hc);
                    streaming.Multiply(v, hs);
                    Assert.That(hs, Is.EqualTo(hc), $"{loss}, gaussNewtonOnly = {gn}");
                }
            }
    }

    [TestCaseSource(nameof(BlockCases))]
    public void StreamingProduct_EqualsTheDenseHessianTimesVector(TestNet c)
    {
        // Independent reference: DenseHessian builds ∇²L entry by entry from the closed-form second derivatives.
        var op = HessianOperator.CreateStreaming(c.Network, c.Data, LossConvention.Mse);
        var dense = DenseHessian.Compute(c.Network, c.Data, LossConvention.Mse);
        var v = new double[op.Dimension];
        new Rng(22).FillGaussian(v);
        var hv = new double[v.Length];
        var expected = new double[v.Length];
        op.Multiply(v, hv);
        dense.Multiply(v, expected);
        Tolerances.AssertAllClose(hv, expected, 1e-11, 1e-13, "streaming Hv vs dense");
    }

    [TestCaseSource(nameof(AllCases))]
    [TestCaseSource(nameof(BlockCases))]
    public void TraceLossAndKink_AreBitIdenticalToTheCachedPass(TestNet c)
    {
        var e = NetworkEvaluation.Evaluate(c.Network, c.Data);
        var s = StreamingEvaluation.Evaluate(c.Network, c.Data);
        var tc = HessianTrace.Compute(e);
        var ts = HessianTrace.Compute(s);
        var tf = HessianTrace.Compute(c.Network, c.Data);
        var kc = Kinks.Nearest(e);
        Assert.Multiple(() =>
        {
            Assert.That(s.LossValue, Is.EqualTo(e.LossValue));
            Assert.That(s.MaxAbsResidual, Is.EqualTo(e.MaxAbsResidual));
            Assert.That(s.Residual.ToArray(), Is.EqualTo(e.Residual.ToArray()));
            Assert.That(s.Output.ToArray(), Is.EqualTo(e.Output.ToArray()));
            foreach (var t in new[] { ts, tf })
            {
                Assert.That(t.P, Is.EqualTo(tc.P));
                Assert.That(t.Q, Is.EqualTo(tc.Q));
                Assert.That(t.R, Is.EqualTo(tc.R));
                Assert.That(t.Trace, Is.EqualTo(tc.Trace));
            }
            Assert.That(s.Kink, Is.EqualTo(kc));
        });
    }

    [Test]
    public void Kink_IsTheFirstSmallestPreactivationInRowMajorOrder()
    {
        // Reference: a plain scan of NetworkEvaluation.Preactivation (independent of the block reduction).
        var c = Cases.Make("relu", true, false, false, 700, 4, 6, 31, kinkMargin: 0);
        var e = NetworkEvaluation.Evaluate(c.Network, c.Data);
        var z = e.Preactivation.ToArray();
        int at = 0;
        for (int u = 1; u < z.Length; u++) if (Math.Abs(z[u]) < Math.Abs(z[at])) at = u;
        var k = StreamingEvaluation.Evaluate(c.Network, c.Data).Kink;
        Assert.That((k.MinAbsPreactivation, k.Sample, k.Neuron), Is.EqualTo((Math.Abs(z[at]), at / 6, at % 6)));
    }

    [Test]
    public void StreamingProductAndLanczos_AreBitIdenticalForOneTwoAndFourThreads()
    {
        var c = Cases.Make("relu3", true, true, false, 900, 6, 11, 41);
        var v = new double[c.Network.Layout.Count];
        new Rng(2).FillGaussian(v);
        (double[] Hv, double Lmax) Run(int threads)
        {
            using var _ = Parallelism.Limit(threads);
            var op = HessianOperator.CreateStreaming(c.Network, c.Data);
            var hv = new double[v.Length];
            op.Multiply(v, hv);
            return (hv, Lanczos.Extremes(op, new LanczosOptions(MaxIterations: 20)).LambdaMax);
        }
        var one = Run(1);
        foreach (int threads in new[] { 2, 4 })
        {
            var other = Run(threads);
            Assert.That(other.Hv, Is.EqualTo(one.Hv), $"{threads} threads");
            Assert.That(other.Lmax, Is.EqualTo(one.Lmax), $"{threads} threads");
        }
    }

    [Test]
    public void StreamingOperator_HoldsNoArrayOfSizeNTimesM()
    {
        // n·m = 20 000 doubles; the operator's own buffers are L·(m·D̃ + m + 1) + D̃·m + m with L ≤ 64 lanes.
        var c = Cases.Make("relu", true, true, false, 4000, 3, 5, 51);
        var op = HessianOperator.CreateStreaming(c.Network, c.Data);
        int m = 5, dt = 4;
        int lanes = Math.Min(64, (4000 + 127) / 128);
        Assert.That(op.WorkingBytes, Is.EqualTo(8L * (lanes * (m * dt + m + 1) + dt * m + m)));
    }
}
