using System.Numerics.Tensors;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Training;

namespace Flatness.Numerics.Tests.Training;

public class FullBatchGradientTests
{
    private static IEnumerable<TestNet> AllCases() => Cases.All();

    [TestCaseSource(nameof(AllCases))]
    public void Gradient_EqualsCentralDifferencesOfTheLoss(TestNet c)
    {
        // Reference: central differences of the loss (FiniteDifferences, a separate plain-loop evaluation).
        var engine = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, LossConvention.HalfMse);
        var g = new double[engine.Dimension];
        double loss = engine.Compute(c.Network.Parameters, g);
        var fd = FiniteDifferences.Gradient(c.Network, c.Data, LossConvention.HalfMse, 1e-6);
        Tolerances.AssertAllClose(g, fd, 1e-7, 1e-9, "∇L");
        Tolerances.AssertClose(loss, FiniteDifferences.Loss(c.Network, c.Data, LossConvention.HalfMse), 1e-12, 1e-20);
    }

    [Test]
    public void Gradient_MatchesTheCurvatureCoresGradient_ForBothConventions()
    {
        var c = Cases.Make("relu", true, true, false, 100, 4, 19, 8);
        foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
        {
            var engine = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, loss);
            var g = new double[engine.Dimension];
            engine.Compute(c.Network.Parameters, g);
            Tolerances.AssertAllClose(g, LossGradient.Compute(c.Network, c.Data, loss), 1e-12, 1e-14, "∇L vs LossGradient");
        }
    }

    private static IEnumerable<TestCaseData> Shapes()
    {
        // Widths around the tiles (8, 16) and vector widths, n around the 32-sample chunk, d as in paper B's figures.
        foreach (var act in Cases.ActivationNames)
            yield return new TestCaseData(act, true, true, 70, 3, 37).SetArgDisplayNames(act, "b+beta", "n70", "d3", "m37");
        foreach (var (hb, ob, n, d, m) in new[] { (true, true, 1, 1, 1), (false, true, 33, 10, 16), (true, false, 64, 5, 100), (true, true, 97, 10, 2048) })
            yield return new TestCaseData("relu", hb, ob, n, d, m).SetArgDisplayNames("relu", $"hb={hb}", $"ob={ob}", $"n{n}", $"d{d}", $"m{m}");
    }

    [TestCaseSource(nameof(Shapes))]
    public void Compute_HasTheBitsOfThePlainLoopReference(string act, bool hb, bool ob, int n, int d, int m)
    {
        // The documented order, written as plain loops (Reference below): any change of a summation order, a missing
        // term or a wrong chunk boundary in the SIMD paths changes bits here.
        // Bit comparisons need no distance from the kinks (kinkMargin 0: inputs are not redrawn).
        var c = Cases.Make(act, hb, ob, false, n, d, m, (ulong)(n * 31 + m), kinkMargin: 0);
        var engine = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, LossConvention.HalfMse);
        var g = new double[engine.Dimension];
        double loss = engine.Compute(c.Network.Parameters, g);
        var (rg, rloss, rf, rshare) = Reference(c.Network, c.Data, LossConvention.HalfMse);
        Assert.That(g, Is.EqualTo(rg), "gradient");
        Assert.That(loss, Is.EqualTo(rloss), "loss");
        Assert.That(engine.Outputs.ToArray(), Is.EqualTo(rf), "outputs");
        Assert.That(engine.ActiveShare, Is.EqualTo(rshare), "active share");
    }

    [TestCaseSource(nameof(Shapes))]
    public void ReluSpecialisation_HasTheBitsOfTheGeneralPath(string act, bool hb, bool ob, int n, int d, int m)
    {
        var c = Cases.Make(act, hb, ob, false, n, d, m, (ulong)(n * 17 + m), kinkMargin: 0);
        var fast = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, LossConvention.Mse);
        var general = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, LossConvention.Mse, specialise: false);
        var g1 = new double[fast.Dimension];
        var g2 = new double[fast.Dimension];
        Assert.That(fast.Compute(c.Network.Parameters, g1), Is.EqualTo(general.Compute(c.Network.Parameters, g2)));
        Assert.That(g1, Is.EqualTo(g2));
        Assert.That(fast.Outputs.ToArray(), Is.EqualTo(general.Outputs.ToArray()));
        Assert.That(fast.ActiveShare, Is.EqualTo(general.ActiveShare));
    }

    [TestCaseSource(nameof(Shapes))]
    public void ChunksFoldedInOrderOnOneThread_GiveTheBitsOfTheSlots(string act, bool hb, bool ob, int n, int d, int m)
    {
        // ComputeAllChunks (TrainMany's one-network-per-thread mode) against Compute (one slot per chunk, summed at the end).
        var c = Cases.Make(act, hb, ob, false, n, d, m, (ulong)(n * 13 + m), kinkMargin: 0);
        var slots = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, LossConvention.HalfMse);
        var folded = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, LossConvention.HalfMse);
        var g1 = new double[slots.Dimension];
        var g2 = new double[slots.Dimension];
        double l1 = slots.Compute(c.Network.Parameters, g1);
        folded.Load(c.Network.Parameters);
        folded.ComputeAllChunks();
        double l2 = folded.Finish(g2);
        Assert.That(l2, Is.EqualTo(l1));
        Assert.That(g2, Is.EqualTo(g1));
        Assert.That(folded.Outputs.ToArray(), Is.EqualTo(slots.Outputs.ToArray()));
        Assert.That(folded.ActiveShare, Is.EqualTo(slots.ActiveShare));
    }

    [TestCase("relu")]
    [TestCase("relu2")]
    public void Compute_IsBitIdenticalForOneTwoAndFourThreads(string act)
    {
        var c = Cases.Make(act, true, true, false, 333, 6, 129, 12, kinkMargin: 0);
        double[] Run(int threads)
        {
            using var _ = Parallelism.Limit(threads);
            var engine = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, LossConvention.HalfMse);
            var g = new double[engine.Dimension + 1];
            g[^1] = engine.Compute(c.Network.Parameters, g.AsSpan(0, engine.Dimension));
            return g;
        }
        var one = Run(1);
        Assert.That(Run(2), Is.EqualTo(one));
        Assert.That(Run(4), Is.EqualTo(one));
    }

    /// <summary>The engine's documented arithmetic as plain loops: zᵢⱼ one FMA chain over k from +0; σ, σ' from
    /// Activation.Evaluate; fᵢ = β + TensorPrimitives.Dot(a, σᵢ); per chunk of 32 samples (in sample order)
    /// pⱼ += σᵢⱼ·rᵢ, Σr, Σr², and Gₖⱼ = FMA chain over the chunk's samples of x̃ᵢₖ·((σ'ᵢⱼaⱼ)rᵢ) from +0; chunks combined
    /// in order (G: slot₀ + slot₁ + …; the others from 0 + slot₀ + …); everything scaled by 2/(νn).</summary>
    private static (double[] Gradient, double Loss, double[] Outputs, double ActiveShare) Reference(TwoLayerNetwork net, Dataset data, LossConvention loss)
    {
        var layout = net.Layout;
        int n = data.Count, m = net.Width, dt = layout.AugmentedDimension, chunk = 32, chunks = (n + chunk - 1) / chunk;
        var x = new double[n * dt];
        for (int i = 0; i < n; i++)
        {
            data.Input(i).CopyTo(x.AsSpan(i * dt));
            if (layout.HasHiddenBias) x[i * dt + dt - 1] = 1;
        }
        var a = new double[m];
        for (int j = 0; j < m; j++) a[j] = net.OutputWeight(j);
        double beta = net.OutputBias;
        var f = new double[n];
        var gw = new double[chunks][];
        var pa = new double[chunks][];
        var sr = new double[chunks];
        var sr2 = new double[chunks];
        long on = 0;
        for (int ch = 0; ch < chunks; ch++)
        {
            gw[ch] = new double[dt * m];
            pa[ch] = new double[m];
            var cRows = new List<(int I, double[] C)>();
            for (int i = ch * chunk; i < Math.Min(n, ch * chunk + chunk); i++)
            {
                var z = new double[m];
                for (int j = 0; j < m; j++)
                {
                    var w = net.AugmentedHiddenWeight(j);
                    double acc = 0;
                    for (int k = 0; k < dt; k++) acc = Math.FusedMultiplyAdd(x[i * dt + k], w[k], acc);
                    z[j] = acc;
                    if (acc > 0) on++;
                }
                var s = new double[m];
                var s1 = new double[m];
                net.Activation.Evaluate(z, s, s1, Span<double>.Empty);
                f[i] = beta + TensorPrimitives.Dot(a, s);
                double r = f[i] - data.Target(i);
                sr[ch] += r;
                sr2[ch] += r * r;
                var cRow = new double[m];
                for (int j = 0; j < m; j++)
                {
                    pa[ch][j] += s[j] * r;
                    cRow[j] = s1[j] * a[j] * r;
                }
                cRows.Add((i, cRow));
            }
            for (int k = 0; k < dt; k++)
                for (int j = 0; j < m; j++)
                {
                    double acc = 0;
                    foreach (var (i, cRow) in cRows) acc = Math.FusedMultiplyAdd(x[i * dt + k], cRow[j], acc);
                    gw[ch][k * m + j] = acc;
                }
        }
        double scale = loss.CurvatureScale(n);
        var g = new double[layout.Count];
        for (int j = 0; j < m; j++)
        {
            for (int k = 0; k < dt; k++)
            {
                double sum = gw[0][k * m + j];
                for (int ch = 1; ch < chunks; ch++) sum += gw[ch][k * m + j];
                g[layout.NeuronOffset(j) + k] = scale * sum;
            }
            double sa = 0;
            for (int ch = 0; ch < chunks; ch++) sa += pa[ch][j];
            g[layout.OutputWeightIndex(j)] = scale * sa;
        }
        double tr = 0, tr2 = 0;
        for (int ch = 0; ch < chunks; ch++)
        {
            tr += sr[ch];
            tr2 += sr2[ch];
        }
        if (layout.HasOutputBias) g[layout.OutputBiasIndex] = scale * tr;
        return (g, tr2 / (loss.Nu() * (double)n), f, on / ((double)n * m));
    }
}
