"""Independent NumPy BPTT of TKS's tanh RNN (4) on one batch of windows from s0 = 0, with the mean softmax
cross-entropy over the N*B outputs: the loss, the gradient in theta = [u, w, b, v, c], the relative differences
from the TypeScript values in the dump written by bench/tks-bptt.ts, and the median time of one evaluation.

Usage: OPENBLAS_NUM_THREADS=1 python3 tks_bptt_grad.py DUMP.json
"""
import json
import sys
import time

import numpy as np


def loss_grad(u, w, b, v, c, X, Y):
    Bn, N = X.shape
    h = b.shape[0]
    S = np.zeros((N + 1, Bn, h))
    P = []
    L = 0.0
    for t in range(N):
        S[t + 1] = np.tanh(u[:, X[:, t]].T + S[t] @ w.T + b)
        O = S[t + 1] @ v.T + c
        O = O - O.max(1, keepdims=True)
        p = np.exp(O)
        p /= p.sum(1, keepdims=True)
        P.append(p)
        L -= np.log(p[np.arange(Bn), Y[:, t]]).sum()
    M = N * Bn
    gu, gw, gb, gv, gc = (np.zeros_like(a) for a in (u, w, b, v, c))
    dnext = np.zeros((Bn, h))
    for t in reversed(range(N)):
        dO = P[t].copy()
        dO[np.arange(Bn), Y[:, t]] -= 1
        dO /= M
        gv += dO.T @ S[t + 1]
        gc += dO.sum(0)
        da = (dO @ v + dnext @ w) * (1 - S[t + 1] ** 2)
        gw += da.T @ S[t]
        gb += da.sum(0)
        np.add.at(gu.T, X[:, t], da)
        dnext = da
    return L / M, np.concatenate([gu.ravel(), gw.ravel(), gb, gv.ravel(), gc])


def main():
    D = json.load(open(sys.argv[1]))
    d, h, q = D['dims']['d'], D['dims']['h'], D['dims']['q']
    N, B = D['N'], D['B']
    th = np.array(D['theta'])
    sizes = [h * d, h * h, h, q * h, q]
    parts = np.split(th, np.cumsum(sizes)[:-1])
    u, w, b, v, c = parts[0].reshape(h, d), parts[1].reshape(h, h), parts[2], parts[3].reshape(q, h), parts[4]
    X = np.array(D['x']).reshape(B, N)
    Y = np.array(D['y']).reshape(B, N)
    L, g = loss_grad(u, w, b, v, c, X, Y)
    G = np.array(D['grad'])
    times = []
    for _ in range(D['reps']):
        t0 = time.perf_counter()
        loss_grad(u, w, b, v, c, X, Y)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"NumPy {np.__version__}: loss {L!r}, |loss - TS|/loss {abs(L - D['loss']) / L:.2e}, "
          f"max |grad - TS| / max |grad| {np.abs(g - G).max() / np.abs(g).max():.2e}, median {np.median(times):.2f} ms")


main()
