"""Builds the PyTorch/NumPy cross-check fixture (run with Debian's python3-torch and python3-numpy).

A state_dict of nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1)) saved as safetensors (written by hand from
the format's description, as the safetensors module is not installed), the data saved with np.save, the same network
and data as model JSON / CSV, and the loss, Hessian trace and extreme eigenvalues computed by torch.autograd in float64.
"""
import json, struct
import numpy as np
import torch
from torch import nn

torch.manual_seed(7)
d, m, n = 3, 4, 20
model = nn.Sequential(nn.Linear(d, m), nn.ReLU(), nn.Linear(m, 1))           # float32, as trained models are
rng = np.random.default_rng(7)
X = rng.normal(size=(n, d))
y = rng.normal(size=n)

def save_safetensors(path, state):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for k, t in state.items():
        b = t.detach().contiguous().numpy().astype("<f4").tobytes()
        header[k] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b); offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h))); f.write(h); f.write(b"".join(blobs))

state = model.state_dict()
save_safetensors("model.safetensors", state)
np.save("data.npy", np.column_stack([X, y]))                                 # n×(d+1) float64, targets last
np.save("X.npy", X.astype(np.float32)); np.save("y.npy", y)                  # f4 inputs, f8 targets
W, b, a, beta = (state[k].double() for k in ("0.weight", "0.bias", "2.weight", "2.bias"))
with open("model.json", "w") as f:
    json.dump({"activation": {"name": "relu"}, "outputWeights": a[0].tolist(), "hiddenWeights": W.tolist(),
               "hiddenBiases": b.tolist(), "outputBias": float(beta[0])}, f)
with open("data.csv", "w") as f:
    f.write("x1,x2,x3,y\n")
    for i in range(n): f.write(",".join(repr(float(v)) for v in [*X[i], y[i]]) + "\n")
with open("data32.csv", "w") as f:                                           # what X.npy (f4) + y.npy hold
    f.write("x1,x2,x3,y\n")
    for i in range(n): f.write(",".join(repr(float(v)) for v in [*X[i].astype(np.float32).astype(np.float64), y[i]]) + "\n")

params = torch.cat([W.flatten(), b, a.flatten(), beta])
Xt, yt = torch.tensor(X), torch.tensor(y)
def loss(p):
    W_, b_, a_, beta_ = p[:m*d].view(m, d), p[m*d:m*d+m], p[m*d+m:m*d+2*m], p[-1]
    return ((torch.relu(Xt @ W_.T + b_) @ a_ + beta_ - yt) ** 2).mean()         # mse = (1/n) Σ r²
H = torch.autograd.functional.hessian(loss, params)
ev = torch.linalg.eigvalsh(H)
with open("expected.json", "w") as f:
    json.dump({"loss": loss(params).item(), "hessianTrace": torch.trace(H).item(),
               "lambdaMax": ev[-1].item(), "lambdaMin": ev[0].item(), "torch": torch.__version__, "numpy": np.__version__}, f, indent=1)
print(open("expected.json").read())
