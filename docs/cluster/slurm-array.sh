#!/usr/bin/env bash
# Run `check --profile paper` as a Slurm job array of N shards from ONE published build, then merge the shards into
# reports/. Submit from the repository root (Slurm runs each job in the folder it was submitted from):
#
#   mkdir -p logs
#   pub=$(sbatch --parsable --cpus-per-task=2 --time=0:30:00 docs/cluster/slurm-array.sh publish)   # once: dist/
#   arr=$(sbatch --parsable --dependency=afterok:$pub --array=1-16 docs/cluster/slurm-array.sh)     # N = 16 shards
#   sbatch --dependency=afterany:$arr --cpus-per-task=1 --time=0:30:00 docs/cluster/slurm-array.sh merge
#
# (or run `bash docs/cluster/slurm-array.sh publish` on the login node and submit only the array and the merge).
# The publish step runs `dotnet publish src/Cli -c Release -o dist` once; every array task then runs dist/flatness.dll
# and never builds, so no two tasks write one obj/ folder. Task i of the array runs `check --shard i/N --out shards/i`,
# with i counted from 1 whatever the array's first index and step (--array=0-15 and --array=1-31:2 work too).
# Arguments after the script name replace the default check arguments `--profile paper --seeds 5`, e.g.
# `sbatch --array=1-4 docs/cluster/slurm-array.sh A-05 B-15 --seeds 2`.
# The merge waits with afterany, not afterok: a shard whose claims come out refuted exits 1, and `merge` itself refuses
# (exit 2, nothing written) unless every shard of the run is there exactly once: start each run from an empty shards/.
# dist/ needs the .NET 10 runtime on the nodes (`dotnet` on PATH) and the runtime packages of the README's set-up
# (libz3-4, fonts). CI runs this script as a 3-task array (tests/Cli.Tests/Cluster/SlurmArrayScriptTests.cs).
#SBATCH --job-name=flatness-paper
#SBATCH --cpus-per-task=8
#SBATCH --mem=16G
#SBATCH --time=12:00:00
#SBATCH --output=logs/flatness-%A_%a.out
set -euo pipefail

case "${1:-}" in
  publish)
    exec dotnet publish src/Cli -c Release -o dist -nologo
    ;;
  merge)
    exec dotnet dist/flatness.dll merge shards/*/ --out reports
    ;;
esac

if [ ! -f dist/flatness.dll ]; then
  echo "dist/flatness.dll is missing: run 'docs/cluster/slurm-array.sh publish' first (once, before the array)" >&2
  exit 2
fi
N=${SLURM_ARRAY_TASK_COUNT:?run as a job array: sbatch --array=1-N docs/cluster/slurm-array.sh}
id=${SLURM_ARRAY_TASK_ID:?run as a job array: sbatch --array=1-N docs/cluster/slurm-array.sh}
min=${SLURM_ARRAY_TASK_MIN:-1}
step=${SLURM_ARRAY_TASK_STEP:-1}
if (( (id - min) % step != 0 )); then echo "array index $id is not on the range $min:$step" >&2; exit 2; fi
i=$(( (id - min) / step + 1 ))
if (( i < 1 || i > N )); then
  echo "array index $id gives shard $i, outside 1..$N (use a range, e.g. --array=1-$N)" >&2
  exit 2
fi
if [ $# -eq 0 ]; then set -- --profile paper --seeds 5; fi
mkdir -p shards
exec dotnet dist/flatness.dll check "$@" --shard "$i/$N" --out "shards/$i"
