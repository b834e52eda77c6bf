namespace Flatness.Numerics.IO;

/// <summary>Reads an input file, turning I/O failures into <see cref="InputException"/>s that name the file.</summary>
internal static class InputFiles
{
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
        DirectoryNotFoundException => "the folder does not exist",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        _ => ex.Message.Contains('/') || ex.Message.Contains('\\') ? "input/output error" : ex.Message,
    };

    public static InputException ReadFailure(string path, Exception ex) =>
        Directory.Exists(path) ? new InputException(path, "is a folder, not a file") : new InputException(path, Reason(ex), ex);
}
