using System.Text.RegularExpressions;

namespace Flatness.Numerics.Tests.Networks;

/// <summary>Flatness.Numerics.Networks sits below Curvature: the network and its forward pass (ForwardPass) call nothing
/// in Flatness.Numerics.Curvature, so the two namespaces form no cycle (issue #15). Checked on the sources: code lines
/// (not doc comments) of src/Numerics/Networks must neither import nor name the Curvature namespace.</summary>
public class LayeringTests
{
    [Test]
    public void Networks_DoesNotReferenceCurvature()
    {
        string dir = Path.Combine(Root(), "src", "Numerics", "Networks");
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = lines[i].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal)) continue;
                if (Regex.IsMatch(code, @"\bCurvature\b")) offenders.Add($"{Path.GetFileName(file)}:{i + 1}: {code}");
            }
        }
        Assert.That(offenders, Is.Empty, "Networks must not call into Curvature (move the code down, or the caller up)");
    }

    [Test]
    public void TheCheck_FindsAReference()
    {
        Assert.That(Regex.IsMatch("return Curvature.ForwardPass.Predict(this, inputs);", @"\bCurvature\b"), Is.True);
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Flatness.Verify.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Flatness.Verify.sln not found above the test directory");
    }
}
