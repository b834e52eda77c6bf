using System.Globalization;
using System.Runtime.Intrinsics;
using Flatness.Numerics.LinearAlgebra;

namespace Flatness.Benchmarks;

/// <summary>What every report prints first and last: the CPU, its vector units, the BLAS, and the load average, with a
/// warning when the load exceeds the cores (the figures then measure the other jobs as much as this code).</summary>
public static class MachineInfo
{
    /// <summary>The CPU model as /proc/cpuinfo (what lscpu prints as "Model name") names it.</summary>
    public static string CpuModel
    {
        get
        {
            try
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            return "unknown CPU";
        }
    }

    /// <summary>The 1-, 5- and 15-minute load averages (NaN where /proc/loadavg is absent).</summary>
    public static (double One, double Five, double Fifteen) LoadAverage()
    {
        try
        {
            var f = File.ReadAllText("/proc/loadavg").Split(' ');
            return (double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return (double.NaN, double.NaN, double.NaN);
        }
    }

    /// <summary>One line: CPU, cores, vector units, the GEMM kernel, OpenBLAS and its kernel.</summary>
    public static string Describe() =>
        $"machine: {CpuModel}, {Environment.ProcessorCount} cores, " +
        $"{(Vector512.IsHardwareAccelerated ? "AVX-512" : Vector256.IsHardwareAccelerated ? "AVX2" : "no 256-bit SIMD")}; " +
        $"managed GEMM kernel {Gemm.Kernel}; OpenBLAS {(OpenBlas.IsAvailable ? OpenBlas.CoreName + " kernel" : "not installed")}";

    /// <summary>"load average at the start: 0.12 0.30 0.41 (2 cores)" and, when the 1-minute load exceeds the cores, the
    /// warning. At the end of a run the load includes the benchmark's own threads, so the warning there is given when
    /// the load exceeds the cores plus those threads (other jobs then held more than all the cores).</summary>
    public static string Load(string when, int ownThreads = 0)
    {
        var (one, five, fifteen) = LoadAverage();
        int cores = Environment.ProcessorCount;
        string line = string.Create(CultureInfo.InvariantCulture, $"load average {when}: {one:F2} {five:F2} {fifteen:F2} ({cores} cores")
                      + (ownThreads > 0 ? $"; includes this benchmark's {ownThreads} threads)" : ")");
        if (one > cores + ownThreads)
            line += $"\nWARNING: the load average exceeds the {cores} cores{(ownThreads > 0 ? " plus this benchmark's threads" : "")}: these figures are NOT representative of this machine.";
        return line;
    }
}
