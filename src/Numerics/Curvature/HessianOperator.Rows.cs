using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Flatness.Numerics.Curvature;

/// <summary>The row operations of the Hessian-vector product, with SIMD where the arithmetic is elementwise and each
/// product and sum rounded in the association the formulas below state (tests pin them bit for bit).</summary>
public sealed partial class HessianOperator
{
    /// <summary>Samples whose directional derivatives sᵢ are summed together (independent chains, same order each).</summary>
    private const int Group = 8;

    /// <summary>tⱼ = (σⱼ·v_{aⱼ}) + ((aⱼ·σ'ⱼ)·Uⱼ): the terms of sᵢ = ∇fᵢᵀv. With <paramref name="s1"/> empty σ is ReLU
    /// and σ'ⱼ = 𝟙[σⱼ &gt; 0] (= 𝟙[zⱼ &gt; 0]), read from σ instead of a second array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DirectionalTerms(ReadOnlySpan<double> s, ReadOnlySpan<double> va, ReadOnlySpan<double> a, ReadOnlySpan<double> s1,
        ReadOnlySpan<double> u, Span<double> t)
    {
        int m = t.Length, j = 0;
        bool relu = s1.IsEmpty;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 8 <= m; j += 8)
            {
                var sj = Load8(s, j);
                var d1 = relu ? Vector512<double>.One & Vector512.GreaterThan(sj, Vector512<double>.Zero) : Load8(s1, j);
                (sj * Load8(va, j) + Load8(a, j) * d1 * Load8(u, j)).StoreUnsafe(ref MemoryMarshal.GetReference(t), (nuint)j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 4 <= m; j += 4)
            {
                var sj = Load4(s, j);
                var d1 = relu ? Vector256<double>.One & Vector256.GreaterThan(sj, Vector256<double>.Zero) : Load4(s1, j);
                (sj * Load4(va, j) + Load4(a, j) * d1 * Load4(u, j)).StoreUnsafe(ref MemoryMarshal.GetReference(t), (nuint)j);
            }
        }
        for (; j < m; j++) t[j] = s[j] * va[j] + a[j] * (relu ? (s[j] > 0 ? 1.0 : 0.0) : s1[j]) * u[j];
    }

    /// <summary>sums[q] = ((v_β + t_{q,0}) + t_{q,1}) + … for the first <paramref name="rows"/> rows of <paramref name="t"/>
    /// (row q at q·m): one sequential chain per row, eight rows interleaved to hide the latency of the additions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SequentialSums(ReadOnlySpan<double> t, int m, int rows, double start, Span<double> sums)
    {
        if (rows == Group)
        {
            double s0 = start, s1 = start, s2 = start, s3 = start, s4 = start, s5 = start, s6 = start, s7 = start;
            ref double r = ref MemoryMarshal.GetReference(t);
            for (int j = 0; j < m; j++)
            {
                s0 += Unsafe.Add(ref r, j);
                s1 += Unsafe.Add(ref r, m + j);
                s2 += Unsafe.Add(ref r, 2 * m + j);
                s3 += Unsafe.Add(ref r, 3 * m + j);
                s4 += Unsafe.Add(ref r, 4 * m + j);
                s5 += Unsafe.Add(ref r, 5 * m + j);
                s6 += Unsafe.Add(ref r, 6 * m + j);
                s7 += Unsafe.Add(ref r, 7 * m + j);
            }
            (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7]) = (s0, s1, s2, s3, s4, s5, s6, s7);
            return;
        }
        for (int q = 0; q < rows; q++)
        {
            double sum = start;
            foreach (double v in t.Slice(q * m, m)) sum += v;
            sums[q] = sum;
        }
    }

    /// <summary>One sample's share of Hv: Cⱼ = ((sᵢaⱼ)σ'ⱼ) + rᵢ((σ'ⱼv_{aⱼ}) + ((aⱼσ''ⱼ)Uⱼ)) into the packed tiles of C
    /// (c[(j / segment)·stride + j mod segment]), and pⱼ += (sᵢσⱼ) + ((rᵢσ'ⱼ)Uⱼ); the residual terms only when
    /// <paramref name="residual"/>, the σ'' term only for k ≥ 2 (for k = 1 it is +0, added as such). With
    /// <paramref name="s1"/> empty σ is ReLU and σ'ⱼ = 𝟙[σⱼ &gt; 0].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowTerms(double si, double ri, bool residual, ReadOnlySpan<double> a, ReadOnlySpan<double> va,
        ReadOnlySpan<double> s, ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, ReadOnlySpan<double> u, Span<double> p,
        Span<double> c, int segment, int stride)
    {
        int m = a.Length;
        bool second = !s2.IsEmpty, relu = s1.IsEmpty;
        for (int j0 = 0, tile = 0; j0 < m; j0 += segment, tile++)
        {
            int end = Math.Min(m, j0 + segment), j = j0;
            var ct = c.Slice(tile * stride - j0);
            if (Vector512.IsHardwareAccelerated)
            {
                var sv = Vector512.Create(si);
                var rv = Vector512.Create(ri);
                for (; j + 8 <= end; j += 8)
                {
                    var sj = Load8(s, j);
                    var d1 = relu ? Vector512<double>.One & Vector512.GreaterThan(sj, Vector512<double>.Zero) : Load8(s1, j);
                    var uj = Load8(u, j);
                    var cij = sv * Load8(a, j) * d1;
                    var aij = sv * sj;
                    if (residual)
                    {
                        var d2u = second ? Load8(a, j) * Load8(s2, j) * uj : Vector512<double>.Zero;
                        cij += rv * (d1 * Load8(va, j) + d2u);
                        aij += rv * d1 * uj;
                    }
                    cij.StoreUnsafe(ref MemoryMarshal.GetReference(ct), (nuint)j);
                    (Load8(p, j) + aij).StoreUnsafe(ref MemoryMarshal.GetReference(p), (nuint)j);
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var sv = Vector256.Create(si);
                var rv = Vector256.Create(ri);
                for (; j + 4 <= end; j += 4)
                {
                    var sj = Load4(s, j);
                    var d1 = relu ? Vector256<double>.One & Vector256.GreaterThan(sj, Vector256<double>.Zero) : Load4(s1, j);
                    var uj = Load4(u, j);
                    var cij = sv * Load4(a, j) * d1;
                    var aij = sv * sj;
                    if (residual)
                    {
                        var d2u = second ? Load4(a, j) * Load4(s2, j) * uj : Vector256<double>.Zero;
                        cij += rv * (d1 * Load4(va, j) + d2u);
                        aij += rv * d1 * uj;
                    }
                    cij.StoreUnsafe(ref MemoryMarshal.GetReference(ct), (nuint)j);
                    (Load4(p, j) + aij).StoreUnsafe(ref MemoryMarshal.GetReference(p), (nuint)j);
                }
            }
            for (; j < end; j++)
            {
                double d1 = relu ? (s[j] > 0 ? 1.0 : 0.0) : s1[j], uij = u[j];
                double cij = si * a[j] * d1;
                double aij = si * s[j];
                if (residual)
                {
                    double d2u = second ? a[j] * s2[j] * uij : 0.0;
                    cij += ri * (d1 * va[j] + d2u);
                    aij += ri * d1 * uij;
                }
                ct[j] = cij;
                p[j] += aij;
            }
        }
    }

    private static Vector512<double> Load8(ReadOnlySpan<double> x, int j) => Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(x), (nuint)j);

    private static Vector256<double> Load4(ReadOnlySpan<double> x, int j) => Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(x), (nuint)j);
}
