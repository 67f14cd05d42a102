"""Reference timing: one iteration of ZLY Algorithm 1 in numpy/OpenBLAS (single thread).

Usage: python3 bench/reference/zly_iteration.py INSTANCE.json [--iters K] [--reps R]
Reads a ZLY instance file (the format of src/papers/zly/problem/instance.ts, with init.W), runs the same
iteration as src/papers/zly/solver (h, mu by (20)-(22); W_N by (8); W_i by the LLA subproblem (18) in delta form;
V_j by (19); V_{N-1} by (11); V_N by (12); multipliers by (13); sigma and sigma' of W_i V_{i-1} cached from the
multiplier update for the next W-steps, as the TypeScript solver does) and prints one JSON line:
{"median_ms": ..., "L": [L(Q^1), ..., L(Q^K)], "threads": ...}. bench/zly-iteration.ts compares both.
"""
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from scipy.linalg import cho_factor, cho_solve  # noqa: E402

SQRT3 = np.sqrt(3.0)
CONSTS = {"sigmoid": (1.0, 0.25, SQRT3 / 18), "tanh": (1.0, 1.0, 4 / (3 * SQRT3))}


def act_and_slope(kind, U):
    if kind == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-U))
        return s, s * (1.0 - s)
    t = np.tanh(U)
    return t, 1.0 - t * t


def shifted_solve(W, beta, c, R):
    """(beta I + c W^T W)^{-1} R, by Woodbury when 2p < m."""
    p, m = W.shape
    if c > 0 and 2 * p < m:
        T = W @ R
        S = W @ W.T + (beta / c) * np.eye(p)
        T = cho_solve(cho_factor(S, lower=True), T)
        return (R - W.T @ T) / beta
    M = beta * np.eye(m) + c * (W.T @ W)
    return cho_solve(cho_factor(M, lower=True), R)


class State:
    def __init__(self, inst):
        self.X = np.array(inst["X"], dtype=float)
        self.Y = np.array(inst["Y"], dtype=float)
        self.kind = inst["activation"]
        p = inst.get("params", {})
        self.W = [np.array(w, dtype=float) for w in inst["init"]["W"]]
        self.N = len(self.W)
        self.lam = p.get("lambda", 1e-6)
        self.beta = p.get("beta", [1.0] * self.N)
        self.L0, self.L1, self.L2 = CONSTS[self.kind]
        self.V, self.U, self.S, self.D = [], [], [], []
        prev = self.X
        for i in range(self.N):
            u = self.W[i] @ prev
            self.U.append(u)
            if i < self.N - 1:
                s, d = act_and_slope(self.kind, u)
                self.S.append(s)
                self.D.append(d)
                self.V.append(s.copy())
            else:
                self.V.append(u.copy())
            prev = self.V[-1]
        self.Lam = [np.zeros_like(v) for v in self.V]
        self.XXt = self.X @ self.X.T

    def inp(self, i):  # V_{i-1} for 1-based layer i, as 0-based list index i-1
        return self.X if i == 1 else self.V[i - 2]

    def step(self):
        N, lam, b = self.N, self.lam, self.beta
        h = [None] * (N + 1)
        for i in range(1, N):
            c = np.max(np.abs(self.V[i - 1] - self.Lam[i - 1] / b[i - 1]))
            h[i] = 2 * self.L2 * (self.L0 + c) + 2 * self.L1 ** 2
        # W_N by (8)
        A = self.V[N - 2]
        M = lam * np.eye(A.shape[0]) + b[N - 1] * (A @ A.T)
        rhs = A @ (b[N - 1] * self.V[N - 1] - self.Lam[N - 1]).T
        self.W[N - 1] = cho_solve(cho_factor(M, lower=True), rhs).T
        # W_i by (18), delta form
        for i in range(N - 1, 0, -1):
            bi = b[i - 1]
            A = self.inp(i)
            G = (self.S[i - 1] - self.V[i - 1] + self.Lam[i - 1] / bi) * self.D[i - 1]
            c = bi * h[i] / 2
            gram = self.XXt if i == 1 else A @ A.T
            M = lam * np.eye(A.shape[0]) + c * gram
            R = -(lam * self.W[i - 1].T + bi * (A @ G.T))
            self.W[i - 1] = self.W[i - 1] + cho_solve(cho_factor(M, lower=True), R).T
        # V_j by (19)
        for j in range(1, N - 1):
            bj, bj1 = b[j - 1], b[j]
            u = self.W[j - 1] @ self.inp(j)
            self.U[j - 1] = u
            self.S[j - 1], self.D[j - 1] = act_and_slope(self.kind, u)
            Wn = self.W[j]
            P = Wn @ self.V[j - 1]
            ps, pd = act_and_slope(self.kind, P)
            G = (ps - self.V[j] + self.Lam[j] / bj1) * pd
            R = bj * (self.S[j - 1] - self.V[j - 1]) + self.Lam[j - 1] - bj1 * (Wn.T @ G)
            self.V[j - 1] = self.V[j - 1] + shifted_solve(Wn, bj, bj1 * h[j + 1] / 2, R)
        # V_{N-1} by (11)
        u = self.W[N - 2] @ self.inp(N - 1)
        self.U[N - 2] = u
        self.S[N - 2], self.D[N - 2] = act_and_slope(self.kind, u)
        WN = self.W[N - 1]
        R = self.Lam[N - 2] + b[N - 2] * self.S[N - 2] - WN.T @ (self.Lam[N - 1] - b[N - 1] * self.V[N - 1])
        self.V[N - 2] = shifted_solve(WN, b[N - 2], b[N - 1], R)
        # V_N by (12)
        self.U[N - 1] = WN @ self.V[N - 2]
        self.V[N - 1] = (self.Y + b[N - 1] * self.U[N - 1] + self.Lam[N - 1]) / (1 + b[N - 1])
        # multipliers (13) and L(Q^k)
        L = 0.5 * np.sum((self.V[N - 1] - self.Y) ** 2) + lam / 2 * sum(np.sum(w * w) for w in self.W)
        for i in range(N):
            r = (self.S[i] if i < N - 1 else self.U[i]) - self.V[i]
            self.Lam[i] = self.Lam[i] + b[i] * r
            L += b[i] / 2 * np.sum(r * r) + np.sum(self.Lam[i] * r)
        return L


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    iters = int(args[args.index("--iters") + 1]) if "--iters" in args else 30
    reps = int(args[args.index("--reps") + 1]) if "--reps" in args else 5
    with open(args[0]) as f:
        inst = json.load(f)
    times, Ls = [], None
    for rep in range(reps + 1):
        st = State(inst)
        Lr = []
        t0 = time.perf_counter()
        for _ in range(iters):
            Lr.append(float(st.step()))
        dt = (time.perf_counter() - t0) * 1000 / iters
        if rep > 0:
            times.append(dt)
        Ls = Lr
    times.sort()
    print(json.dumps({"median_ms": times[len(times) // 2], "all_ms": times, "L": Ls,
                      "threads": os.environ.get("OPENBLAS_NUM_THREADS"), "numpy": np.__version__}))


if __name__ == "__main__":
    main()
