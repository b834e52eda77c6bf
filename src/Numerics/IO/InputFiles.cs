namespace Flatness.Numerics.IO;

/// <summary>Reads an input file's text, turning I/O failures into <see cref="InputException"/>s that name the file.</summary>
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
            throw new InputException(path, ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : ex.Message);
        }
    }
}
