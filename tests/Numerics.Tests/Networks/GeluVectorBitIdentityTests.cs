using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Numerics.Tests.Networks;

/// <summary>The vector kernels of <see cref="Gelu.Evaluate"/> and <see cref="StandardNormal.CdfAndDensity(ReadOnlySpan{double}, Span{double}, Span{double})"/>
/// give the bits of the per-element code (<see cref="Gelu.EvaluateScalar"/>, <see cref="StandardNormal.CdfAndDensity(double)"/>)
/// for every input: random samples at several scales, every span length 0…40, the special values and both sides of every
/// interval end of the Mills-ratio series and of the density cut-off.</summary>
public class GeluVectorBitIdentityTests
{
    /// <summary>±0, NaNs, ±∞, subnormals, huge values, and each interval end 1, 2, 4, 8, the cut-off 39 and a few more
    /// with their neighbouring doubles.</summary>
    private static double[] Specials()
    {
        var list = new List<double>
        {
            0.0, -0.0, double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0123), double.PositiveInfinity,
            double.NegativeInfinity, double.Epsilon, 2.5e-320, 1e-308, 2.2250738585072014e-308, 1e-300, 1e-200, 1e-20, 1e-8,
            double.MaxValue, 1e308, 1e200, 1e155, 1e154, 1e10, 1e5, 354, 710, 37.5, 38.6, 30.000000000000004, 0.5, 3, 6, 12, 20,
        };
        foreach (double end in new[] { 1.0, 2.0, 4.0, 8.0, 39.0, Math.Sqrt(2), 0.7518 })
            list.AddRange([end, Math.BitDecrement(end), Math.BitIncrement(end), Math.BitDecrement(Math.BitDecrement(end)),
                           Math.BitIncrement(Math.BitIncrement(end))]);
        return [.. list, .. list.Select(x => -x)];
    }

    private static double[] Random(int count, ulong seed)
    {
        var rng = new Rng(seed);
        var z = new double[count];
        for (int i = 0; i < count; i++)
            z[i] = (i % 4) switch
            {
                0 => rng.NextGaussian(),
                1 => 10 * rng.NextGaussian(),
                2 => rng.NextUniform(-50, 50),
                _ => 3 * rng.NextGaussian(),
            };
        return z;
    }

    /// <summary>Fails at the first element whose σ, σ' or σ'' bits differ from the scalar reference.</summary>
    private static void AssertGeluBits(double[] z, bool withFirst, bool withSecond, string what)
    {
        int n = z.Length;
        double[] v = new double[n], d1 = new double[n], d2 = new double[n], rv = new double[n], r1 = new double[n], r2 = new double[n];
        new Gelu().Evaluate(z, v, withFirst ? d1 : Span<double>.Empty, withSecond ? d2 : Span<double>.Empty);
        Gelu.EvaluateScalar(z, rv, withFirst ? r1 : Span<double>.Empty, withSecond ? r2 : Span<double>.Empty);
        for (int i = 0; i < n; i++)
        {
            if (BitConverter.DoubleToInt64Bits(v[i]) != BitConverter.DoubleToInt64Bits(rv[i])
                || BitConverter.DoubleToInt64Bits(d1[i]) != BitConverter.DoubleToInt64Bits(r1[i])
                || BitConverter.DoubleToInt64Bits(d2[i]) != BitConverter.DoubleToInt64Bits(r2[i]))
                Assert.Fail($"{what}: z[{i}] = {z[i]:R}: Evaluate gave ({v[i]:R}, {d1[i]:R}, {d2[i]:R}), " +
                            $"the scalar code ({rv[i]:R}, {r1[i]:R}, {r2[i]:R})");
        }
    }

    [Test]
    public void Evaluate_IsBitIdenticalToTheScalarCode_OnAMillionRandomValues()
    {
        var z = Random(1_000_000, 11);
        AssertGeluBits(z, true, true, "random");
        AssertGeluBits(z, true, false, "random, no σ''");
    }

    [Test]
    public void Evaluate_IsBitIdenticalToTheScalarCode_AtEverySpanLengthTo40_WithAndWithoutDerivatives()
    {
        var pool = Random(400, 12);
        var specials = Specials();
        for (int n = 0; n <= 40; n++)
            foreach (var (withFirst, withSecond) in new[] { (true, true), (true, false), (false, true), (false, false) })
            {
                AssertGeluBits(pool.AsSpan(n, n).ToArray(), withFirst, withSecond, $"length {n}");
                double[] some = [.. Enumerable.Range(0, n).Select(i => specials[(7 * i + n) % specials.Length])];
                AssertGeluBits(some, withFirst, withSecond, $"specials, length {n}");
            }
    }

    [Test]
    public void Evaluate_IsBitIdenticalToTheScalarMethods_AtTheSpecialValues_InEveryPosition()
    {
        // Each special value in each position of a block, among ordinary values (blocks without a NaN take the vector path).
        var specials = Specials();
        var gelu = new Gelu();
        var background = Random(64, 13);
        foreach (double s in specials)
            for (int position = 0; position < 32; position += 3)
            {
                var z = background.ToArray();
                z[position] = s;
                AssertGeluBits(z, true, true, $"{s:R} at {position}");
            }
        var all = Enumerable.Range(0, 20).SelectMany(_ => specials).ToArray();
        double[] v = new double[all.Length], d1 = new double[all.Length], d2 = new double[all.Length];
        gelu.Evaluate(all, v, d1, d2);
        // A NaN input other than double.NaN: x86 returns the first operand's NaN of z·Φ(z), and the order of the operands
        // is the JIT's choice, so the scalar methods and Evaluate (before and after vectorisation) may return different
        // NaNs there; both are NaN. Every other input, double.NaN included, gives the same bits.
        static bool IsOtherNaN(double z) => double.IsNaN(z) && BitConverter.DoubleToInt64Bits(z) != BitConverter.DoubleToInt64Bits(double.NaN);
        static long Bits(double x, double z) => IsOtherNaN(z) ? (double.IsNaN(x) ? 1 : 0) : BitConverter.DoubleToInt64Bits(x);
        for (int i = 0; i < all.Length; i++)
        {
            double zi = all[i];
            Assert.That(Bits(v[i], zi), Is.EqualTo(Bits(gelu.Value(zi), zi)), $"σ({zi:R})");
            Assert.That(Bits(d1[i], zi), Is.EqualTo(Bits(gelu.Derivative(zi), zi)), $"σ'({zi:R})");
            Assert.That(Bits(d2[i], zi), Is.EqualTo(Bits(gelu.SecondDerivative(zi), zi)), $"σ''({zi:R})");
        }
        AssertGeluBits(all, true, true, "all specials");
    }

    [Test]
    public void EachKernel_OfCdfAndDensity_IsBitIdenticalToTheScalarCode()
    {
        // Both kernels where this machine has them (the AVX2 one runs on AVX-512 machines too), on random and special values.
        var z = Random(200_000, 14).Concat(Enumerable.Range(0, 8).SelectMany(_ => Specials())).ToArray();
        var kernels = new (string Name, bool Available, Func<double[], double[], double[], int> Run)[]
        {
            ("AVX-512", System.Runtime.Intrinsics.X86.Avx512F.IsSupported, (a, c, d) => StandardNormal.Vectorised512(a, c, d)),
            ("AVX2", System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported,
             (a, c, d) => StandardNormal.Vectorised256(a, c, d)),
            ("dispatch", true, (a, c, d) => { StandardNormal.CdfAndDensity(a, c, d); return a.Length; }),
        };
        foreach (var (name, available, run) in kernels)
        {
            if (!available)
            {
                TestContext.Out.WriteLine($"{name}: not on this machine");
                continue;
            }
            double[] cdf = new double[z.Length], pdf = new double[z.Length];
            int done = run(z, cdf, pdf);
            Assert.That(done, Is.GreaterThan(z.Length - 16), name);
            for (int i = 0; i < done; i++)
            {
                var (c, p) = StandardNormal.CdfAndDensity(z[i]);
                if (BitConverter.DoubleToInt64Bits(cdf[i]) != BitConverter.DoubleToInt64Bits(c)
                    || BitConverter.DoubleToInt64Bits(pdf[i]) != BitConverter.DoubleToInt64Bits(p))
                    Assert.Fail($"{name}: z = {z[i]:R}: kernel ({cdf[i]:R}, {pdf[i]:R}), scalar ({c:R}, {p:R})");
            }
        }
    }

    [Test]
    public void CdfAndDensity_OfSpans_RejectsWrongLengthsAndOverlaps()
    {
        var z = new double[32];
        Assert.Multiple(() =>
        {
            Assert.That(() => StandardNormal.CdfAndDensity(z, new double[31], new double[32]), Throws.ArgumentException);
            Assert.That(() => StandardNormal.CdfAndDensity(z, new double[32], new double[33]), Throws.ArgumentException);
            Assert.That(() => StandardNormal.CdfAndDensity(z, z, new double[32]), Throws.ArgumentException);
            var buffer = new double[64];
            Assert.That(() => StandardNormal.CdfAndDensity(z, buffer.AsSpan(0, 32), buffer.AsSpan(16, 32)), Throws.ArgumentException);
        });
    }
}
