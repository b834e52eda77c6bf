#!/usr/bin/env python3
"""One full-batch GD step of paper B's network in PyTorch (autograd, float64), against Flatness.Verify's fused step.

Reads what `Flatness.Benchmarks gd-step R DIR` wrote (data, parameters, our gradient and our step times), checks that
PyTorch's gradient of the 1/(2n) loss agrees with ours to 1e-10 relative, then times PyTorch's step R times with the
same thread count and writes the times to DIR/torch.<setting>.json. One round of benchmarks/pytorch/compare.sh, which
alternates the two programs and summarises. For cross-checks only: never a dependency of the project or its tests.
"""
import json
import os
import sys
import time

import numpy as np
import torch

directory = sys.argv[1]
repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 31
torch.set_num_threads(os.cpu_count())
print(f"PyTorch {torch.__version__}, threads = {torch.get_num_threads()}, repetitions = {repetitions}")
for stem in ("fig3", "fig2"):
    meta = json.load(open(os.path.join(directory, stem + ".json")))
    n, d, m = meta["n"], meta["d"], meta["m"]
    load = lambda name: np.fromfile(os.path.join(directory, f"{stem}.{name}.bin"), dtype="<f8")
    x = torch.from_numpy(load("x").reshape(n, d))
    y = torch.from_numpy(load("y"))
    theta, ours = load("theta"), load("grad")
    block = d + 2  # per neuron: w (d), b, a; then the output bias
    neurons = theta[: m * block].reshape(m, block)
    W = torch.tensor(neurons[:, :d].copy(), requires_grad=True)
    b = torch.tensor(neurons[:, d].copy(), requires_grad=True)
    a = torch.tensor(neurons[:, d + 1].copy(), requires_grad=True)
    beta = torch.tensor(theta[m * block], requires_grad=True)
    params = (W, b, a, beta)
    eta = 1e-6

    def gradient():
        for p in params:
            p.grad = None
        f = torch.relu(x @ W.T + b) @ a + beta
        loss = ((f - y) ** 2).sum() / (2 * n)
        loss.backward()

    def step():
        gradient()
        with torch.no_grad():
            for p in params:
                p.add_(p.grad, alpha=-eta)

    gradient()
    mine = np.concatenate([np.concatenate([W.grad.numpy(), b.grad.numpy()[:, None], a.grad.numpy()[:, None]], axis=1).ravel(), [beta.grad.item()]])
    rel = np.max(np.abs(mine - ours)) / np.max(np.abs(ours))
    if not rel <= 1e-10:
        sys.exit(f"{meta['label']}: PyTorch's gradient differs from Flatness.Verify's by {rel:.3g} relative")
    start = time.perf_counter()
    warm = 0
    while warm < 5 or time.perf_counter() - start < 1.5:  # the same time-based warm-up as the .NET side
        step()
        warm += 1
    times = []
    for _ in range(repetitions):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    json.dump({"label": meta["label"], "threads": torch.get_num_threads(), "version": torch.__version__, "gradientRelativeDifference": float(rel),
               "stepSeconds": times}, open(os.path.join(directory, f"torch.{stem}.json"), "w"))
    print(f"{meta['label']}: PyTorch GD step median {np.median(times) * 1e3:8.2f} ms; gradients agree to {rel:.2g} relative")
