using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Flatness.Numerics.LinearAlgebra;

namespace Flatness.Numerics.Networks;

/// <summary>SIMD row operations of the ReLU specialisations (σ(z) = z·𝟙[z &gt; 0], σ'(z) = 𝟙[z &gt; 0]): the same bits as
/// <see cref="Relu.Evaluate"/> followed by the general code, in one pass over a row of pre-activations.</summary>
/// <remarks>Every operation is elementwise, so vector width does not change a bit (tests pin each against the general
/// path). σ is selected, not computed as max(z, 0), so z ≤ 0, −0 and NaN give +0 exactly as <see cref="Relu.Value"/>
/// does.</remarks>
internal static class ReluRows
{
    /// <summary>σ(zⱼ) into <paramref name="value"/> and (unless empty) σ'(zⱼ) into <paramref name="first"/>, with
    /// <see cref="Relu.Evaluate"/>'s bits; returns the number of zⱼ &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Evaluate(ReadOnlySpan<double> z, Span<double> value, Span<double> first)
    {
        int n = z.Length, k = 0, active = 0;
        bool wantFirst = !first.IsEmpty;
        ref double rz = ref MemoryMarshal.GetReference(z);
        ref double rv = ref MemoryMarshal.GetReference(value);
        ref double r1 = ref MemoryMarshal.GetReference(first);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k + 8 <= n; k += 8)
            {
                var zv = Vector512.LoadUnsafe(ref rz, (nuint)k);
                var mask = Vector512.GreaterThan(zv, Vector512<double>.Zero);
                (zv & mask).StoreUnsafe(ref rv, (nuint)k);
                if (wantFirst) (Vector512<double>.One & mask).StoreUnsafe(ref r1, (nuint)k);
                active += BitOperations.PopCount(mask.ExtractMostSignificantBits());
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; k + 4 <= n; k += 4)
            {
                var zv = Vector256.LoadUnsafe(ref rz, (nuint)k);
                var mask = Vector256.GreaterThan(zv, Vector256<double>.Zero);
                (zv & mask).StoreUnsafe(ref rv, (nuint)k);
                if (wantFirst) (Vector256<double>.One & mask).StoreUnsafe(ref r1, (nuint)k);
                active += BitOperations.PopCount(mask.ExtractMostSignificantBits());
            }
        }
        for (; k < n; k++)
        {
            bool on = z[k] > 0;
            value[k] = on ? z[k] : 0.0;
            if (wantFirst) first[k] = on ? 1.0 : 0.0;
            if (on) active++;
        }
        return active;
    }

    /// <summary>The number of zⱼ &gt; 0 (NaN and ±0 not counted): the activation count of any σ, without a data-dependent
    /// branch per entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CountPositive(ReadOnlySpan<double> z)
    {
        int n = z.Length, k = 0, count = 0;
        ref double rz = ref MemoryMarshal.GetReference(z);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k + 8 <= n; k += 8)
                count += BitOperations.PopCount(Vector512.GreaterThan(Vector512.LoadUnsafe(ref rz, (nuint)k), Vector512<double>.Zero)
                    .ExtractMostSignificantBits());
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; k + 4 <= n; k += 4)
                count += BitOperations.PopCount(Vector256.GreaterThan(Vector256.LoadUnsafe(ref rz, (nuint)k), Vector256<double>.Zero)
                    .ExtractMostSignificantBits());
        }
        for (; k < n; k++) count += z[k] > 0 ? 1 : 0;
        return count;
    }

    /// <summary>The gradient's row terms: pⱼ ← pⱼ + σ(zⱼ)·r and cⱼ = (σ'(zⱼ)·aⱼ)·r, rounded as the general path rounds
    /// them (each product and sum separately, in that association).</summary>
    /// <param name="z">The row of pre-activations.</param>
    /// <param name="a">Output weights.</param>
    /// <param name="r">The sample's residual.</param>
    /// <param name="p">Accumulates σ(zⱼ)·r.</param>
    /// <param name="c">Receives cⱼ at c[(j / segment)·stride + j mod segment] (the packed layout of <see cref="PackedB"/>;
    /// segment = stride = m for a plain row).</param>
    /// <param name="segment">Columns per tile; a multiple of 8.</param>
    /// <param name="stride">Distance between consecutive tiles in <paramref name="c"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> a, double r, Span<double> p, Span<double> c, int segment, int stride)
    {
        int n = z.Length;
        ref double rz = ref MemoryMarshal.GetReference(z);
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rp = ref MemoryMarshal.GetReference(p);
        for (int j0 = 0, t = 0; j0 < n; j0 += segment, t++)
        {
            int end = Math.Min(n, j0 + segment), k = j0;
            ref double rc = ref Unsafe.Subtract(ref MemoryMarshal.GetReference(c.Slice(t * stride)), j0);
            if (Vector512.IsHardwareAccelerated)
            {
                var rv = Vector512.Create(r);
                for (; k + 8 <= end; k += 8)
                {
                    var zv = Vector512.LoadUnsafe(ref rz, (nuint)k);
                    var mask = Vector512.GreaterThan(zv, Vector512<double>.Zero);
                    (Vector512.LoadUnsafe(ref rp, (nuint)k) + (zv & mask) * rv).StoreUnsafe(ref rp, (nuint)k);
                    ((Vector512<double>.One & mask) * Vector512.LoadUnsafe(ref ra, (nuint)k) * rv).StoreUnsafe(ref rc, (nuint)k);
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var rv = Vector256.Create(r);
                for (; k + 4 <= end; k += 4)
                {
                    var zv = Vector256.LoadUnsafe(ref rz, (nuint)k);
                    var mask = Vector256.GreaterThan(zv, Vector256<double>.Zero);
                    (Vector256.LoadUnsafe(ref rp, (nuint)k) + (zv & mask) * rv).StoreUnsafe(ref rp, (nuint)k);
                    ((Vector256<double>.One & mask) * Vector256.LoadUnsafe(ref ra, (nuint)k) * rv).StoreUnsafe(ref rc, (nuint)k);
                }
            }
            for (; k < end; k++)
            {
                bool on = z[k] > 0;
                p[k] += (on ? z[k] : 0.0) * r;
                Unsafe.Add(ref rc, k) = (on ? 1.0 : 0.0) * a[k] * r;
            }
        }
    }
}
