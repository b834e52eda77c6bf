using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Flatness.Numerics.LinearAlgebra;

/// <summary>Dense matrix product C = A·B (double), register-blocked for SIMD and split over fixed row chunks.</summary>
/// <remarks>
/// A is addressed through two strides, A(r, k) = a[r·rowStride + k·colStride], so both A and Aᵀ of a row-major array
/// can be passed without copying; B and C are row-major with leading dimensions. Every entry of C is accumulated as
/// one fused-multiply-add chain in the order k = 0, 1, …, K−1, by the SIMD kernel and the scalar edge alike, so the
/// result does not depend on the blocking or on the thread count.
/// </remarks>
internal static class Gemm
{
    private const int MR = 4;          // rows of the register tile
    private const int NR = 8;          // columns of the register tile (two Vector256<double>)
    private const int KC = 256;        // depth of a cache panel of B
    internal const int RowsPerChunk = 32;

    /// <summary>C(M×N) = A(M×K)·B(K×N), parallel over fixed chunks of <see cref="RowsPerChunk"/> rows of C.</summary>
    public static void Multiply(ReadOnlySpan<double> a, int aRowStride, int aColStride, ReadOnlySpan<double> b, int ldb,
        double[] c, int ldc, int m, int k, int n)
    {
        if (m == 0 || n == 0) return;
        if (a.Length < RequiredA(m, k, aRowStride, aColStride) || b.Length < (k == 0 ? 0 : (k - 1) * ldb + n) || c.Length < (m - 1) * ldc + n)
            throw new ArgumentException("matrix buffers are smaller than the given shapes");
        // Spans cannot be captured by the parallel body: pin once and pass addresses.
        unsafe
        {
            fixed (double* pa = a)
            fixed (double* pb = b)
            fixed (double* pc = c)
            {
                nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
                Parallelism.For(Parallelism.ChunkCount(m, RowsPerChunk), chunk =>
                {
                    int r0 = chunk * RowsPerChunk;
                    int r1 = Math.Min(m, r0 + RowsPerChunk);
                    MultiplyRows((double*)ia, aRowStride, aColStride, (double*)ib, ldb, (double*)ic, ldc, r0, r1, k, n);
                });
            }
        }
    }

    /// <summary>Rows [r0, r1) of C = A·B (or, with <paramref name="accumulate"/>, C += A·B) on the calling thread.</summary>
    /// <remarks>With accumulate, each entry continues its FMA chain from the value already in C, so splitting K into
    /// consecutive slices accumulated in order gives the same bits as one product over the whole K.</remarks>
    public static unsafe void MultiplyRows(double* a, int aRowStride, int aColStride, double* b, int ldb, double* c, int ldc,
        int r0, int r1, int k, int n, bool accumulate = false)
    {
        if (k == 0 && accumulate) return;
        if (k == 0)
        {
            for (int r = r0; r < r1; r++) new Span<double>(c + (nint)r * ldc, n).Clear();
            return;
        }
        bool simd = Fma.IsSupported && Vector256.IsHardwareAccelerated;
        for (int k0 = 0; k0 < k; k0 += KC)
        {
            int kc = Math.Min(KC, k - k0);
            bool first = k0 == 0 && !accumulate;
            for (int r = r0; r < r1; r += MR)
            {
                int mr = Math.Min(MR, r1 - r);
                double* aTile = a + (nint)r * aRowStride + (nint)k0 * aColStride;
                for (int col = 0; col < n; col += NR)
                {
                    int nr = Math.Min(NR, n - col);
                    double* bTile = b + (nint)k0 * ldb + col;
                    double* cTile = c + (nint)r * ldc + col;
                    if (simd && mr == MR && nr == NR)
                        Kernel4x8(aTile, aRowStride, aColStride, bTile, ldb, cTile, ldc, kc, first);
                    else
                        Edge(aTile, aRowStride, aColStride, bTile, ldb, cTile, ldc, mr, nr, kc, first);
                }
            }
        }
    }

    private static int RequiredA(int m, int k, int rowStride, int colStride) =>
        m == 0 || k == 0 ? 0 : (m - 1) * rowStride + (k - 1) * colStride + 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel4x8(double* a, int ars, int acs, double* b, int ldb, double* c, int ldc, int kc, bool first)
    {
        Vector256<double> c00, c01, c10, c11, c20, c21, c30, c31;
        if (first)
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector256<double>.Zero;
        }
        else
        {
            c00 = Avx.LoadVector256(c); c01 = Avx.LoadVector256(c + 4);
            c10 = Avx.LoadVector256(c + ldc); c11 = Avx.LoadVector256(c + ldc + 4);
            c20 = Avx.LoadVector256(c + 2 * ldc); c21 = Avx.LoadVector256(c + 2 * ldc + 4);
            c30 = Avx.LoadVector256(c + 3 * ldc); c31 = Avx.LoadVector256(c + 3 * ldc + 4);
        }
        double* a0 = a, a1 = a + ars, a2 = a + 2 * ars, a3 = a + 3 * ars;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 4);
            nint off = (nint)p * acs;
            var x = Vector256.Create(a0[off]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[off]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[off]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[off]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
            b += ldb;
        }
        Avx.Store(c, c00); Avx.Store(c + 4, c01);
        Avx.Store(c + ldc, c10); Avx.Store(c + ldc + 4, c11);
        Avx.Store(c + 2 * ldc, c20); Avx.Store(c + 2 * ldc + 4, c21);
        Avx.Store(c + 3 * ldc, c30); Avx.Store(c + 3 * ldc + 4, c31);
    }

    private static unsafe void Edge(double* a, int ars, int acs, double* b, int ldb, double* c, int ldc, int mr, int nr, int kc, bool first)
    {
        for (int i = 0; i < mr; i++)
        {
            for (int j = 0; j < nr; j++)
            {
                double acc = first ? 0.0 : c[(nint)i * ldc + j];
                double* ai = a + (nint)i * ars;
                for (int p = 0; p < kc; p++) acc = Math.FusedMultiplyAdd(ai[(nint)p * acs], b[(nint)p * ldb + j], acc);
                c[(nint)i * ldc + j] = acc;
            }
        }
    }
}
