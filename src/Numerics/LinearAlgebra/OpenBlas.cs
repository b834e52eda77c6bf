using System.Runtime.InteropServices;

namespace Flatness.Numerics.LinearAlgebra;

/// <summary>A thin binding to the system's OpenBLAS (Debian's <c>libopenblas0-pthread</c>: <c>libopenblas.so.0</c>),
/// used as the reference dgemm of the benchmarks and by a test that it agrees with <see cref="Gemm"/>; optional.</summary>
/// <remarks>
/// <para>C = A·B through <c>cblas_dgemm</c> (row-major, α = 1, β = 0). Determinism: the binding sets OpenBLAS to one
/// thread (<c>openblas_set_num_threads(1)</c>) and <see cref="Multiply"/> splits the rows of C into the same fixed
/// chunks as <see cref="Gemm.Multiply(ReadOnlySpan{double}, int, int, ReadOnlySpan{double}, int, double[], int, int, int, int)"/>, one single-threaded call per
/// chunk, so the result does not depend on
/// <see cref="Parallelism.MaxDegreeOfParallelism"/>. OpenBLAS does not promise <see cref="Gemm"/>'s FMA chain, so
/// the two backends agree to rounding, not bit for bit; the numerics core therefore runs on <see cref="Gemm"/> on every
/// machine, and this binding is what its speed is measured against.</para>
/// <para>When the library is absent (<see cref="IsAvailable"/> false) nothing here is called; every computation of the
/// suite works without it.</para>
/// </remarks>
internal static partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111;

    private static readonly Lazy<bool> s_available = new(Probe);

    /// <summary>Whether <c>libopenblas.so.0</c> could be loaded and exports <c>cblas_dgemm</c>.</summary>
    public static bool IsAvailable => s_available.Value;

    /// <summary>OpenBLAS's name for the kernel it chose on this CPU (e.g. <c>Haswell</c>), or null when absent.</summary>
    public static string? CoreName => IsAvailable ? Marshal.PtrToStringUTF8(openblas_get_corename()) : null;

    /// <summary>C(M×N) = A(M×K)·B(K×N), row-major with leading dimensions, parallel over the fixed row chunks of
    /// <see cref="Gemm.RowsPerChunk"/> with one single-threaded dgemm per chunk.</summary>
    /// <exception cref="InvalidOperationException">The library is not available.</exception>
    public static void Multiply(double[] a, int lda, double[] b, int ldb, double[] c, int ldc, int m, int k, int n)
    {
        if (!IsAvailable) throw new InvalidOperationException($"{Library} is not installed (apt-get install libopenblas0-pthread)");
        if (m == 0 || n == 0) return;
        if (a.Length < (m - 1) * lda + k || b.Length < (k == 0 ? 0 : (k - 1) * ldb + n) || c.Length < (m - 1) * ldc + n)
            throw new ArgumentException("matrix buffers are smaller than the given shapes");
        unsafe
        {
            fixed (double* pa = a)
            fixed (double* pb = b)
            fixed (double* pc = c)
            {
                nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
                Parallelism.For(Parallelism.ChunkCount(m, Gemm.RowsPerChunk), chunk =>
                {
                    int r0 = chunk * Gemm.RowsPerChunk, rows = Math.Min(m, r0 + Gemm.RowsPerChunk) - r0;
                    MultiplyRows((double*)ia + (nint)r0 * lda, lda, (double*)ib, ldb, (double*)ic + (nint)r0 * ldc, ldc, rows, k, n);
                });
            }
        }
    }

    /// <summary>C = A·B in one dgemm call with OpenBLAS's own <paramref name="threads"/> threads (what a caller of the
    /// library gets; used by the benchmarks as the machine's dgemm rate), then back to one thread.</summary>
    public static void MultiplyOneCall(double[] a, int lda, double[] b, int ldb, double[] c, int ldc, int m, int k, int n, int threads)
    {
        if (!IsAvailable) throw new InvalidOperationException($"{Library} is not installed (apt-get install libopenblas0-pthread)");
        if (a.Length < (m - 1) * lda + k || b.Length < (k - 1) * ldb + n || c.Length < (m - 1) * ldc + n)
            throw new ArgumentException("matrix buffers are smaller than the given shapes");
        openblas_set_num_threads(threads);
        try
        {
            unsafe
            {
                fixed (double* pa = a)
                fixed (double* pb = b)
                fixed (double* pc = c)
                    MultiplyRows(pa, lda, pb, ldb, pc, ldc, m, k, n);
            }
        }
        finally
        {
            openblas_set_num_threads(1);
        }
    }

    /// <summary>One single-threaded dgemm on the calling thread: C(M×N) = A(M×K)·B(K×N).</summary>
    public static unsafe void MultiplyRows(double* a, int lda, double* b, int ldb, double* c, int ldc, int m, int k, int n) =>
        cblas_dgemm(RowMajor, NoTrans, NoTrans, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc);

    private static bool Probe()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(OpenBlas).Assembly, null, out var handle)) return false;
        if (!NativeLibrary.TryGetExport(handle, "cblas_dgemm", out _) || !NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out _))
            return false;
        openblas_set_num_threads(1);
        return true;
    }

    [LibraryImport(Library)]
    private static unsafe partial void cblas_dgemm(int order, int transA, int transB, int m, int n, int k, double alpha, double* a, int lda,
        double* b, int ldb, double beta, double* c, int ldc);

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int threads);

    [LibraryImport(Library)]
    private static partial nint openblas_get_corename();
}
