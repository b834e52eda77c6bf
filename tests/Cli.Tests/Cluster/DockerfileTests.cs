using System.Text.RegularExpressions;

namespace Flatness.Cli.Tests.Cluster;

/// <summary>What can be checked of the Dockerfile without a Docker daemon: its runtime stage installs what the published
/// output needs and nothing it does not name, the published output runs from a clean folder, and the Kubernetes Jobs use
/// the image it builds.</summary>
public class DockerfileTests
{
    /// <summary>The packages of the runtime stage's base image, mcr.microsoft.com/dotnet/runtime:10.0-noble (its
    /// runtime-deps layer installs these; dotnet/dotnet-docker, src/runtime-deps/10.0/noble).</summary>
    private static readonly string[] BaseImagePackages = ["ca-certificates", "libc6", "libgcc-s1", "libicu74", "libssl3t64", "libstdc++6", "tzdata", "tzdata-legacy"];

    private static string Dockerfile => File.ReadAllText(Path.Combine(Published.RepositoryRoot, "Dockerfile"));

    /// <summary>The stage named <paramref name="name"/>: from its FROM line to the next.</summary>
    private static string Stage(string name)
    {
        var m = Regex.Match(Dockerfile, $@"^FROM [^\n]* AS {name}\n(?<body>.*?)(?=^FROM |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.That(m.Success, Is.True, $"no stage {name}");
        return m.Value;
    }

    private static string[] AptPackages(string stage)
    {
        var m = Regex.Match(stage, @"apt-get install -y --no-install-recommends (?<packages>[^&]+)&&");
        Assert.That(m.Success, Is.True, "an apt-get install line");
        return m.Groups["packages"].Value.Split([' ', '\\', '\n'], StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    public void BuildStage_PublishesAsTheClusterScriptDoes_RuntimeStage_InstallsZ3FontsAndOpenBlas()
    {
        string build = Stage("build"), runtime = Stage("runtime");
        Assert.Multiple(() =>
        {
            Assert.That(build, Does.StartWith("FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build"));
            Assert.That(AptPackages(build), Is.SupersetOf(new[] { "gcc", "libc6-dev", "libz3-4" }), "the shim is compiled and linked against libz3.so.4");
            Assert.That(build, Does.Contain("RUN dotnet publish src/Cli -c Release -o /dist"));
            Assert.That(File.ReadAllText(Path.Combine(Published.RepositoryRoot, "docs", "cluster", "slurm-array.sh")),
                Does.Contain("dotnet publish src/Cli -c Release -o dist"), "one publish command for both");
            Assert.That(runtime, Does.StartWith("FROM mcr.microsoft.com/dotnet/runtime:10.0-noble AS runtime"), "the same Ubuntu as the build stage");
            Assert.That(AptPackages(runtime), Is.EquivalentTo(new[] { "libz3-4", "fontconfig", "fonts-dejavu-core", "libopenblas0-pthread" }));
            Assert.That(runtime, Does.Contain("COPY --from=build /dist /opt/flatness"));
            Assert.That(runtime, Does.Contain("exec dotnet /opt/flatness/flatness.dll"));
        });
    }

    [Test]
    public void PublishedNatives_NeedNothingBeyondTheRuntimeImageAndTheDockerfilesPackages()
    {
        if (!File.Exists("/usr/bin/ldd") || !File.Exists("/usr/bin/dpkg")) Assert.Ignore("needs ldd and dpkg (a Debian or Ubuntu machine)");
        var allowed = BaseImagePackages.Concat(AptPackages(Stage("runtime"))).ToHashSet(StringComparer.Ordinal);
        var natives = Directory.GetFiles(Published.Dist, "*.so", SearchOption.AllDirectories);
        Assert.That(natives.Select(Path.GetFileName), Is.SupersetOf(new[] { "libz3.so", "libSkiaSharp.so", "libHarfBuzzSharp.so" }));
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string so in natives)
        {
            var ldd = Published.Run("ldd", [so], Published.Dist, TimeSpan.FromSeconds(30));
            Assert.That(ldd.Code, Is.EqualTo(0), ldd.Err);
            Assert.That(ldd.Out, Does.Not.Contain("not found"), so);
            foreach (Match m in Regex.Matches(ldd.Out, @"=> (?<path>/\S+)"))
                needed.Add(Package(m.Groups["path"].Value) + " (" + Path.GetFileName(m.Groups["path"].Value) + ")");
        }
        Assert.That(needed.Select(n => n[..n.IndexOf(' ', StringComparison.Ordinal)]).Where(p => !allowed.Contains(p)), Is.Empty,
            "libraries from packages neither the runtime image nor the Dockerfile installs: " + string.Join(", ", needed));
    }

    /// <summary>The Debian package that owns a library (tried as given and under the other of /lib and /usr/lib, for
    /// merged-/usr systems).</summary>
    private static string Package(string path)
    {
        string other = path.StartsWith("/usr/lib/", StringComparison.Ordinal) ? path[4..] : path.StartsWith("/lib/", StringComparison.Ordinal) ? "/usr" + path : path;
        foreach (string p in new[] { path, other })
        {
            var r = Published.Run("dpkg", ["-S", p], "/", TimeSpan.FromSeconds(30));
            if (r.Code == 0) return r.Out.Split(':')[0].Trim();
        }
        return "no package: " + path;
    }

    [Test]
    public void PublishedOutput_RunsCheckA01_FromACleanFolder()
    {
        string folder = Published.NewFolder("clean");
        Published.CopyDistTo(folder);
        var r = Published.Run("dotnet", [Path.Combine("dist", "flatness.dll"), "check", "A-01", "A-24", "--out", "reports"], folder, TimeSpan.FromMinutes(3));
        Assert.That(r.Code, Is.EqualTo(0), r.Err);
        Assert.That(File.ReadAllText(Path.Combine(folder, "reports", "claims", "A-01.md")), Does.Contain("confirmed"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "reports", "claims", "A-24.md")), Does.Contain("proved"), "Z3 through the published shim");
    }

    [Test]
    public void TheKubernetesJobs_UseTheImageTheDockerfileBuilds_AndItsFlatnessCommand()
    {
        string tag = Regex.Match(Dockerfile, @"docker build -t (?<tag>\S+) \.").Groups["tag"].Value;
        Assert.That(tag, Is.EqualTo("flatness-verify:latest"));
        foreach (string job in new[] { "indexed-job.yaml", "merge-job.yaml" })
        {
            string yaml = File.ReadAllText(Path.Combine(Published.RepositoryRoot, "docs", "cluster", job));
            Assert.That(Regex.Matches(yaml, @"^\s+image: (?<image>\S+)$", RegexOptions.Multiline).Select(m => m.Groups["image"].Value), Is.EqualTo(new[] { tag }), job);
            Assert.That(yaml, Does.Contain("imagePullPolicy: IfNotPresent"), job + ": a locally loaded image is used as is");
            Assert.That(yaml, Does.Match(@"\bflatness (check|merge) "), job + ": runs the command the Dockerfile installs");
        }
        Assert.That(Dockerfile, Does.Contain("/usr/local/bin/flatness"));
    }
}
