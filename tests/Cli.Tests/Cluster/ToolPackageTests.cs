using System.IO.Compression;

namespace Flatness.Cli.Tests.Cluster;

/// <summary>The .NET tool package (PackAsTool): <c>dotnet pack</c>, then <c>dotnet tool install --tool-path … --add-source …</c>
/// gives a working <c>flatness</c> command, natives included.</summary>
/// <remarks>Packs the configuration the solution was built in with <c>--no-build</c> (as <see cref="Published"/> does, for
/// time), from the package folder alone (a NuGet.config that clears every other source) and into a fresh NuGet cache, so
/// that neither the network nor a cached package of the same version can stand in for the one just packed.</remarks>
public class ToolPackageTests
{
    [Test]
    public void PackInstallRun_TheInstalledFlatnessChecksA01_WithTheZ3ShimAndSkiaNativesInThePackage()
    {
        string root = Published.NewFolder("tool"), nupkg = Path.Combine(root, "nupkg"), tools = Path.Combine(root, "tools"), work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        string repo = Published.RepositoryRoot;
        var pack = Published.Run("dotnet", ["pack", Path.Combine(repo, "src", "Cli"), "--no-build", "-c", Published.Configuration, "-o", nupkg,
            "-nologo", "--disable-build-servers"], repo, TimeSpan.FromMinutes(3));
        Assert.That(pack.Code, Is.EqualTo(0), pack.Out + pack.Err);
        string package = Directory.GetFiles(nupkg, "flatness.*.nupkg").Single();
        using (var zip = ZipFile.OpenRead(package))
        {
            var names = zip.Entries.Select(e => Path.GetFileName(e.FullName)).ToList();
            Assert.That(names, Is.SupersetOf(new[] { "DotnetToolSettings.xml", "flatness.dll", "libz3.so", "libSkiaSharp.so", "libHarfBuzzSharp.so" }));
        }

        string config = Path.Combine(root, "NuGet.config");
        File.WriteAllText(config, $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /><add key=\"local\" value=\"{nupkg}\" /></packageSources></configuration>\n");
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "nuget-cache") };
        var install = Published.Run("dotnet", ["tool", "install", "flatness", "--tool-path", tools, "--add-source", nupkg, "--configfile", config],
            root, TimeSpan.FromMinutes(3), env);
        Assert.That(install.Code, Is.EqualTo(0), install.Out + install.Err);
        Assert.That(install.Out, Does.Contain("'flatness'"));

        var run = Published.Run(Path.Combine(tools, "flatness"), ["check", "A-01", "A-24", "--out", "reports"], work, TimeSpan.FromMinutes(3));
        Assert.That(run.Code, Is.EqualTo(0), run.Err);
        Assert.That(run.Out, Does.Contain("A-01 confirmed").And.Contain("A-24 confirmed"));
        Assert.That(File.Exists(Path.Combine(work, "reports", "results.json")), Is.True);
    }
}
