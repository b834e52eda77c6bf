namespace Flatness.Numerics.Randomness;

/// <summary>A seeded pseudo-random generator (xoshiro256**, seeded by SplitMix64) whose stream is fixed by its seed.</summary>
/// <remarks>Used instead of <see cref="System.Random"/> so that every sequence is specified by this file alone: seeds
/// recorded in reports reproduce the same numbers on any runtime. Gaussian variates use the polar Box–Muller method.
/// Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021.</remarks>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Derives a seed from a base seed and a label (stable across runs and platforms; FNV-1a over UTF-16).</summary>
    public static ulong DeriveSeed(ulong seed, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        ulong h = 14695981039346656037UL ^ seed;
        foreach (char ch in label)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        ulong x = h;
        return SplitMix(ref x);
    }

    /// <summary>A uniformly random 64-bit integer.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform on [lo, hi).</summary>
    public double NextUniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)(NextDouble() * n);
    }

    /// <summary>±1 with probability 1/2 each (a Rademacher variate).</summary>
    public double NextRademacher() => (NextUInt64() >> 63) == 0 ? 1.0 : -1.0;

    /// <summary>A standard normal variate.</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is double spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        return u * factor;
    }

    /// <summary>Fills <paramref name="target"/> with standard normal variates.</summary>
    public void FillGaussian(Span<double> target)
    {
        for (int i = 0; i < target.Length; i++) target[i] = NextGaussian();
    }

    /// <summary>Fills <paramref name="target"/> with Rademacher variates.</summary>
    public void FillRademacher(Span<double> target)
    {
        for (int i = 0; i < target.Length; i++) target[i] = NextRademacher();
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
