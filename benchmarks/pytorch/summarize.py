#!/usr/bin/env python3
"""Summary of benchmarks/pytorch/compare.sh: medians and spread of both programs' GD steps over alternating rounds."""
import json
import os
import sys

import numpy as np

directory, rounds = sys.argv[1], int(sys.argv[2])
cores = os.cpu_count()
loads = [float(line.split()[0]) for r in range(1, rounds + 1) for line in open(os.path.join(directory, f"load.{r}"))]
print(f"\nsummary over {rounds} alternating rounds (ours, PyTorch, ours, ...); 1-minute load average around the rounds: "
      f"min {min(loads):.2f}, median {np.median(loads):.2f}, max {max(loads):.2f} ({cores} cores)")
for stem in ("fig3", "fig2"):
    ours = [json.load(open(os.path.join(directory, f"round{r}", f"{stem}.json"))) for r in range(1, rounds + 1)]
    torch = [json.load(open(os.path.join(directory, f"round{r}", f"torch.{stem}.json"))) for r in range(1, rounds + 1)]
    o_all = np.concatenate([o["stepSeconds"] for o in ours])
    t_all = np.concatenate([t["stepSeconds"] for t in torch])
    o_rounds = [np.median(o["stepSeconds"]) for o in ours]
    t_rounds = [np.median(t["stepSeconds"]) for t in torch]
    ratios = [t / o for t, o in zip(t_rounds, o_rounds)]
    o, t = np.median(o_all), np.median(t_all)
    print(f"{ours[0]['label']}: n = {ours[0]['n']}, d = {ours[0]['d']}, width {ours[0]['m']}, threads {ours[0]['threads']} (PyTorch {torch[0]['threads']})")
    print(f"  Flatness.Verify GD step {o * 1e3:8.2f} ms median of {len(o_all)} steps; round medians {min(o_rounds) * 1e3:.2f}-{max(o_rounds) * 1e3:.2f} ms")
    print(f"  PyTorch {torch[0]['version']} GD step {t * 1e3:8.2f} ms median of {len(t_all)} steps; round medians {min(t_rounds) * 1e3:.2f}-{max(t_rounds) * 1e3:.2f} ms")
    print(f"  speed-up (PyTorch / ours) {t / o:6.2f}x   (per round {min(ratios):.2f}-{max(ratios):.2f}x; target >= 2)")
if max(loads) > cores:
    print(f"WARNING: the load average reached {max(loads):.2f} on {cores} cores: these figures are NOT representative of this machine.")
