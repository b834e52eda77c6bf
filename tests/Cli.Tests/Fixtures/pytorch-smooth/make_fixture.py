"""Builds the PyTorch cross-check fixture for the smooth activations (issue #19). Run from this folder with Debian's
python3-torch 1.13 and python3-numpy 1.24 (never a project dependency):  /usr/bin/python3 make_fixture.py

For each of nn.GELU(), nn.GELU(approximate='tanh'), nn.SiLU() and nn.Tanh(): the state_dict of
nn.Sequential(nn.Linear(3, 5), act, nn.Linear(5, 1)) as safetensors (written by hand from the format's description, as
the safetensors module is not installed; gelu and silu in float32 as trained models are, gelu_tanh and tanh in float64),
the same network as model JSON (the stored values converted exactly to double), one data set of 24 samples with random
targets (far from interpolation, so the residual term of the Hessian matters) as data.npy and data.csv, and in
expected.json the loss (1/n) sum r^2, the trace, lambda_max and lambda_min of torch.autograd.functional.hessian of that
loss in float64, computed through the activation module itself.
"""
import json
import struct

import numpy as np
import torch
from torch import nn

torch.manual_seed(19)
d, m, n = 3, 5, 24
rng = np.random.default_rng(19)
X = rng.normal(size=(n, d))
y = rng.normal(size=n)
ACTIVATIONS = [("gelu", nn.GELU(), "F32"), ("gelu_tanh", nn.GELU(approximate="tanh"), "F64"),
               ("silu", nn.SiLU(), "F32"), ("tanh", nn.Tanh(), "F64")]


def save_safetensors(path, state, dtype):
    fmt = {"F32": "<f4", "F64": "<f8"}[dtype]
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for k, t in state.items():
        b = t.detach().contiguous().numpy().astype(fmt).tobytes()
        header[k] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        f.write(b"".join(blobs))


np.save("data.npy", np.column_stack([X, y]))                                  # n x (d+1) float64, targets last
with open("data.csv", "w") as f:
    f.write("x1,x2,x3,y\n")
    for i in range(n):
        f.write(",".join(repr(float(v)) for v in [*X[i], y[i]]) + "\n")

Xt, yt = torch.tensor(X), torch.tensor(y)
expected = {"torch": torch.__version__, "numpy": np.__version__, "samples": n, "width": m, "inputDimension": d}
for name, act, dtype in ACTIVATIONS:
    model = nn.Sequential(nn.Linear(d, m), act, nn.Linear(m, 1))
    if dtype == "F64":
        model = model.double()
    with torch.no_grad():                                                       # larger weights: more curvature
        model[0].weight.mul_(2.0)
        model[2].weight.mul_(2.0)
    state = model.state_dict()
    save_safetensors(f"{name}.safetensors", state, dtype)
    W, b, a, beta = (state[k].double() for k in ("0.weight", "0.bias", "2.weight", "2.bias"))
    with open(f"{name}.json", "w") as f:
        json.dump({"activation": {"name": name}, "outputWeights": a[0].tolist(), "hiddenWeights": W.tolist(),
                   "hiddenBiases": b.tolist(), "outputBias": float(beta[0])}, f)
    # theta in the measure layout does not matter for the trace and the eigenvalues; this is PyTorch's own order.
    params = torch.cat([W.flatten(), b, a.flatten(), beta])

    def loss(p, act=act):
        W_, b_, a_, beta_ = p[:m * d].view(m, d), p[m * d:m * d + m], p[m * d + m:m * d + 2 * m], p[-1]
        return ((act(Xt @ W_.T + b_) @ a_ + beta_ - yt) ** 2).mean()            # mse = (1/n) sum r^2

    H = torch.autograd.functional.hessian(loss, params)
    ev = torch.linalg.eigvalsh(H)
    expected[name] = {"dtype": dtype, "loss": loss(params).item(), "hessianTrace": torch.trace(H).item(),
                      "lambdaMax": ev[-1].item(), "lambdaMin": ev[0].item(),
                      "asymmetry": (H - H.T).abs().max().item()}
with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
print(open("expected.json").read())
