namespace Flatness.Inputs;

/// <summary>Bad input: a file that is missing, malformed, or inconsistent. The message names the file and the problem.</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file (as the user named it).</param>
    /// <param name="problem">What is wrong, in one line.</param>
    public InputException(string file, string problem) : base($"{file}: {problem}")
    {
        File = file;
        Problem = problem;
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public InputException(string file, string problem, Exception inner) : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>Creates an exception without a file.</summary>
    public InputException() : this("input", "invalid input") { }

    /// <summary>Creates an exception with a message only.</summary>
    public InputException(string message) : this("input", message) { }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The problem.</summary>
    public string Problem { get; }
}
