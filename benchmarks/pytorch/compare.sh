#!/usr/bin/env bash
# Flatness.Verify's GD step against PyTorch's (CPU, float64, same thread count), back to back in one run.
# Needs Debian's python3-torch and python3-numpy (apt); never a dependency of the project or its tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
reps="${1:-31}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
dotnet run -c Release --project benchmarks/Flatness.Benchmarks -- training-ratios "$reps" --export "$dir"
/usr/bin/python3 benchmarks/pytorch/gd_step.py "$dir" "$reps"
