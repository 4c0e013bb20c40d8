"""Prototype of the detection method on the five OSCD cities (numpy + scipy, Debian python), kept to make the
parameter choice reproducible: IR-MAD chi-square (log1p, 3x3 mean), robust-z threshold, index gates, 8-connected
minimum mapping unit; then a leave-one-city-out check of the parameter grid (choose on four cities, score the
fifth). Pixel units, no polygons: figures differ slightly from the TypeScript pipeline.

usage: /usr/bin/python3 tests/bench/ref/oscd_loco.py [/work/shared/data/oscd]
"""
import itertools
import sys
import numpy as np
import scipy.ndimage as ndi
from osgeo import gdal
from scipy.stats import chi2
import scipy.linalg as la

ROOT = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/oscd'
CITIES = ['beihai', 'aguasclaras', 'bordeaux', 'nantes', 'pisa']


def load(c):
    p = f'{ROOT}/{c}/'
    a = gdal.Open(p + 't1.tif').ReadAsArray().astype(np.float64)
    b = gdal.Open(p + 't2.tif').ReadAsArray().astype(np.float64)
    return a, b, gdal.Open(p + 'truth.tif').ReadAsArray()


def normalise(a, b):
    out = np.empty_like(b)
    for i in range(4):
        x, y, m = b[i].ravel(), a[i].ravel(), np.ones(b[i].size, bool)
        for _ in range(3):
            g, o = np.polyfit(x[m], y[m], 1)
            r = y - (o + g * x)
            m = np.abs(r) < 2 * 1.4826 * np.median(np.abs(r[m]))
        out[i] = o + g * b[i]
    return out


def irmad(a, b, iters=15):
    X, Y = a.reshape(4, -1).T, b.reshape(4, -1).T
    w = np.ones(len(X))
    for _ in range(iters):
        sw = w.sum()
        Xc, Yc = X - (w[:, None] * X).sum(0) / sw, Y - (w[:, None] * Y).sum(0) / sw
        Z = np.hstack([Xc, Yc])
        S = (w[:, None] * Z).T @ Z / sw
        S11, S22, S12 = S[:4, :4], S[4:, 4:], S[:4, 4:]
        lam, av = la.eigh(S12 @ np.linalg.solve(S22, S12.T), S11)
        bv = np.linalg.solve(S22, S12.T @ av)
        bv /= np.sqrt(np.einsum('ij,jk,ki->i', bv.T, S22, bv))
        bv *= np.sign(np.diag(av.T @ S12 @ bv))
        M = Xc @ av - Yc @ bv
        chisq = (M ** 2 / (2 * (1 - np.sqrt(np.clip(lam, 0, 1))))).sum(1)
        w = 1 - chi2.cdf(chisq, 4)
    return chisq.reshape(a.shape[1:])


def indices(x):
    B, G, R, N = x
    return (N - R) / (N + R), (G - N) / (G + N), x.mean(0) / 10000


DATA = []
for c in CITIES:
    a, b, t = load(c)
    b2 = normalise(a, b)
    n1, w1, br1 = indices(a)
    n2, w2, br2 = indices(b2)
    DATA.append(dict(t=t == 1, stat=np.log1p(irmad(a, b2)), n1=n1, n2=n2, w1=w1, w2=w2, br1=br1, br2=br2))


def detect(D, k, minpx, sm, v2, vth, bth, wth):
    s = ndi.uniform_filter(D['stat'], sm)
    med = np.median(s)
    z = (s - med) / (1.4826 * np.median(np.abs(s - med)))
    g = ~((D['w1'] > wth) & (D['w2'] > wth)) & ~((D['n1'] > vth) & (D['n2'] > vth))
    g &= ~((D['br1'] > bth) & (D['br2'] > bth)) & ~(D['n2'] > v2)
    m = (z > k) & g
    lab, n = ndi.label(m, np.ones((3, 3)))
    if n:
        m = np.concatenate([[False], ndi.sum(m, lab, np.arange(1, n + 1)) >= minpx])[lab]
    return m


def counts(m, t):
    return np.array([(m & t).sum(), (m & ~t).sum(), (~m & t).sum()])


def f1(c):
    tp, fp, fn = c
    return 2 * tp / max(2 * tp + fp + fn, 1)


GRID = dict(k=[1.5, 2, 2.5], minpx=[20, 30, 40], sm=[3, 5], v2=[0.35, 0.4, 0.45], vth=[0.25, 0.3],
            bth=[0.18, 0.2, 0.23], wth=[0, 0.05])
DEFAULT = dict(k=2, minpx=30, sm=3, v2=0.45, vth=0.3, bth=0.2, wth=0.05)
per = [counts(detect(D, **DEFAULT), D['t']) for D in DATA]
print('defaults: pooled F1 %.3f; ' % f1(sum(per)) + ' '.join(f'{c}={f1(x):.3f}' for c, x in zip(CITIES, per)))
combos = [dict(zip(GRID, v)) for v in itertools.product(*GRID.values())]
table = np.array([[counts(detect(D, **p), D['t']) for D in DATA] for p in combos])
held = np.zeros(3)
for i, c in enumerate(CITIES):
    train = [f1(table[j][[k for k in range(5) if k != i]].sum(0)) for j in range(len(combos))]
    best = int(np.argmax(train))
    held += table[best][i]
    print(f'held out {c}: train F1 {train[best]:.3f}, held-out F1 {f1(table[best][i]):.3f}, {combos[best]}')
print('leave-one-city-out pooled F1 %.3f' % f1(held))
