namespace Flatness.Numerics.LinearAlgebra;

/// <summary>How many threads the numerics core may use, and the one parallel loop it uses.</summary>
/// <remarks>
/// Every parallel computation in this library splits its work into a <b>fixed</b> number of chunks that does not
/// depend on the thread count, writes each chunk's result to its own slot, and combines slots in chunk order. Results
/// are therefore bit-identical whatever <see cref="MaxDegreeOfParallelism"/> is (a test pins this).
/// </remarks>
public static class Parallelism
{
    private static int s_maxDegree = Environment.ProcessorCount;

    /// <summary>Upper bound on threads (default: the processor count; 1 runs everything on the calling thread).</summary>
    public static int MaxDegreeOfParallelism
    {
        get => Volatile.Read(ref s_maxDegree);
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), "at least one thread");
            Volatile.Write(ref s_maxDegree, value);
        }
    }

    /// <summary>Sets <see cref="MaxDegreeOfParallelism"/> until the returned scope is disposed.</summary>
    public static IDisposable Limit(int threads)
    {
        int previous = MaxDegreeOfParallelism;
        MaxDegreeOfParallelism = threads;
        return new Restore(previous);
    }

    /// <summary>Number of chunks of <paramref name="chunkSize"/> items needed to cover <paramref name="count"/> items.</summary>
    internal static int ChunkCount(int count, int chunkSize) => (count + chunkSize - 1) / chunkSize;

    /// <summary>Runs body(0..chunks-1), in parallel when allowed. The chunking is the caller's and fixed.</summary>
    internal static void For(int chunks, Action<int> body)
    {
        int degree = MaxDegreeOfParallelism;
        if (chunks <= 0) return;
        if (chunks == 1 || degree == 1)
        {
            for (int c = 0; c < chunks; c++) body(c);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = degree }, body);
    }

    private sealed class Restore(int previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            MaxDegreeOfParallelism = previous;
        }
    }
}
