"""NumPy reference for one vanilla ADMMiRNN iteration (TKS Algorithm 1, the corrected updates of
src/papers/tks/solver/blocks.ts), single-threaded BLAS, for bench/tks-iteration.ts.

Usage: OPENBLAS_NUM_THREADS=1 python3 tks_iteration.py IN.json OUT.json [reps]

IN.json (written by the TS bench): dims {N, B, d, h, q}, hyper {nu, rho1, rho2, rho3, r, omega}, params
{u, w, b, v, c} (flat, row-major, paper shapes), s0 (B*h), x (N*B symbol indices), y (N*B class indices).
The iteration starts from the RNN's feasible point (a, s, o of (4)) with lambda = 0, exactly as a visit of
trainText does. OUT.json: the parameters after one iteration and the median wall time (ms) over `reps` runs.
"""
import json
import sys
import time

import numpy as np

C_TANH = 4.0 / (3.0 * np.sqrt(3.0))
BETA_MAX = 8
STEPS_PER_UNIT = 64


def _f(beta, t):
    return (1 - t * t) * (1 + 2 * beta * t - 3 * t * t)


def curvature_sup(beta):
    """sup over t in [-1, 1] of (1 - t^2)(1 + 2 beta t - 3 t^2): the same bisection as problem/curvature.ts."""
    def df(t):
        return 12 * t * t * t - 6 * beta * t * t - 8 * t + 2 * beta
    best = max(_f(beta, -1.0), _f(beta, 1.0))
    n = 64
    t0 = -1.0
    d0 = df(t0)
    for k in range(1, n + 1):
        t1 = -1 + (2 * k) / n
        d1 = df(t1)
        if d0 == 0:
            best = max(best, _f(beta, t0))
        elif d0 * d1 < 0:
            lo, hi, dlo = t0, t1, d0
            for _ in range(80):
                mid = 0.5 * (lo + hi)
                dm = df(mid)
                if dm * dlo <= 0:
                    hi = mid
                else:
                    lo, dlo = mid, dm
            best = max(best, _f(beta, lo), _f(beta, hi))
        t0, d0 = t1, d1
    return best


TABLE = np.array([curvature_sup(-BETA_MAX + i / STEPS_PER_UNIT) + 1e-12 for i in range(2 * BETA_MAX * STEPS_PER_UNIT + 1)])


def curvature_bound(beta):
    """Entrywise upper bound of the curvature of 1/2 (beta - tanh a)^2: the table of problem/curvature.ts."""
    x = (beta + BETA_MAX) * STEPS_PER_UNIT
    inside = (x >= 0) & (x <= 2 * BETA_MAX * STEPS_PER_UNIT)
    xi = np.where(inside, x, 0.0)
    i = np.floor(xi).astype(np.int64)
    j = np.minimum(i + 1, len(TABLE) - 1)
    tab = np.where(i == xi, TABLE[i], np.maximum(TABLE[i], TABLE[j]))
    return np.where(inside, tab, 1 + C_TANH * (np.abs(beta) + 1))


def run(inp):
    d = inp['dims']
    N, B, dd, h, q = d['N'], d['B'], d['d'], d['h'], d['q']
    hp = inp['hyper']
    nu, r1, r2, r3, r, om = hp['nu'], hp['rho1'], hp['rho2'], hp['rho3'], hp['r'], hp['omega']
    M = N * B
    H = 1.0 / (2 * M)
    rp = N * B * r
    P = inp['params']
    u = np.array(P['u']).reshape(h, dd)
    w = np.array(P['w']).reshape(h, h)
    b = np.array(P['b'])
    v = np.array(P['v']).reshape(q, h)
    c = np.array(P['c'])
    s0 = np.array(inp['s0']).reshape(B, h)
    x = np.array(inp['x'], dtype=np.int64)
    y = np.array(inp['y'], dtype=np.int64)
    onehot_y = np.zeros((M, q))
    onehot_y[np.arange(M), y] = 1.0
    # per-row weights: rows [0, (N-1)B) are t < N
    k1 = np.full((M, 1), nu); k1[(N - 1) * B:] = r1
    k2 = np.full((M, 1), nu); k2[(N - 1) * B:] = r2
    k3 = np.full((M, 1), nu); k3[(N - 1) * B:] = r3
    last = slice((N - 1) * B, M)
    # feasible start
    A = np.empty((M, h)); S = np.empty((M, h))
    prev = s0
    for t in range(N):
        rows = slice(t * B, (t + 1) * B)
        A[rows] = u.T[x[rows]] + prev @ w.T + b
        S[rows] = np.tanh(A[rows])
        prev = S[rows]
    O = S @ v.T + c
    l1 = np.zeros((B, h)); l2 = np.zeros((B, h)); l3 = np.zeros((B, q))
    I = np.eye(h)

    def sprev():
        return np.vstack([s0, S[:-B]])

    def ux():
        return u.T[x]

    def step(name):
        nonlocal u, w, b, v, c, A, S, O
        if name == 'o':
            z = O - O.max(1, keepdims=True); e = np.exp(z); p = e / e.sum(1, keepdims=True)
            g = (p - onehot_y) / M
            num = H * O - g + k3 * (S @ v.T + c)
            num[last] -= l3
            O = num / (H + k3)
        elif name == 'c':
            c = ((k3 * (O - S @ v.T)).sum(0) + l3.sum(0)) / (B * ((N - 1) * nu + r3))
        elif name == 'v':
            Q3 = k3 * (O - c); Q3[last] += l3
            G = (S * k3).T @ S + rp * I
            v = np.linalg.solve(G, S.T @ Q3 + rp * v.T).T
        elif name == 's':
            Q3 = k3 * (O - c); Q3[last] += l3
            Q1 = k1 * (A - ux() - b); Q1[last] += l1
            R = k2 * np.tanh(A) + r * S
            R[last] -= l2
            R += Q3 @ v
            R[:-B] += Q1[B:] @ w
            vtv = v.T @ v; wtw = w.T @ w
            Snew = np.empty_like(S)
            if N > 2:
                Snew[:(N - 2) * B] = np.linalg.solve(nu * vtv + nu * wtw + (nu + r) * I, R[:(N - 2) * B].T).T
            if N > 1:
                rows = slice((N - 2) * B, (N - 1) * B)
                Snew[rows] = np.linalg.solve(nu * vtv + r1 * wtw + (nu + r) * I, R[rows].T).T
            Snew[last] = np.linalg.solve(r3 * vtv + (r2 + r) * I, R[last].T).T
            S = Snew
        elif name == 'a':
            k1a = k1 * (ux() + sprev() @ w.T + b); k1a[last] -= l1
            beta = S.copy(); beta[last] += l2 / r2
            th = np.tanh(A)
            g = -k2 * (beta - th) * (1 - th * th)
            tau = k2 * curvature_bound(beta) + r
            A = (k1a + tau * A - g) / (k1 + tau)
        elif name == 'b':
            b = ((k1 * (A - ux() - sprev() @ w.T)).sum(0) + l1.sum(0)) / (B * ((N - 1) * nu + r1))
        elif name == 'w':
            Q1 = k1 * (A - ux() - b); Q1[last] += l1
            Sp = sprev()
            G = (Sp * k1).T @ Sp + (rp + om) * I
            w = np.linalg.solve(G, Sp.T @ Q1 + rp * w.T).T
        elif name == 'u':
            Q1 = k1 * (A - sprev() @ w.T - b); Q1[last] += l1
            cnt = np.bincount(x, weights=k1[:, 0], minlength=dd)
            acc = np.zeros((dd, h)); np.add.at(acc, x, Q1)
            u = ((acc + rp * u.T) / (cnt + rp)[:, None]).T

    for name in ['o', 'c', 'v', 's', 'a', 'b', 'w', 'u', 'u', 'w', 'b', 'a', 's', 'v', 'c', 'o']:
        step(name)
    Sp = sprev()
    l1 += r1 * (A[last] - ux()[last] - Sp[last] @ w.T - b)
    l2 += r2 * (S[last] - np.tanh(A[last]))
    l3 += r3 * (O[last] - S[last] @ v.T - c)
    return {'u': u.ravel().tolist(), 'w': w.ravel().tolist(), 'b': b.tolist(), 'v': v.ravel().tolist(), 'c': c.tolist(),
            'l1': l1.ravel().tolist(), 'l3': l3.ravel().tolist()}


def main():
    inp = json.load(open(sys.argv[1]))
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 21
    out = run(inp)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        run(inp)
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    out['medianMs'] = times[len(times) // 2]
    out['timesMs'] = times
    out['numpy'] = np.__version__
    json.dump(out, open(sys.argv[2], 'w'))


if __name__ == '__main__':
    main()
