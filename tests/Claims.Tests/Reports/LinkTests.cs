using System.Text.RegularExpressions;

namespace Flatness.Claims.Tests.Reports;

/// <summary>Every relative link in the README, the committed reports and docs/ resolves to a file in a clone.</summary>
public partial class LinkTests
{
    private static IEnumerable<string> Documents()
    {
        string root = QuickRun.RepositoryRoot();
        yield return Path.Combine(root, "README.md");
        foreach (var dir in new[] { "reports", "docs" })
        {
            string d = Path.Combine(root, dir);
            if (!Directory.Exists(d)) continue;
            foreach (var f in Directory.EnumerateFiles(d, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)) yield return f;
        }
    }

    [Test]
    public void EveryRelativeLink_Resolves()
    {
        var broken = new List<string>();
        foreach (var doc in Documents())
        {
            string text = File.ReadAllText(doc);
            // Code blocks hold commands and SMT-LIB, not links.
            text = Fence().Replace(text, "");
            foreach (Match m in Link().Matches(text))
            {
                string target = m.Groups[1].Value.Trim();
                if (target.Length == 0 || target.StartsWith('#') || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                string path = target.Split('#')[0];
                string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc)!, Uri.UnescapeDataString(path)));
                if (!File.Exists(full) && !Directory.Exists(full)) broken.Add($"{Path.GetRelativePath(QuickRun.RepositoryRoot(), doc)}: {target}");
            }
        }
        Assert.That(broken, Is.Empty);
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"```.*?```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
