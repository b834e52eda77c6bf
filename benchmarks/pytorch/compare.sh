#!/usr/bin/env bash
# Flatness.Verify's GD step against PyTorch's (CPU, float64, same thread count), the two programs alternating:
# round 1 ours, round 1 PyTorch, round 2 ours, ... Each round times REPETITIONS steps after a warm-up; the summary gives
# the median over all rounds' steps, the spread of the per-round medians, the load average around every round, the CPU
# model, and says the figures are not representative when the load average exceeded the core count.
# Needs Debian's python3-torch, python3-numpy and libopenblas0-pthread (apt); never a dependency of the project or its tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
reps="${1:-31}"
rounds="${2:-5}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
dotnet build -c Release benchmarks/Flatness.Benchmarks -nologo -v quiet >/dev/null
bin=benchmarks/Flatness.Benchmarks/bin/Release/net10.0/Flatness.Benchmarks.dll
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(grep -q avx512f /proc/cpuinfo && echo AVX-512 || echo no AVX-512)"
for r in $(seq 1 "$rounds"); do
  cut -d' ' -f1-3 /proc/loadavg > "$dir/load.$r"
  echo "== round $r of $rounds: Flatness.Verify (load average $(cat "$dir/load.$r"))"
  dotnet "$bin" gd-step "$reps" "$dir/round$r"
  cut -d' ' -f1-3 /proc/loadavg >> "$dir/load.$r"
  echo "== round $r of $rounds: PyTorch (load average $(tail -1 "$dir/load.$r"))"
  /usr/bin/python3 benchmarks/pytorch/gd_step.py "$dir/round$r" "$reps"
  cut -d' ' -f1-3 /proc/loadavg >> "$dir/load.$r"
done
/usr/bin/python3 benchmarks/pytorch/summarize.py "$dir" "$rounds"
