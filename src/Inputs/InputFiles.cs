namespace Flatness.Inputs;

/// <summary>Reads an input file, turning I/O failures into <see cref="InputException"/>s that name the file.</summary>
public static class InputFiles
{
    /// <summary>The whole file as text.</summary>
    /// <exception cref="InputException">It cannot be read.</exception>
    public static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ReadFailure(path, ex);
        }
    }

    /// <summary>The whole file as bytes.</summary>
    /// <exception cref="InputException">It cannot be read.</exception>
    public static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ReadFailure(path, ex);
        }
    }

    /// <summary>Opens the file for reading.</summary>
    /// <exception cref="InputException">It cannot be opened.</exception>
    public static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ReadFailure(path, ex);
        }
    }

    /// <summary>The user-facing reason a file could not be read or written (no internal paths, no .NET type names).</summary>
    public static string Reason(Exception ex) => ex switch
    {
        FileNotFoundException => "file not found",
        DirectoryNotFoundException => "file not found (no such folder)",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        _ => ex.Message.Contains('/') || ex.Message.Contains('\\') ? "input/output error" : ex.Message,
    };

    /// <summary>The exception for a file that could not be read: it names the user's path and the reason.</summary>
    public static InputException ReadFailure(string path, Exception ex) =>
        Directory.Exists(path) ? new InputException(path, "is a folder, not a file") : new InputException(path, Reason(ex), ex);
}
