"""BPTT + Adam on the TKS text task: the same RNN (4), data pipeline and held-out measure as ADMMiRNN in
bench/tks-text.ts, in NumPy with single-threaded BLAS. A reference for the comparison of issue #8 until the
project's gradient baselines exist; not part of the library.

Usage: OPENBLAS_NUM_THREADS=1 python3 tks_bptt_adam.py TEXT INIT.json BUDGET_SEC OUT.json [--lr 2e-3]

- Data: vocabulary = sorted distinct characters; the first floor(0.9 n) characters train, cut into B = 32
  streams of L = floor((n_train - 1)/B); batch j = window j (N = 25) of every stream; the hidden state carries
  over between windows of a stream (zero at the start of an epoch), as in src/papers/tks/problem/text.ts.
- Loss: mean softmax cross-entropy over the N*B predictions of a batch; gradients by backpropagation through the
  window (truncated BPTT), clipped to [-5, 5] entrywise; Adam (beta1 0.9, beta2 0.999, eps 1e-8).
- INIT.json: {"u", "w", "b", "v", "c"} flat row-major in the paper's shapes (u h*d, w h*h, v q*h).
- Held-out: the last 10% run as one sequence from the zero state, mean nats per character; evaluated once per
  epoch and at the end, not counted in the budget.
"""
import json
import sys
import time

import numpy as np


def main():
    text = open(sys.argv[1], encoding='utf8').read()
    init = json.load(open(sys.argv[2]))
    budget = float(sys.argv[3])
    lr = float(sys.argv[sys.argv.index('--lr') + 1]) if '--lr' in sys.argv else 2e-3
    vocab = sorted(set(text))
    V = len(vocab)
    index = {c: i for i, c in enumerate(vocab)}
    data = np.array([index[c] for c in text], dtype=np.int64)
    n1 = int(np.floor(0.9 * len(data)))
    train, held = data[:n1], data[n1:]
    N, B = 25, 32
    L = (n1 - 1) // B
    J = L // N
    h = len(init['b'])
    P = {'u': np.array(init['u'], dtype=float).reshape(h, V), 'w': np.array(init['w'], dtype=float).reshape(h, h),
         'b': np.array(init['b'], dtype=float), 'v': np.array(init['v'], dtype=float).reshape(V, h), 'c': np.array(init['c'], dtype=float)}
    M = {k: np.zeros_like(x) for k, x in P.items()}
    S2 = {k: np.zeros_like(x) for k, x in P.items()}
    X = np.stack([train[i * L:i * L + L] for i in range(B)], 1)
    Y = np.stack([train[i * L + 1:i * L + L + 1] for i in range(B)], 1)
    E = np.eye(V)

    def held_out():
        u, w, b, v, c = P['u'], P['w'], P['b'], P['v'], P['c']
        s = np.zeros(h)
        tot = 0.0
        for t in range(len(held) - 1):
            s = np.tanh(u[:, held[t]] + w @ s + b)
            o = v @ s + c
            o = o - o.max()
            tot += np.log(np.exp(o).sum()) - o[held[t + 1]]
        return tot / (len(held) - 1)

    state = np.zeros((B, h))
    k = 0
    trained = 0.0
    curve = []
    while trained < budget:
        t0 = time.perf_counter()
        j = k % J
        if j == 0:
            state = np.zeros((B, h))
        x = X[j * N:(j + 1) * N]
        y = Y[j * N:(j + 1) * N]
        u, w, b, v, c = P['u'], P['w'], P['b'], P['v'], P['c']
        H = np.empty((N + 1, B, h))
        H[0] = state
        for t in range(N):
            H[t + 1] = np.tanh(u.T[x[t]] + H[t] @ w.T + b)
        O = H[1:] @ v.T + c
        O = O - O.max(-1, keepdims=True)
        p = np.exp(O)
        p /= p.sum(-1, keepdims=True)
        d = (p - E[y]) / (N * B)
        g = {'v': np.einsum('tbk,tbi->ki', d, H[1:]), 'c': d.sum((0, 1)), 'w': np.zeros_like(w), 'b': np.zeros_like(b), 'u': np.zeros_like(u)}
        dh = np.zeros((B, h))
        for t in reversed(range(N)):
            dh = dh + d[t] @ v
            da = dh * (1 - H[t + 1] ** 2)
            g['w'] += da.T @ H[t]
            g['b'] += da.sum(0)
            np.add.at(g['u'].T, x[t], da)
            dh = da @ w
        k += 1
        for key in P:
            gk = np.clip(g[key], -5, 5)
            M[key] = 0.9 * M[key] + 0.1 * gk
            S2[key] = 0.999 * S2[key] + 0.001 * gk * gk
            P[key] = P[key] - lr * (M[key] / (1 - 0.9 ** k)) / (np.sqrt(S2[key] / (1 - 0.999 ** k)) + 1e-8)
        state = H[-1]
        trained += time.perf_counter() - t0
        if k % J == 0:
            curve.append([k, round(trained, 1), round(held_out(), 4)])
    json.dump({'heldOut': held_out(), 'iterations': k, 'epochs': k / J, 'seconds': trained, 'msPerIteration': 1e3 * trained / k,
               'lr': lr, 'curve': curve, 'numpy': np.__version__}, open(sys.argv[4], 'w'))


if __name__ == '__main__':
    main()
