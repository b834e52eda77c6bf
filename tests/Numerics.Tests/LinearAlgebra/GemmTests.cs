using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.LinearAlgebra;

public class GemmTests
{
    [TestCase(1, 1, 1, false)]
    [TestCase(4, 8, 8, false)]
    [TestCase(7, 13, 9, false)]
    [TestCase(33, 65, 17, false)]
    [TestCase(70, 300, 45, false)]
    [TestCase(70, 300, 45, true)]
    [TestCase(5, 3, 29, true)]
    public void Product_MatchesNaiveTripleLoop(int m, int k, int n, bool transposedA)
    {
        var rng = new Rng((ulong)(m * 10007 + k * 101 + n));
        var a = new double[m * k];
        var b = new double[k * n];
        rng.FillGaussian(a);
        rng.FillGaussian(b);
        var c = new double[m * n];
        // A(r, p) = a[r*k + p] (row-major) or a[p*m + r] (stored transposed).
        if (transposedA) Gemm.Multiply(a, 1, m, b, n, c, n, m, k, n);
        else Gemm.Multiply(a, k, 1, b, n, c, n, m, k, n);
        for (int r = 0; r < m; r++)
            for (int col = 0; col < n; col++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += (transposedA ? a[p * m + r] : a[r * k + p]) * b[p * n + col];
                Tolerances.AssertClose(c[r * n + col], s, 1e-12, 1e-12 * Math.Sqrt(k), $"C[{r},{col}]");
            }
    }

    [Test]
    public void Product_IsBitIdenticalForEveryThreadCount()
    {
        var rng = new Rng(5);
        int m = 131, k = 517, n = 77;
        var a = new double[m * k];
        var b = new double[k * n];
        rng.FillGaussian(a);
        rng.FillGaussian(b);
        double[] Run(int threads)
        {
            using var _ = Parallelism.Limit(threads);
            var c = new double[m * n];
            Gemm.Multiply(a, k, 1, b, n, c, n, m, k, n);
            return c;
        }
        var one = Run(1);
        Assert.That(Run(2), Is.EqualTo(one));
        Assert.That(Run(4), Is.EqualTo(one));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void AccumulatingConsecutiveSlicesOfK_GivesTheBitsOfOneProduct(bool transposedA)
    {
        // C = A·B over K = 300 in one call, against C := A[:, 0:128]·B[0:128] then C += the next slices (128, 44):
        // each entry is one FMA chain in k order either way (the streaming Hessian product relies on this).
        var rng = new Rng(17);
        int m = 21, k = 300, n = 13;
        var a = new double[m * k];
        var b = new double[k * n];
        rng.FillGaussian(a);
        rng.FillGaussian(b);
        int rs = transposedA ? 1 : k, cs = transposedA ? m : 1;
        var whole = new double[m * n];
        Gemm.Multiply(a, rs, cs, b, n, whole, n, m, k, n);
        var sliced = new double[m * n];
        unsafe
        {
            fixed (double* pa = a)
            fixed (double* pb = b)
            fixed (double* pc = sliced)
                foreach (var (k0, k1) in new[] { (0, 128), (128, 256), (256, 300) })
                    Gemm.MultiplyRows(pa + (nint)k0 * cs, rs, cs, pb + (nint)k0 * n, n, pc, n, 0, m, k1 - k0, n, accumulate: k0 > 0);
        }
        Assert.That(sliced, Is.EqualTo(whole));
    }

    private static IEnumerable<object[]> KernelShapes()
    {
        // Shapes with row and column edges for every kernel (8×16, 6×8, 4×4), K across two panels (300 > KC = 256).
        foreach (var kernel in GemmKernels.Supported())
            foreach (var (m, k, n) in new[] { (1, 1, 1), (8, 11, 16), (13, 65, 37), (33, 300, 65), (32, 6, 2048), (11, 32, 48) })
                foreach (bool transposedA in new[] { false, true })
                    yield return [kernel.ToString(), m, k, n, transposedA];
    }

    [TestCaseSource(nameof(KernelShapes))]
    public void EveryKernel_GivesTheBitsOfOneFmaChainPerEntry(string kernelName, int m, int k, int n, bool transposedA)
    {
        var kernel = Enum.Parse<GemmKernel>(kernelName);
        // The documented chain: c = fma(A(r,K−1), B(K−1,s), … fma(A(r,0), B(0,s), +0)), computed here entry by entry.
        var rng = new Rng((ulong)(m * 7919 + k * 31 + n));
        var a = new double[m * k];
        var b = new double[k * n];
        rng.FillGaussian(a);
        rng.FillGaussian(b);
        int rs = transposedA ? 1 : k, cs = transposedA ? m : 1;
        var c = new double[m * n];
        Gemm.Multiply(kernel, a, rs, cs, b, n, c, n, m, k, n);
        var expected = new double[m * n];
        for (int r = 0; r < m; r++)
            for (int col = 0; col < n; col++)
            {
                double acc = 0;
                for (int p = 0; p < k; p++) acc = Math.FusedMultiplyAdd(a[r * rs + p * cs], b[p * n + col], acc);
                expected[r * n + col] = acc;
            }
        Assert.That(c, Is.EqualTo(expected), $"{kernel}");
    }

    [Test]
    public void PackedB_ReusedForManyRowBlocks_GivesTheBitsOfOneProduct()
    {
        var rng = new Rng(23);
        int m = 70, k = 45, n = 300;
        var a = new double[m * k];
        var b = new double[k * n];
        rng.FillGaussian(a);
        rng.FillGaussian(b);
        var whole = new double[m * n];
        Gemm.Multiply(a, k, 1, b, n, whole, n, m, k, n);
        var blocks = new double[m * n];
        var packed = new PackedB();
        unsafe
        {
            fixed (double* pa = a)
            fixed (double* pb = b)
            fixed (double* pc = blocks)
            {
                packed.Pack(pb, n, k, n);
                foreach (var (r0, r1) in new[] { (0, 7), (7, 40), (40, 70) })
                    Gemm.MultiplyRows(packed, pa, k, 1, pc, n, r0, r1);
            }
        }
        Assert.That(blocks, Is.EqualTo(whole));
    }
}
