#!/usr/bin/env bash
# Run `check --profile paper` as a Slurm job array of N shards, then merge them into reports/.
#   sbatch --array=1-16 docs/cluster/slurm-array.sh          # the shards (N = the array size)
#   sbatch --dependency=afterany:<array job id> --wrap 'dotnet run -c Release --project src/Cli -- merge shards/* --out reports'
#SBATCH --job-name=flatness-paper
#SBATCH --cpus-per-task=8
#SBATCH --mem=16G
#SBATCH --time=12:00:00
#SBATCH --output=logs/flatness-%A_%a.out
set -euo pipefail
N=${SLURM_ARRAY_TASK_COUNT:?run as a job array: sbatch --array=1-N}
i=${SLURM_ARRAY_TASK_ID:?}
# Build once per node (a no-op when it is up to date), then run this task's deterministic 1/N of the work units.
dotnet build -c Release src/Cli -nologo -v quiet
dotnet run -c Release --no-build --project src/Cli -- check --profile paper --seeds 5 --shard "$i/$N" --out "shards/$i"
