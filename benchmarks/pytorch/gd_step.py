#!/usr/bin/env python3
"""One full-batch GD step of paper B's network in PyTorch (autograd, float64), against Flatness.Verify's fused step.

Reads what `dotnet run -c Release --project benchmarks/Flatness.Benchmarks -- training-ratios R --export DIR` wrote
(data, parameters, our gradient and our median step time), checks that PyTorch's gradient of the 1/(2n) loss agrees
with ours to 1e-10 relative, then times PyTorch's step with the same thread count. Run both through
benchmarks/pytorch/compare.sh. For cross-checks only: never a dependency of the project or its tests.
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
print(f"PyTorch {torch.__version__}, threads = {torch.get_num_threads()}, repetitions = {repetitions} (medians)")
for stem, label in (("fig3", "Fig. 3"), ("fig2", "Fig. 2 largest cell")):
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
        sys.exit(f"{label}: PyTorch's gradient differs from Flatness.Verify's by {rel:.3g} relative")
    for _ in range(5):
        step()
    times = []
    for _ in range(repetitions):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    t = float(np.median(times))
    o = meta["stepSeconds"]
    print(f"{label}: n = {n}, d = {d}, width {m}; gradients agree to {rel:.2g} relative")
    print(f"  Flatness.Verify GD step {o * 1e3:8.2f} ms  {1 / o:7.0f} steps/s")
    print(f"  PyTorch GD step         {t * 1e3:8.2f} ms  {1 / t:7.0f} steps/s")
    print(f"  speed-up (torch / ours) {t / o:8.2f}x   (target >= 2)")
