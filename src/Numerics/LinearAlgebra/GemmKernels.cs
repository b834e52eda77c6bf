using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Flatness.Numerics.LinearAlgebra;

/// <summary>Which micro-kernel <see cref="Gemm"/> runs.</summary>
internal enum GemmKernel
{
    /// <summary>Portable: <see cref="Math.FusedMultiplyAdd"/> on 4×4 tiles.</summary>
    Scalar,
    /// <summary>4×12 tiles of Vector256 FMAs (AVX2 + FMA).</summary>
    Avx2,
    /// <summary>8×16 tiles of Vector512 FMAs (AVX-512F).</summary>
    Avx512,
}

/// <summary>A register tile of C = A·B over one K panel: MR rows × NR columns, each entry one FMA chain in k order.</summary>
internal interface IMicroKernel
{
    /// <summary>Rows of the tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the tile.</summary>
    static abstract int NR { get; }

    /// <summary>C(MR×NR) = (first ? 0 : C) + Σₚ A(·, p)B(p, ·), p = 0..kc−1 in order, one FMA per term; A packed as
    /// a[p·MR + i], B packed as b[p·NR + j], C row-major with leading dimension ldc.</summary>
    static abstract unsafe void Run(double* a, double* b, double* c, nint ldc, int kc, bool first);

    /// <summary>The same for MR/2 rows (A packed as a[p·MR/2 + i]): the tile of a row edge of at most MR/2 rows.</summary>
    static abstract unsafe void RunHalf(double* a, double* b, double* c, nint ldc, int kc, bool first);
}

/// <summary>The micro-kernels of <see cref="Gemm"/>. All three compute every entry as the same FMA chain, so they agree
/// bit for bit (pinned by tests).</summary>
internal static class GemmKernels
{
    /// <summary>Whether the AVX-512 kernel can run (and the runtime accelerates Vector512).</summary>
    public static bool Avx512Available => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>Whether the AVX2 kernel can run.</summary>
    public static bool Avx2Available => Fma.IsSupported && Avx.IsSupported && Vector256.IsHardwareAccelerated;

    /// <summary>The fastest kernel this machine supports.</summary>
    public static GemmKernel Best => Avx512Available ? GemmKernel.Avx512 : Avx2Available ? GemmKernel.Avx2 : GemmKernel.Scalar;

    /// <summary>NR, the columns of <paramref name="kernel"/>'s tile.</summary>
    public static int Columns(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Avx512 => Kernel8x16.NR,
        GemmKernel.Avx2 => Kernel4x12.NR,
        _ => Scalar4x4.NR,
    };

    /// <summary>Every kernel this machine supports, slowest first.</summary>
    public static IEnumerable<GemmKernel> Supported()
    {
        yield return GemmKernel.Scalar;
        if (Avx2Available) yield return GemmKernel.Avx2;
        if (Avx512Available) yield return GemmKernel.Avx512;
    }

    /// <summary>8×16: sixteen Vector512 accumulators (of 32 registers), two loads of B and eight broadcasts of A per k.</summary>
    internal readonly struct Kernel8x16 : IMicroKernel
    {
        public static int MR => 8;
        public static int NR => 16;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void Run(double* a, double* b, double* c, nint ldc, int kc, bool first)
        {
            Vector512<double> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
            if (first)
            {
                c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector512<double>.Zero;
                c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector512<double>.Zero;
            }
            else
            {
                c00 = Vector512.Load(c); c01 = Vector512.Load(c + 8);
                c10 = Vector512.Load(c + ldc); c11 = Vector512.Load(c + ldc + 8);
                c20 = Vector512.Load(c + 2 * ldc); c21 = Vector512.Load(c + 2 * ldc + 8);
                c30 = Vector512.Load(c + 3 * ldc); c31 = Vector512.Load(c + 3 * ldc + 8);
                c40 = Vector512.Load(c + 4 * ldc); c41 = Vector512.Load(c + 4 * ldc + 8);
                c50 = Vector512.Load(c + 5 * ldc); c51 = Vector512.Load(c + 5 * ldc + 8);
                c60 = Vector512.Load(c + 6 * ldc); c61 = Vector512.Load(c + 6 * ldc + 8);
                c70 = Vector512.Load(c + 7 * ldc); c71 = Vector512.Load(c + 7 * ldc + 8);
            }
            for (int p = 0; p < kc; p++)
            {
                var b0 = Vector512.Load(b);
                var b1 = Vector512.Load(b + 8);
                var x = Vector512.Create(a[0]);
                c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
                x = Vector512.Create(a[1]);
                c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
                x = Vector512.Create(a[2]);
                c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
                x = Vector512.Create(a[3]);
                c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
                x = Vector512.Create(a[4]);
                c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
                x = Vector512.Create(a[5]);
                c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
                x = Vector512.Create(a[6]);
                c60 = Avx512F.FusedMultiplyAdd(x, b0, c60); c61 = Avx512F.FusedMultiplyAdd(x, b1, c61);
                x = Vector512.Create(a[7]);
                c70 = Avx512F.FusedMultiplyAdd(x, b0, c70); c71 = Avx512F.FusedMultiplyAdd(x, b1, c71);
                a += 8;
                b += 16;
            }
            c00.Store(c); c01.Store(c + 8);
            c10.Store(c + ldc); c11.Store(c + ldc + 8);
            c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 8);
            c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 8);
            c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 8);
            c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 8);
            c60.Store(c + 6 * ldc); c61.Store(c + 6 * ldc + 8);
            c70.Store(c + 7 * ldc); c71.Store(c + 7 * ldc + 8);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void RunHalf(double* a, double* b, double* c, nint ldc, int kc, bool first)
        {
            Vector512<double> c00, c01, c10, c11, c20, c21, c30, c31;
            if (first)
            {
                c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector512<double>.Zero;
            }
            else
            {
                c00 = Vector512.Load(c); c01 = Vector512.Load(c + 8);
                c10 = Vector512.Load(c + ldc); c11 = Vector512.Load(c + ldc + 8);
                c20 = Vector512.Load(c + 2 * ldc); c21 = Vector512.Load(c + 2 * ldc + 8);
                c30 = Vector512.Load(c + 3 * ldc); c31 = Vector512.Load(c + 3 * ldc + 8);
            }
            for (int p = 0; p < kc; p++)
            {
                var b0 = Vector512.Load(b);
                var b1 = Vector512.Load(b + 8);
                var x = Vector512.Create(a[0]);
                c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
                x = Vector512.Create(a[1]);
                c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
                x = Vector512.Create(a[2]);
                c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
                x = Vector512.Create(a[3]);
                c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
                a += 4;
                b += 16;
            }
            c00.Store(c); c01.Store(c + 8);
            c10.Store(c + ldc); c11.Store(c + ldc + 8);
            c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 8);
            c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 8);
        }
    }

    /// <summary>4×12: twelve Vector256 accumulators (of sixteen registers), three loads of B and four broadcasts per k.</summary>
    internal readonly struct Kernel4x12 : IMicroKernel
    {
        public static int MR => 4;
        public static int NR => 12;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void Run(double* a, double* b, double* c, nint ldc, int kc, bool first)
        {
            Vector256<double> c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
            if (first)
            {
                c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = Vector256<double>.Zero;
            }
            else
            {
                c00 = Vector256.Load(c); c01 = Vector256.Load(c + 4); c02 = Vector256.Load(c + 8);
                c10 = Vector256.Load(c + ldc); c11 = Vector256.Load(c + ldc + 4); c12 = Vector256.Load(c + ldc + 8);
                c20 = Vector256.Load(c + 2 * ldc); c21 = Vector256.Load(c + 2 * ldc + 4); c22 = Vector256.Load(c + 2 * ldc + 8);
                c30 = Vector256.Load(c + 3 * ldc); c31 = Vector256.Load(c + 3 * ldc + 4); c32 = Vector256.Load(c + 3 * ldc + 8);
            }
            for (int p = 0; p < kc; p++)
            {
                var b0 = Vector256.Load(b);
                var b1 = Vector256.Load(b + 4);
                var b2 = Vector256.Load(b + 8);
                var x = Vector256.Create(a[0]);
                c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01); c02 = Fma.MultiplyAdd(x, b2, c02);
                x = Vector256.Create(a[1]);
                c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11); c12 = Fma.MultiplyAdd(x, b2, c12);
                x = Vector256.Create(a[2]);
                c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21); c22 = Fma.MultiplyAdd(x, b2, c22);
                x = Vector256.Create(a[3]);
                c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31); c32 = Fma.MultiplyAdd(x, b2, c32);
                a += 4;
                b += 12;
            }
            c00.Store(c); c01.Store(c + 4); c02.Store(c + 8);
            c10.Store(c + ldc); c11.Store(c + ldc + 4); c12.Store(c + ldc + 8);
            c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 4); c22.Store(c + 2 * ldc + 8);
            c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 4); c32.Store(c + 3 * ldc + 8);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void RunHalf(double* a, double* b, double* c, nint ldc, int kc, bool first)
        {
            Vector256<double> c00, c01, c02, c10, c11, c12;
            if (first)
            {
                c00 = c01 = c02 = c10 = c11 = c12 = Vector256<double>.Zero;
            }
            else
            {
                c00 = Vector256.Load(c); c01 = Vector256.Load(c + 4); c02 = Vector256.Load(c + 8);
                c10 = Vector256.Load(c + ldc); c11 = Vector256.Load(c + ldc + 4); c12 = Vector256.Load(c + ldc + 8);
            }
            for (int p = 0; p < kc; p++)
            {
                var b0 = Vector256.Load(b);
                var b1 = Vector256.Load(b + 4);
                var b2 = Vector256.Load(b + 8);
                var x = Vector256.Create(a[0]);
                c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01); c02 = Fma.MultiplyAdd(x, b2, c02);
                x = Vector256.Create(a[1]);
                c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11); c12 = Fma.MultiplyAdd(x, b2, c12);
                a += 2;
                b += 12;
            }
            c00.Store(c); c01.Store(c + 4); c02.Store(c + 8);
            c10.Store(c + ldc); c11.Store(c + ldc + 4); c12.Store(c + ldc + 8);
        }
    }

    /// <summary>4×4 with <see cref="Math.FusedMultiplyAdd"/>: the reference chain, and the path of machines without FMA.</summary>
    internal readonly struct Scalar4x4 : IMicroKernel
    {
        public static int MR => 4;
        public static int NR => 4;

        public static unsafe void Run(double* a, double* b, double* c, nint ldc, int kc, bool first) => Rows(4, a, b, c, ldc, kc, first);

        public static unsafe void RunHalf(double* a, double* b, double* c, nint ldc, int kc, bool first) => Rows(2, a, b, c, ldc, kc, first);

        private static unsafe void Rows(int rows, double* a, double* b, double* c, nint ldc, int kc, bool first)
        {
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    double acc = first ? 0.0 : c[i * ldc + j];
                    for (int p = 0; p < kc; p++) acc = Math.FusedMultiplyAdd(a[p * rows + i], b[p * 4 + j], acc);
                    c[i * ldc + j] = acc;
                }
            }
        }
    }
}
