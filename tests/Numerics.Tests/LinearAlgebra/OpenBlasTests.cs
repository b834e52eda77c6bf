using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.LinearAlgebra;

/// <summary>The optional OpenBLAS binding: it agrees with the managed kernel to rounding, and its chunked product is
/// bit-identical for every thread count. Inconclusive where libopenblas.so.0 is not installed.</summary>
public class OpenBlasTests
{
    [TestCase(4096, 65, 512)]
    [TestCase(77, 300, 45)]
    [TestCase(512, 11, 2048)]
    public void Dgemm_AgreesWithTheManagedKernel(int m, int k, int n)
    {
        Assume.That(OpenBlas.IsAvailable, "libopenblas.so.0 is not installed");
        var rng = new Rng((ulong)(m + k + n));
        var a = new double[m * k];
        var b = new double[k * n];
        rng.FillGaussian(a);
        rng.FillGaussian(b);
        var ours = new double[m * n];
        var blas = new double[m * n];
        Gemm.Multiply(a, k, 1, b, n, ours, n, m, k, n);
        OpenBlas.Multiply(a, k, b, n, blas, n, m, k, n);
        // Two summation orders of K Gaussian products: the difference is a few ulps of √K, far below 1e-13·√K.
        Tolerances.AssertAllClose(blas, ours, 0, 1e-14 * Math.Sqrt(k), "OpenBLAS vs Gemm");
    }

    [Test]
    public void Dgemm_IsBitIdenticalForOneTwoAndFourThreads()
    {
        Assume.That(OpenBlas.IsAvailable, "libopenblas.so.0 is not installed");
        var rng = new Rng(41);
        int m = 1000, k = 65, n = 512;
        var a = new double[m * k];
        var b = new double[k * n];
        rng.FillGaussian(a);
        rng.FillGaussian(b);
        double[] Run(int threads)
        {
            using var _ = Parallelism.Limit(threads);
            var c = new double[m * n];
            OpenBlas.Multiply(a, k, b, n, c, n, m, k, n);
            return c;
        }
        var one = Run(1);
        Assert.That(Run(2), Is.EqualTo(one));
        Assert.That(Run(4), Is.EqualTo(one));
    }
}
