namespace Flatness.Claims.Tests.Style;

/// <summary>Every line of every C# file under src/ is at most <see cref="MaxLineLength"/> characters long: the max_line_length
/// that .editorconfig sets for *.cs, which no analyzer of the build enforces.</summary>
public class LineLengthTests
{
    private const int MaxLineLength = 160;

    [Test]
    public void EverySourceLine_IsAtMostMaxLineLength()
    {
        string root = QuickRun.RepositoryRoot();
        var offending = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(root, file);
            // Build outputs hold generated code, not ours to wrap.
            if (relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "obj" or "bin")) continue;
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                // string.Length counts UTF-16 code units, not bytes: a math symbol such as ∇ or ‖ counts once, one outside the
                // Basic Multilingual Plane (𝟙) twice, so this is at least as strict as counting characters.
                if (lines[i].Length > MaxLineLength) offending.Add($"{relative}:{i + 1} ({lines[i].Length} characters)");
            }
        }
        Assert.That(offending, Is.Empty,
            $"{offending.Count} line(s) longer than {MaxLineLength} characters (.editorconfig max_line_length):\n" + string.Join("\n", offending));
    }
}
