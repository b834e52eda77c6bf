namespace Flatness.Numerics.LinearAlgebra;

/// <summary>Dense matrix product C = A·B (double), register-blocked for SIMD and split over fixed row chunks.</summary>
/// <remarks>
/// <para>A is addressed through two strides, A(r, k) = a[r·rowStride + k·colStride], so both A and Aᵀ of a row-major
/// array can be passed without copying; B and C are row-major with leading dimensions.</para>
/// <para>Every entry of C is accumulated as one fused-multiply-add chain in the order k = 0, 1, …, K−1, starting from
/// +0 (or from the value already in C): cᵣₛ = fma(A(r, K−1), B(K−1, s), … fma(A(r, 0), B(0, s), 0)). The
/// AVX-512 kernel (<see cref="GemmKernels.Kernel8x16"/>), the AVX2 kernel (<see cref="GemmKernels.Kernel4x12"/>) and
/// the scalar one (<see cref="GemmKernels.Scalar4x4"/>) all follow that chain, and tiles at the edges are packed into
/// zero-padded buffers rather than handled by other arithmetic, so the result is the same bits on every machine, for
/// every blocking and every thread count (tests pin all three kernels against the scalar chain).</para>
/// <para>Why a managed kernel rather than the system BLAS: on the 2-core AMD EPYC (Zen 5, AVX-512) this suite is
/// measured on, Debian's OpenBLAS 0.3.21 does not recognise the CPU and runs its Haswell (AVX2) kernel; the 8×16
/// AVX-512 kernel here is faster on the forward pass's shape (see the README's performance section and
/// <see cref="OpenBlas"/>, which the benchmarks use as the reference dgemm), and it keeps the FMA chain above, which
/// a library does not promise.</para>
/// </remarks>
internal static class Gemm
{
    /// <summary>Depth of a K panel.</summary>
    internal const int KC = 256;
    internal const int RowsPerChunk = 32;

    /// <summary>The micro-kernel this machine runs: 8×16 on AVX-512, 4×12 on AVX2 + FMA, scalar otherwise.</summary>
    internal static GemmKernel Kernel { get; } = GemmKernels.Best;

    /// <summary>C(M×N) = A(M×K)·B(K×N), parallel over fixed chunks of <see cref="RowsPerChunk"/> rows of C.</summary>
    public static void Multiply(ReadOnlySpan<double> a, int aRowStride, int aColStride, ReadOnlySpan<double> b, int ldb,
        double[] c, int ldc, int m, int k, int n) => Multiply(Kernel, a, aRowStride, aColStride, b, ldb, c, ldc, m, k, n);

    /// <summary><see cref="Multiply(ReadOnlySpan{double}, int, int, ReadOnlySpan{double}, int, double[], int, int, int, int)"/>
    /// with a chosen kernel.</summary>
    internal static void Multiply(GemmKernel kernel, ReadOnlySpan<double> a, int aRowStride, int aColStride, ReadOnlySpan<double> b, int ldb,
        double[] c, int ldc, int m, int k, int n)
    {
        if (m == 0 || n == 0) return;
        if (a.Length < RequiredA(m, k, aRowStride, aColStride) || b.Length < (k == 0 ? 0 : (k - 1) * ldb + n) || c.Length < (m - 1) * ldc + n)
            throw new ArgumentException("matrix buffers are smaller than the given shapes");
        var packed = new PackedB();
        // Spans cannot be captured by the parallel body: pin once and pass addresses.
        unsafe
        {
            fixed (double* pa = a)
            fixed (double* pb = b)
            fixed (double* pc = c)
            {
                packed.Pack(pb, ldb, k, n, kernel);
                nint ia = (nint)pa, ic = (nint)pc;
                Parallelism.For(Parallelism.ChunkCount(m, RowsPerChunk), chunk =>
                {
                    int r0 = chunk * RowsPerChunk;
                    int r1 = Math.Min(m, r0 + RowsPerChunk);
                    MultiplyRows(packed, (double*)ia, aRowStride, aColStride, (double*)ic, ldc, r0, r1);
                });
            }
        }
    }

    /// <summary>Rows [r0, r1) of C = A·B (or, with <paramref name="accumulate"/>, C += A·B) on the calling thread.</summary>
    /// <remarks>With accumulate, each entry continues its FMA chain from the value already in C, so splitting K into
    /// consecutive slices accumulated in order gives the same bits as one product over the whole K. B is packed into this
    /// thread's buffer on every call; callers that reuse one B across calls pack it once with <see cref="PackedB"/>.</remarks>
    public static unsafe void MultiplyRows(double* a, int aRowStride, int aColStride, double* b, int ldb, double* c, int ldc,
        int r0, int r1, int k, int n, bool accumulate = false) =>
        MultiplyRows(Kernel, a, aRowStride, aColStride, b, ldb, c, ldc, r0, r1, k, n, accumulate);

    /// <summary><see cref="MultiplyRows(double*, int, int, double*, int, double*, int, int, int, int, int, bool)"/> with a
    /// chosen kernel (tests run every kernel the machine supports and compare bits).</summary>
    internal static unsafe void MultiplyRows(GemmKernel kernel, double* a, int aRowStride, int aColStride, double* b, int ldb,
        double* c, int ldc, int r0, int r1, int k, int n, bool accumulate = false)
    {
        var packed = t_packedB ??= new PackedB();
        packed.Pack(b, ldb, k, n, kernel);
        MultiplyRows(packed, a, aRowStride, aColStride, c, ldc, r0, r1, accumulate);
    }

    /// <summary>Rows [r0, r1) of C = A·B (or C += A·B) with B packed beforehand; A(r, k) = a[r·rowStride + k·colStride].</summary>
    internal static unsafe void MultiplyRows(PackedB b, double* a, int aRowStride, int aColStride, double* c, int ldc,
        int r0, int r1, bool accumulate = false)
    {
        int k = b.K, n = b.N;
        if (r1 <= r0 || n == 0) return;
        if (k == 0 && accumulate) return;
        if (k == 0)
        {
            for (int r = r0; r < r1; r++) new Span<double>(c + (nint)r * ldc, n).Clear();
            return;
        }
        fixed (double* pb = b.Data)
        {
            switch (b.Kernel)
            {
                case GemmKernel.Avx512:
                    Blocked<GemmKernels.Kernel8x16>(a, aRowStride, aColStride, pb, b.PaddedColumns, c, ldc, r0, r1, k, n, accumulate);
                    break;
                case GemmKernel.Avx2:
                    Blocked<GemmKernels.Kernel4x12>(a, aRowStride, aColStride, pb, b.PaddedColumns, c, ldc, r0, r1, k, n, accumulate);
                    break;
                default:
                    Blocked<GemmKernels.Scalar4x4>(a, aRowStride, aColStride, pb, b.PaddedColumns, c, ldc, r0, r1, k, n, accumulate);
                    break;
            }
        }
    }

    [ThreadStatic] private static double[]? t_packA, t_tile;
    [ThreadStatic] private static PackedB? t_packedB;

    /// <summary>The blocked loop: K in panels of <see cref="KC"/>, rows in tiles of MR (packed; a row edge of at most MR/2
    /// rows runs the half-height kernel; the last row is repeated to fill a tile), columns in the packed tiles of NR
    /// (zero-padded); a tile that does not fill its rows × NR runs into a scratch tile whose valid part is copied back.</summary>
    private static unsafe void Blocked<TK>(double* a, nint ars, nint acs, double* bp, int paddedColumns, double* c, nint ldc,
        int r0, int r1, int k, int n, bool accumulate) where TK : struct, IMicroKernel
    {
        int mrMax = TK.MR, nrMax = TK.NR;
        var packA = t_packA ??= new double[KC * 16];
        var tile = t_tile ??= new double[16 * 16];
        fixed (double* pA = packA)
        fixed (double* pT = tile)
        {
            for (int k0 = 0; k0 < k; k0 += KC)
            {
                int kc = Math.Min(KC, k - k0);
                bool first = k0 == 0 && !accumulate;
                double* panel = bp + (nint)k0 * paddedColumns;
                for (int r = r0; r < r1; r += mrMax)
                {
                    int mr = Math.Min(mrMax, r1 - r);
                    bool half = mr <= mrMax / 2;
                    int rows = half ? mrMax / 2 : mrMax;
                    for (int i = 0; i < rows; i++)
                    {
                        double* src = a + (r + Math.Min(i, mr - 1)) * ars + k0 * acs;
                        for (int p = 0; p < kc; p++) pA[p * rows + i] = src[p * acs];
                    }
                    for (int col = 0, t = 0; col < n; col += nrMax, t++)
                    {
                        int nr = Math.Min(nrMax, n - col);
                        double* bTile = panel + (nint)t * kc * nrMax;
                        double* cTile = c + r * ldc + col;
                        bool full = mr == rows && nr == nrMax;
                        double* target = full ? cTile : pT;
                        nint ldt = full ? ldc : nrMax;
                        if (!full && !first)
                            for (int i = 0; i < rows; i++)
                                for (int j = 0; j < nrMax; j++)
                                    pT[i * nrMax + j] = i < mr && j < nr ? cTile[i * ldc + j] : 0.0;
                        if (half) TK.RunHalf(pA, bTile, target, ldt, kc, first);
                        else TK.Run(pA, bTile, target, ldt, kc, first);
                        if (!full)
                            for (int i = 0; i < mr; i++)
                                for (int j = 0; j < nr; j++)
                                    cTile[i * ldc + j] = pT[i * nrMax + j];
                    }
                }
            }
        }
    }

    private static int RequiredA(int m, int k, int rowStride, int colStride) =>
        m == 0 || k == 0 ? 0 : (m - 1) * rowStride + (k - 1) * colStride + 1;
}

/// <summary>B (K×N) repacked for a kernel: K in panels of <see cref="Gemm.KC"/> rows, each panel's columns in tiles of
/// the kernel's NR (the last zero-padded), each tile kc×NR contiguous. Pack once, multiply many row blocks.</summary>
internal sealed class PackedB
{
    private double[] _data = [];

    /// <summary>The kernel the layout is for.</summary>
    public GemmKernel Kernel { get; private set; } = Gemm.Kernel;

    /// <summary>K.</summary>
    public int K { get; private set; }

    /// <summary>N.</summary>
    public int N { get; private set; }

    /// <summary>N rounded up to a multiple of the kernel's NR.</summary>
    public int PaddedColumns { get; private set; }

    /// <summary>The packed values (at least K × <see cref="PaddedColumns"/>).</summary>
    public double[] Data => _data;

    /// <summary>Columns per packed tile (the kernel's NR).</summary>
    public int TileColumns => GemmKernels.Columns(Kernel);

    /// <summary>Sizes the buffer for a K×N matrix with K ≤ <see cref="Gemm.KC"/> that the caller writes in place: entry
    /// (p, j) goes to Data[(j / NR)·K·NR + p·NR + j mod NR]; the padding columns of the last tile are set to zero here.</summary>
    public void PrepareFill(int k, int n)
    {
        if (k > Gemm.KC) throw new ArgumentException($"a filled panel has at most {Gemm.KC} rows");
        int nr = GemmKernels.Columns(Gemm.Kernel);
        Kernel = Gemm.Kernel;
        K = k;
        N = n;
        PaddedColumns = (n + nr - 1) / nr * nr;
        long size = (long)k * PaddedColumns;
        if (_data.Length < size) _data = new double[size];
        int last = n / nr, width = n - last * nr;
        if (width > 0)
            for (int p = 0; p < k; p++) _data.AsSpan(last * k * nr + p * nr + width, nr - width).Clear();
    }

    /// <summary>Packs B(p, j) = b[p·ldb + j] for the machine's kernel.</summary>
    public unsafe void Pack(double* b, nint ldb, int k, int n) => Pack(b, ldb, k, n, Gemm.Kernel);

    /// <summary>Packs B for <paramref name="kernel"/>, reusing the buffer when it is large enough.</summary>
    public unsafe void Pack(double* b, nint ldb, int k, int n, GemmKernel kernel)
    {
        int nr = GemmKernels.Columns(kernel);
        Kernel = kernel;
        K = k;
        N = n;
        PaddedColumns = (n + nr - 1) / nr * nr;
        long size = (long)k * PaddedColumns;
        if (_data.Length < size) _data = new double[size];
        fixed (double* pd = _data)
        {
            for (int k0 = 0; k0 < k; k0 += Gemm.KC)
            {
                int kc = Math.Min(Gemm.KC, k - k0);
                double* panel = pd + (nint)k0 * PaddedColumns;
                for (int col = 0, t = 0; col < n; col += nr, t++)
                {
                    int w = Math.Min(nr, n - col);
                    double* tile = panel + (nint)t * kc * nr;
                    for (int p = 0; p < kc; p++)
                    {
                        double* src = b + (k0 + p) * ldb + col;
                        double* dst = tile + p * nr;
                        if (w == nr) Buffer.MemoryCopy(src, dst, 8 * nr, 8 * nr);
                        else
                            for (int j = 0; j < nr; j++) dst[j] = j < w ? src[j] : 0.0;
                    }
                }
            }
        }
    }
}
