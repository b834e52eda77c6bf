using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Flatness.Numerics.Statistics;

public static partial class StandardNormal
{
    /// <summary>Whether <see cref="CdfAndDensity(ReadOnlySpan{double}, Span{double}, Span{double})"/> has a vector kernel
    /// on this machine (AVX-512F, or AVX2 with FMA); otherwise it is the scalar loop.</summary>
    internal static bool IsVectorised => Avx512F.IsSupported || (Avx2.IsSupported && Fma.IsSupported);

    /// <summary>Φ(zᵢ) and φ(zᵢ) for every element, bit-identical to <see cref="CdfAndDensity(double)"/> element by element
    /// (hence to <see cref="Cdf"/> and <see cref="Density"/>), several times faster on long spans.</summary>
    /// <remarks>
    /// <para>Same formulas and the same IEEE operations in the same order as the scalar code, lane by lane:
    /// φ(x) = (1/√(2π))·(e^{−h/2}·(1 − ℓ/2)) with h = fl(x·x), ℓ = fma(x, x, −h), x = |z|, and 0 for x ≥ 39;
    /// Q(x) = φ(x)·M(x); Φ(z) = Q for z ≤ 0, else 1 − Q. Only correctly rounded operations (add, sub, mul, div, fma,
    /// abs, compare, select) are vectorised, so each lane's bits are those of the scalar code; e^{−h/2} stays one scalar
    /// <see cref="Math.Exp"/> per element (a vector exponential would round differently).</para>
    /// <para>M(x) is evaluated for all lanes by one Clenshaw loop over the five Chebyshev series padded with leading zero
    /// coefficients to the longest (22 terms): while b₁ = b₂ = +0, fma(2t, +0, 0 − (+0)) = +0, and at a series' first real
    /// coefficient c, fma(2t, +0, c − (+0)) = c exactly (t is finite), so the padded recurrence reproduces the scalar one.
    /// Each lane picks its series' coefficients by a permutation (AVX-512) or by selects (AVX2), and its argument by the
    /// scalar formula: t = fl(s·x − o) with (s, o) = (2, 1), (2, 3), (1, 3), (½, 3) on [0, 1], (1, 2], (2, 4], (4, 8], where
    /// s·x is exact (the scalar 2x − 1, 2x − 3, x − 3, 0.5x − 3), and t = 128/(x·x) − 1 with the result divided by x on
    /// (8, ∞]. Blocks holding a NaN, and the last elements that fill no whole block, take the scalar code.</para>
    /// </remarks>
    /// <param name="z">The arguments.</param>
    /// <param name="cdf">Receives Φ(zᵢ); same length as <paramref name="z"/>.</param>
    /// <param name="density">Receives φ(zᵢ); same length as <paramref name="z"/>.</param>
    /// <exception cref="ArgumentException">A length differs, or two of the spans overlap.</exception>
    internal static void CdfAndDensity(ReadOnlySpan<double> z, Span<double> cdf, Span<double> density)
    {
        if (cdf.Length != z.Length || density.Length != z.Length)
            throw new ArgumentException($"cdf ({cdf.Length}) and density ({density.Length}) must have the length of z ({z.Length})");
        if (z.Overlaps(cdf) || z.Overlaps(density) || ((ReadOnlySpan<double>)cdf).Overlaps(density))
            throw new ArgumentException("z, cdf and density must not overlap");
        int done = Avx512F.IsSupported ? Vectorised512(z, cdf, density)
                 : Avx2.IsSupported && Fma.IsSupported ? Vectorised256(z, cdf, density)
                 : 0;
        for (int i = done; i < z.Length; i++) (cdf[i], density[i]) = CdfAndDensity(z[i]);
    }

    /// <summary>The five series' coefficients and arguments as rows for the vector kernels (see the remarks of
    /// <see cref="CdfAndDensity(ReadOnlySpan{double}, Span{double}, Span{double})"/>).</summary>
    private static class Rows
    {
        /// <summary>Length of the longest series (M on [4, 8]); the others are padded with leading zeros to it.</summary>
        internal const int Terms = 22;

        /// <summary>Row j (8 doubles) holds cⱼ of the series on [0, 1], (1, 2], (2, 4], (4, 8], (8, ∞] in slots 0–4
        /// (0 beyond a series' length) and zeros in slots 5–7.</summary>
        internal static readonly double[] Coefficients = Build();

        /// <summary>The scale s of t = s·x − o for slots 0–3 (slot 4, the tail, is replaced by 128/(x·x) − 1).</summary>
        internal static readonly double[] Scale = [2, 2, 1, 0.5, 0, 0, 0, 0];

        /// <summary>The offset o of t = s·x − o for slots 0–3.</summary>
        internal static readonly double[] Offset = [1, 3, 3, 3, 0, 0, 0, 0];

        private static double[] Build()
        {
            double[][] series = [s_interval0To1, s_interval1To2, s_interval2To4, s_interval4To8, s_tail];
            var rows = new double[Terms * 8];
            for (int s = 0; s < series.Length; s++)
            {
                if (series[s].Length > Terms) throw new InvalidOperationException("a Mills-ratio series is longer than the padding");
                for (int j = 0; j < series[s].Length; j++) rows[8 * j + s] = series[s][j];
            }
            return rows;
        }
    }

    /// <summary>e^{−h/2} with h = fl(|z|·|z|) for the first <paramref name="count"/> elements, exactly as
    /// <see cref="Density"/> forms it (scalar calls; results for |z| ≥ 39 or NaN are discarded by the kernels).</summary>
    private static void Exponentials(ReadOnlySpan<double> z, Span<double> e, int count)
    {
        for (int i = 0; i < count; i++)
        {
            double ax = Math.Abs(z[i]);
            e[i] = Math.Exp(-0.5 * (ax * ax));
        }
    }

    /// <summary>The AVX-512 kernel on whole blocks of 16 (two interleaved vectors; each lane's series chosen by a
    /// permutation of a coefficient row); returns how many elements it did (none without AVX-512F).</summary>
    internal static int Vectorised512(ReadOnlySpan<double> z, Span<double> cdf, Span<double> density)
    {
        if (!Avx512F.IsSupported) return 0;
        int n = z.Length - z.Length % 16;
        Exponentials(z, density, n);
        ref double zr = ref MemoryMarshal.GetReference(z);
        ref double cr = ref MemoryMarshal.GetReference(cdf);
        ref double dr = ref MemoryMarshal.GetReference(density);
        ref double rows = ref MemoryMarshal.GetArrayDataReference(Rows.Coefficients);
        var scale = Vector512.Create(Rows.Scale);
        var offset = Vector512.Create(Rows.Offset);
        var one = Vector512.Create(1.0);
        var two = Vector512.Create(2.0);
        var four = Vector512.Create(4.0);
        var eight = Vector512.Create(8.0);
        for (int i = 0; i < n; i += 16)
        {
            var z0 = Vector512.LoadUnsafe(ref zr, (nuint)i);
            var z1 = Vector512.LoadUnsafe(ref zr, (nuint)(i + 8));
            if (Vector512.EqualsAny(Vector512.Equals(z0, z0) & Vector512.Equals(z1, z1), Vector512<double>.Zero))
            {
                for (int k = i; k < i + 16; k++) (cdf[k], density[k]) = CdfAndDensity(z[k]);
                continue;
            }
            var x0 = Vector512.Abs(z0);
            var x1 = Vector512.Abs(z1);
            // Slot of each lane's series: the number of interval ends 1, 2, 4, 8 that x exceeds (x ≤ 1 → 0, …, x > 8 → 4).
            var g0 = Vector512.GreaterThan(x0, eight);
            var g1 = Vector512.GreaterThan(x1, eight);
            var k0 = -(Vector512.GreaterThan(x0, one).AsInt64() + Vector512.GreaterThan(x0, two).AsInt64()
                       + Vector512.GreaterThan(x0, four).AsInt64() + g0.AsInt64());
            var k1 = -(Vector512.GreaterThan(x1, one).AsInt64() + Vector512.GreaterThan(x1, two).AsInt64()
                       + Vector512.GreaterThan(x1, four).AsInt64() + g1.AsInt64());
            bool tail = (g0 | g1) != Vector512<double>.Zero;
            var t0 = Avx512F.PermuteVar8x64(scale, k0) * x0 - Avx512F.PermuteVar8x64(offset, k0);
            var t1 = Avx512F.PermuteVar8x64(scale, k1) * x1 - Avx512F.PermuteVar8x64(offset, k1);
            if (tail)
            {
                t0 = Vector512.ConditionalSelect(g0, Vector512.Create(128.0) / (x0 * x0) - one, t0);
                t1 = Vector512.ConditionalSelect(g1, Vector512.Create(128.0) / (x1 * x1) - one, t1);
            }
            // Clenshaw's recurrence (as in Clenshaw(double[], double)), both vectors in step to hide the FMA latency.
            Vector512<double> u0 = two * t0, u1 = two * t1;
            Vector512<double> a1 = Vector512<double>.Zero, a2 = a1, b1 = a1, b2 = a1;
            for (int j = Rows.Terms - 1; j >= 1; j--)
            {
                var row = Vector512.LoadUnsafe(ref rows, (nuint)(8 * j));
                var a0 = Vector512.FusedMultiplyAdd(u0, a1, Avx512F.PermuteVar8x64(row, k0) - a2);
                var b0 = Vector512.FusedMultiplyAdd(u1, b1, Avx512F.PermuteVar8x64(row, k1) - b2);
                a2 = a1;
                a1 = a0;
                b2 = b1;
                b1 = b0;
            }
            var first = Vector512.LoadUnsafe(ref rows);
            var m0 = Vector512.FusedMultiplyAdd(t0, a1, Avx512F.PermuteVar8x64(first, k0) - a2);
            var m1 = Vector512.FusedMultiplyAdd(t1, b1, Avx512F.PermuteVar8x64(first, k1) - b2);
            if (tail)
            {
                m0 = Vector512.ConditionalSelect(g0, m0 / x0, m0);
                m1 = Vector512.ConditionalSelect(g1, m1 / x1, m1);
            }
            var phi0 = Density512(x0, Vector512.LoadUnsafe(ref dr, (nuint)i));
            var phi1 = Density512(x1, Vector512.LoadUnsafe(ref dr, (nuint)(i + 8)));
            var q0 = phi0 * m0;
            var q1 = phi1 * m1;
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(z0, Vector512<double>.Zero), q0, one - q0).StoreUnsafe(ref cr, (nuint)i);
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(z1, Vector512<double>.Zero), q1, one - q1).StoreUnsafe(ref cr, (nuint)(i + 8));
            phi0.StoreUnsafe(ref dr, (nuint)i);
            phi1.StoreUnsafe(ref dr, (nuint)(i + 8));
        }
        return n;
    }

    /// <summary><see cref="Density"/> lane by lane from x = |z| and e = e^{−fl(x·x)/2}: 1/√(2π)·(e·(1 − ℓ/2)),
    /// ℓ = fma(x, x, −fl(x·x)), and 0 where x ≥ 39 (x is not NaN here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Density512(Vector512<double> x, Vector512<double> e)
    {
        var h = x * x;
        var l = Vector512.FusedMultiplyAdd(x, x, -h);
        var phi = Vector512.Create(InverseSqrtTwoPi) * (e * (Vector512.Create(1.0) - Vector512.Create(0.5) * l));
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(DensityCutoff)), phi, Vector512<double>.Zero);
    }

    /// <summary>The AVX2 kernel on whole blocks of 8 (two interleaved vectors; each lane's series chosen by selects);
    /// returns how many elements it did.</summary>
    internal static int Vectorised256(ReadOnlySpan<double> z, Span<double> cdf, Span<double> density)
    {
        if (!Avx2.IsSupported || !Fma.IsSupported) return 0;
        int n = z.Length - z.Length % 8;
        Exponentials(z, density, n);
        ref double zr = ref MemoryMarshal.GetReference(z);
        ref double cr = ref MemoryMarshal.GetReference(cdf);
        ref double dr = ref MemoryMarshal.GetReference(density);
        ref double rows = ref MemoryMarshal.GetArrayDataReference(Rows.Coefficients);
        ref double scale = ref MemoryMarshal.GetArrayDataReference(Rows.Scale);
        ref double offset = ref MemoryMarshal.GetArrayDataReference(Rows.Offset);
        var one = Vector256.Create(1.0);
        for (int i = 0; i < n; i += 8)
        {
            var z0 = Vector256.LoadUnsafe(ref zr, (nuint)i);
            var z1 = Vector256.LoadUnsafe(ref zr, (nuint)(i + 4));
            if (Vector256.EqualsAny(Vector256.Equals(z0, z0) & Vector256.Equals(z1, z1), Vector256<double>.Zero))
            {
                for (int k = i; k < i + 8; k++) (cdf[k], density[k]) = CdfAndDensity(z[k]);
                continue;
            }
            var x0 = Vector256.Abs(z0);
            var x1 = Vector256.Abs(z1);
            var (p0, q0, r0, g0) = Masks(x0);
            var (p1, q1, r1, g1) = Masks(x1);
            bool tail = (g0 | g1) != Vector256<double>.Zero;
            var t0 = Pick(ref scale, p0, q0, r0) * x0 - Pick(ref offset, p0, q0, r0);
            var t1 = Pick(ref scale, p1, q1, r1) * x1 - Pick(ref offset, p1, q1, r1);
            if (tail)
            {
                t0 = Vector256.ConditionalSelect(g0, Vector256.Create(128.0) / (x0 * x0) - one, t0);
                t1 = Vector256.ConditionalSelect(g1, Vector256.Create(128.0) / (x1 * x1) - one, t1);
            }
            Vector256<double> u0 = Vector256.Create(2.0) * t0, u1 = Vector256.Create(2.0) * t1;
            Vector256<double> a1 = Vector256<double>.Zero, a2 = a1, b1 = a1, b2 = a1;
            for (int j = Rows.Terms - 1; j >= 1; j--)
            {
                ref double row = ref Unsafe.Add(ref rows, 8 * j);
                var c0 = Pick(ref row, p0, q0, r0);
                var c1 = Pick(ref row, p1, q1, r1);
                if (tail)
                {
                    c0 = Vector256.ConditionalSelect(g0, Vector256.Create(Unsafe.Add(ref row, 4)), c0);
                    c1 = Vector256.ConditionalSelect(g1, Vector256.Create(Unsafe.Add(ref row, 4)), c1);
                }
                var a0 = Vector256.FusedMultiplyAdd(u0, a1, c0 - a2);
                var b0 = Vector256.FusedMultiplyAdd(u1, b1, c1 - b2);
                a2 = a1;
                a1 = a0;
                b2 = b1;
                b1 = b0;
            }
            var f0 = Pick(ref rows, p0, q0, r0);
            var f1 = Pick(ref rows, p1, q1, r1);
            if (tail)
            {
                f0 = Vector256.ConditionalSelect(g0, Vector256.Create(Unsafe.Add(ref rows, 4)), f0);
                f1 = Vector256.ConditionalSelect(g1, Vector256.Create(Unsafe.Add(ref rows, 4)), f1);
            }
            var m0 = Vector256.FusedMultiplyAdd(t0, a1, f0 - a2);
            var m1 = Vector256.FusedMultiplyAdd(t1, b1, f1 - b2);
            if (tail)
            {
                m0 = Vector256.ConditionalSelect(g0, m0 / x0, m0);
                m1 = Vector256.ConditionalSelect(g1, m1 / x1, m1);
            }
            var phi0 = Density256(x0, Vector256.LoadUnsafe(ref dr, (nuint)i));
            var phi1 = Density256(x1, Vector256.LoadUnsafe(ref dr, (nuint)(i + 4)));
            var y0 = phi0 * m0;
            var y1 = phi1 * m1;
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(z0, Vector256<double>.Zero), y0, one - y0).StoreUnsafe(ref cr, (nuint)i);
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(z1, Vector256<double>.Zero), y1, one - y1).StoreUnsafe(ref cr, (nuint)(i + 4));
            phi0.StoreUnsafe(ref dr, (nuint)i);
            phi1.StoreUnsafe(ref dr, (nuint)(i + 4));
        }
        return n;
    }

    /// <summary>The lanes with x &gt; 1, x &gt; 2, x &gt; 4 and x &gt; 8 (the interval ends of the Mills-ratio series).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double>, Vector256<double>, Vector256<double>, Vector256<double>) Masks(Vector256<double> x) =>
        (Vector256.GreaterThan(x, Vector256.Create(1.0)), Vector256.GreaterThan(x, Vector256.Create(2.0)),
         Vector256.GreaterThan(x, Vector256.Create(4.0)), Vector256.GreaterThan(x, Vector256.Create(8.0)));

    /// <summary>Slot 0, 1, 2 or 3 of a row (8 doubles) for each lane, by its masks x &gt; 1, x &gt; 2, x &gt; 4 (slot 4, the
    /// tail, is selected by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Pick(ref double row, Vector256<double> above1, Vector256<double> above2, Vector256<double> above4)
    {
        var c = Vector256.ConditionalSelect(above1, Vector256.Create(Unsafe.Add(ref row, 1)), Vector256.Create(row));
        c = Vector256.ConditionalSelect(above2, Vector256.Create(Unsafe.Add(ref row, 2)), c);
        return Vector256.ConditionalSelect(above4, Vector256.Create(Unsafe.Add(ref row, 3)), c);
    }

    /// <summary><see cref="Density512"/> for AVX2 vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Density256(Vector256<double> x, Vector256<double> e)
    {
        var h = x * x;
        var l = Vector256.FusedMultiplyAdd(x, x, -h);
        var phi = Vector256.Create(InverseSqrtTwoPi) * (e * (Vector256.Create(1.0) - Vector256.Create(0.5) * l));
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(DensityCutoff)), phi, Vector256<double>.Zero);
    }
}
