namespace Flatness.Claims.Running;

/// <summary>Progress inside a long check (a training run of paper B's experiments), for the command line's progress
/// bar. The sink is ambient (an <see cref="AsyncLocal{T}"/>), so checks report without a parameter and a run without a
/// listener pays one null test per report. Reports never influence a result.</summary>
public static class ClaimProgress
{
    private static readonly AsyncLocal<Action<string, double>?> s_sink = new();

    /// <summary>Sends <paramref name="label"/> and the fraction done (0 … 1) to the current listener, if any.</summary>
    public static void Report(string label, double fraction) => s_sink.Value?.Invoke(label, Math.Clamp(fraction, 0, 1));

    /// <summary>Routes reports made on this logical call path to <paramref name="sink"/> until the result is disposed.</summary>
    public static IDisposable Listen(Action<string, double> sink)
    {
        var previous = s_sink.Value;
        s_sink.Value = sink;
        return new Restore(previous);
    }

    private sealed class Restore(Action<string, double>? previous) : IDisposable
    {
        public void Dispose() => s_sink.Value = previous;
    }
}
