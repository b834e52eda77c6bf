using System.CommandLine;
using Flatness.Cli.Commands;
using Flatness.Inputs;

namespace Flatness.Cli;

/// <summary>The <c>flatness</c> command: measure networks, prove the symbolic obligations, check the claims.</summary>
public static class Program
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code when a claim is refuted, an obligation fails, or a requested quantity does not exist.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for bad input (files, options, ids).</summary>
    public const int BadInput = 2;

    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command line with explicit output streams (tests call this in-process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = new RootCommand("Flatness.Verify: exact curvature of 2-layer homogeneous networks, Z3 proofs and checked claims "
            + "of two papers on flatness and generalization.");
        var io = new CommandIO(stdout, stderr);
        root.Add(MeasureCommand.Create(io));
        root.Add(RescaleCommand.Create(io));
        root.Add(ProveCommand.Create(io));
        root.Add(CheckCommand.Create(io));
        root.Add(ListCommand.Create(io));
        root.Add(MergeCommand.Create(io));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            string message = string.Join("; ", parse.Errors.Select(e => Plain(string.Join(" ",
                e.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim())))).Distinct());
            stderr.WriteLine($"error: {message} (see 'flatness --help')");
            return BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InputException ex)
        {
            stderr.WriteLine($"error: {OneLine(ex.Message)}");
            return BadInput;
        }
    }

    /// <summary>The .NET type names in System.CommandLine's parse errors, in words.</summary>
    private static readonly (string Type, string Words)[] TypeWords =
    [
        ("System.UInt64", "a whole number ≥ 0"),
        ("System.UInt32", "a whole number ≥ 0"),
        ("System.Int32", "a whole number (at most 2147483647)"),
        ("System.Int64", "a whole number"),
        ("System.Double", "a number"),
        ("System.Boolean", "true or false"),
    ];

    /// <summary>Rewrites "Cannot parse argument 'x' for option '--o' as expected type 'System.UInt64'." as
    /// "--o: 'x' is not a whole number ≥ 0".</summary>
    internal static string Plain(string message)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message,
            @"^Cannot parse argument '(?<value>.*)' for (?:option|command|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.?$");
        if (!m.Success) return message;
        string type = m.Groups["type"].Value;
        string words = TypeWords.FirstOrDefault(t => t.Type == type).Words ?? "a valid value";
        return $"{m.Groups["option"].Value}: '{m.Groups["value"].Value}' is not {words}";
    }

    private static string OneLine(string message) =>
        string.Join(" ", message.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));
}

/// <summary>The output streams a command writes to.</summary>
/// <param name="Out">Standard output (results only).</param>
/// <param name="Error">Standard error (diagnostics and progress).</param>
public sealed record CommandIO(TextWriter Out, TextWriter Error)
{
    /// <summary>Whether <see cref="Out"/> is an interactive terminal.</summary>
    public bool Interactive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;
}
