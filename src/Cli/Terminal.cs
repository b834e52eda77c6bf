using Spectre.Console;

namespace Flatness.Cli;

/// <summary>Spectre.Console bound to a command's output: colours and live widgets on a terminal, plain text otherwise.</summary>
internal static class Terminal
{
    public static IAnsiConsole Create(CommandIO io)
    {
        bool interactive = io.Interactive;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(io.Out),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, at once (unlike
/// <see cref="Progress{T}"/>, which posts to a synchronisation context or the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
