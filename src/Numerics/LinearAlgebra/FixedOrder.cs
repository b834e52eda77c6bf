using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Flatness.Numerics.LinearAlgebra;

/// <summary>Dot products and sums of squares whose summation order depends only on the length, never on where the
/// operands sit in memory.</summary>
/// <remarks>
/// <c>TensorPrimitives.Dot</c> aligns its main loop to the address of its first operand, so the same numbers at two
/// addresses (a cached n×m array and a thread's scratch rows) can round differently. Here four Vector256 accumulators
/// take elements 16q + 4l + t (l = 0..3, t = 0..3) with unaligned loads, are added as ((acc₀ + acc₁) + (acc₂ + acc₃))
/// and summed across their four lanes in index order, then the tail is added one element at a time. Results are
/// therefore bit-identical between the cached and the streaming curvature paths, and at any thread count.
/// </remarks>
public static class FixedOrder
{
    /// <summary>Σₖ aₖbₖ in the fixed order described on the class.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("the vectors must have the same length");
        int n = a.Length, k = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double rb = ref MemoryMarshal.GetReference(b);
            var s0 = Vector256<double>.Zero;
            var s1 = Vector256<double>.Zero;
            var s2 = Vector256<double>.Zero;
            var s3 = Vector256<double>.Zero;
            for (; k + 16 <= n; k += 16)
            {
                s0 += Vector256.LoadUnsafe(ref ra, (nuint)k) * Vector256.LoadUnsafe(ref rb, (nuint)k);
                s1 += Vector256.LoadUnsafe(ref ra, (nuint)(k + 4)) * Vector256.LoadUnsafe(ref rb, (nuint)(k + 4));
                s2 += Vector256.LoadUnsafe(ref ra, (nuint)(k + 8)) * Vector256.LoadUnsafe(ref rb, (nuint)(k + 8));
                s3 += Vector256.LoadUnsafe(ref ra, (nuint)(k + 12)) * Vector256.LoadUnsafe(ref rb, (nuint)(k + 12));
            }
            var s = (s0 + s1) + (s2 + s3);
            sum = ((s.GetElement(0) + s.GetElement(1)) + s.GetElement(2)) + s.GetElement(3);
        }
        for (; k < n; k++) sum += a[k] * b[k];
        return sum;
    }

    /// <summary>Σₖ aₖ², as <see cref="Dot"/>(a, a).</summary>
    public static double SumOfSquares(ReadOnlySpan<double> a) => Dot(a, a);
}
