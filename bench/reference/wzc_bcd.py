"""Reference timing: WZC Algorithm 3.2 (BCD on the subproblem (3.5)) in numpy/OpenBLAS, single thread.

Usage: python3 bench/reference/wzc_bcd.py START.json [--iters J] [--reps R]
START.json (written by bench/bcd-iteration.ts) holds the data X (T x n), Y (T x m), the start s = (W, V, b, A, c,
h, u), the multipliers xi, zeta, gamma, mu and lambda (ReLU). Each iteration does what the TypeScript loop does:
z-step (3.14) as two SPD solves (the w-system (r+n+1)^2 with r right-hand sides, the a-system (r+1)^2 with m),
h-step (3.18) (D1 factored once, the T-1 solves as one multi-RHS solve; D2 for h_T), u-step (3.19)-(3.22) on
the rT coordinates (ReLU, tie rule of Remark 3.4), then the trace row: L(s^j, xi, zeta, gamma) (3.1) and the
step ||s^j - s^{j-1}|| of (3.17). Prints one JSON line: {"median_ms": ..., "median_cpu_ms": ..., "L": [L(s^1), ..., L(s^J)],
"blocks_ms": {"z": ..., "h": ..., "u": ..., "trace": ...}, ...}: wall and CPU time per iteration (median over reps),
and CPU time per block from one extra run with a clock between the blocks.
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


def arr(x, shape):
    return np.array(x, dtype=float).reshape(shape)


class Bcd:
    def __init__(self, inst):
        T, n, m, r = (inst["dims"][k] for k in ("T", "n", "m", "r"))
        self.T, self.n, self.m, self.r = T, n, m, r
        self.X, self.Y = arr(inst["X"], (T, n)), arr(inst["Y"], (T, m))
        s = inst["start"]
        self.W, self.V, self.b = arr(s["W"], (r, r)), arr(s["V"], (r, n)), arr(s["b"], (r,))
        self.A, self.c = arr(s["A"], (m, r)), arr(s["c"], (m,))
        self.h, self.u = arr(s["h"], (T, r)), arr(s["u"], (T, r))
        self.xi, self.zeta = arr(inst["xi"], (T, r)), arr(inst["zeta"], (T, r))
        self.gamma, self.mu, self.lam = inst["gamma"], inst["mu"], inst["lambda"]
        # data-only blocks of the design Z_t = [h_{t-1}; x_t; 1] (h_0 = 0), cached as the solver caches them
        self.Z = np.empty((T, r + n + 1))
        self.Z[0, :r] = 0
        self.Z[:, r:r + n] = self.X
        self.Z[:, -1] = 1
        self.H = np.ones((T, r + 1))
        self.sig = np.maximum(self.u, 0)

    def step(self, clock=None):
        tick = clock or (lambda _name: None)
        T, n, r = self.T, self.n, self.r
        g, mu, lam = self.gamma, self.mu, self.lam
        h, u, xi, zeta = self.h, self.u, self.xi, self.zeta
        old = (self.W, self.V, self.b, self.A, self.c, h, u)
        # z-step (3.14): w-system (gamma Z^T Z + 2 Lambda) Theta^T = Z^T (gamma U + Xi)
        Z = self.Z
        Z[1:, :r] = h[:-1]
        G = g * (Z.T @ Z)
        dg = np.concatenate([np.full(r, lam[1]), np.full(n, lam[2]), [lam[3]]])
        G[np.diag_indices_from(G)] += 2 * dg
        Th = cho_solve(cho_factor(G, lower=True), Z.T @ (g * u + xi))
        W, V, b = Th[:r].T.copy(), Th[r:r + n].T.copy(), Th[-1].copy()
        # a-system ((2/T) H^T H + 2 Lambda_2) [A c]^T = (2/T) H^T Y, H_t = [h_t; 1]
        H = self.H
        H[:, :r] = h
        s2 = 2.0 / T
        Ga = s2 * (H.T @ H)
        Ga[np.diag_indices_from(Ga)] += 2 * np.concatenate([np.full(r, lam[0]), [lam[4]]])
        Ac = cho_solve(cho_factor(Ga, lower=True), s2 * (H.T @ self.Y))
        A, c = Ac[:r].T.copy(), Ac[r].copy()
        tick("z")
        # h-step (3.18): D1 h_t = d1t (t < T), D2 h_T = d2T
        D2 = s2 * (A.T @ A)
        D2[np.diag_indices_from(D2)] += g
        D1 = g * (W.T @ W) + D2
        Bx = self.X @ V.T + b
        Q = xi + g * (u - Bx)
        d = s2 * ((self.Y - c) @ A) + g * self.sig - zeta
        d[:-1] += Q[1:] @ W
        hn = np.empty_like(h)
        hn[:-1] = cho_solve(cho_factor(D1, lower=True), d[:-1].T).T
        hn[-1] = cho_solve(cho_factor(D2, lower=True), d[-1])
        tick("h")
        # u-step (3.19)-(3.22), ReLU, on phi - phi(0) (Remark 3.4: u+ on ties)
        Pw = Bx.copy()
        Pw[1:] += hn[:-1] @ W.T
        th1 = Pw - xi / g
        th2 = hn + zeta / g
        a = g + mu + 2 * lam[5]
        bb = g * th1 + mu * u
        up = np.maximum((bb + g * th2) / (2 * g + 2 * lam[5] + mu), 0)
        um = np.minimum(bb / a, 0)
        fup = (0.5 * a * up - bb) * up + 0.5 * g * up * (up - 2 * th2)
        fum = (0.5 * a * um - bb) * um
        un = np.where(fup <= fum, up, um)
        tick("u")
        # trace row: L (3.1) and the step of (3.17)
        self.sig = np.maximum(un, 0)
        e1 = un - Pw
        e2 = hn - self.sig
        c1, c2 = np.vdot(e1, e1), np.vdot(e2, e2)
        res = self.Y - hn @ A.T - c
        P = (lam[0] * np.vdot(A, A) + lam[1] * np.vdot(W, W) + lam[2] * np.vdot(V, V) + lam[3] * np.vdot(b, b)
             + lam[4] * np.vdot(c, c) + lam[5] * np.vdot(un, un))
        L = np.vdot(res, res) / T + P + np.vdot(xi, e1) + np.vdot(zeta, e2) + 0.5 * g * (c1 + c2)
        new = (W, V, b, A, c, hn, un)
        step = np.sqrt(sum(np.vdot(x - y, x - y) for x, y in zip(new, old)))
        self.W, self.V, self.b, self.A, self.c, self.h, self.u = new
        tick("trace")
        return float(L), float(step)


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    iters = int(args[args.index("--iters") + 1]) if "--iters" in args else 30
    reps = int(args[args.index("--reps") + 1]) if "--reps" in args else 5
    with open(args[0]) as f:
        inst = json.load(f)
    times, cpu, Ls = [], [], None
    for rep in range(reps + 1):  # rep 0 warms up
        st = Bcd(inst)
        Lr = []
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(iters):
            Lr.append(st.step()[0])
        dt = (time.perf_counter() - t0) * 1000 / iters
        dc = (time.process_time() - c0) * 1000 / iters
        if rep > 0:
            times.append(dt)
            cpu.append(dc)
        Ls = Lr
    times.sort()
    cpu.sort()
    # one more run with a clock between blocks: where the time goes (ms per iteration)
    blocks = {"z": 0.0, "h": 0.0, "u": 0.0, "trace": 0.0}
    last = [0.0]

    def clock(name):
        now = time.process_time()
        blocks[name] += (now - last[0]) * 1000 / iters
        last[0] = now

    st = Bcd(inst)
    for _ in range(iters):
        last[0] = time.process_time()
        st.step(clock)
    print(json.dumps({"median_ms": times[len(times) // 2], "median_cpu_ms": cpu[len(cpu) // 2], "all_ms": times,
                      "L": Ls, "blocks_ms": blocks,
                      "threads": os.environ.get("OPENBLAS_NUM_THREADS"), "numpy": np.__version__}))


if __name__ == "__main__":
    main()
