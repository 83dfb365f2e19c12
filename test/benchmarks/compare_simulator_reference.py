#!/usr/bin/env python3
"""Time CoreLossSimulator against the seed simulation's per-pixel loop written with numpy.

pyEELSMODEL itself is not packaged for Debian, so the comparison is its CoreLossSimulator
algorithm as a plain numpy loop over pixels, exactly as pyEELSMODEL runs it: per pixel the
zero-loss peak plus Drude plasmons, the power law on a 2N-channel axis convolved with the low loss
(real FFTs of length N + 2P, both signals padded by P on each side), interpolated onto the
core-loss axis and scaled, the edges (cross sections computed once, here by the project's
AnalyticalEMCrossSection) scaled by the abundances and convolved the same way, and a Poisson
draw. It runs on a sample of pixels of the 128 x 128 seed scan; its time per pixel is scaled to
the whole scan. The project's time comes from itkEELSBenchmark (SeedSimulation/128, all
cores, set-up included). pyEELSMODEL's notebook reports 12 s + 37 s for the same scan.

    /usr/bin/python3 compare_simulator_reference.py BUILD/bin/itkEELSBenchmark \\
        BUILD/bin/AnalyticalEMCrossSection [--sample 256]
"""
import argparse
import json
import subprocess
import sys
import time

import numpy as np

N, OFFSET, DISPERSION = 2048, 200.0, 0.5
E0, BETA = 300e3, 20e-3
ELEMENTS = [("C", "K", 6), ("N", "K", 7), ("O", "K", 8), ("Fe", "L", 26)]


def cross_sections(binary):
    sections = []
    for element, edge, _ in ELEMENTS:
        lines = subprocess.run([binary, element, edge], check=True, capture_output=True,
                               text=True).stdout.splitlines()[1:]
        sections.append(np.array([float(line.split(",")[1]) for line in lines]))
    return sections


def seed_maps(size=128):
    x, y = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    r = np.hypot(x - size // 2, y - size // 2)
    rect = lambda x0, y0, w, h: ((x >= x0) & (x < x0 + w) & (y >= y0) & (y < y0 + h)).astype(float)
    ring = lambda a, b: ((r >= a) & (r < b)).astype(float)
    maps = [np.ones((size, size)), 2 * rect(5, 5, 20, 20) + rect(90, 90, 20, 30), ring(20, 30),
            ring(0, 20) + 0.5 * ring(20, 30)]
    t = sum(z * m for (_, _, z), m in zip(ELEMENTS, maps))
    return maps, t / t.max()


def convolve(model, lowloss):
    """pyEELSMODEL's MscatterFFT: pad both by P, real FFTs, roll by the ZLP maximum, crop."""
    p = lowloss.size
    padded_ll = np.pad(lowloss / lowloss.sum(), (p, model.size))
    padded_model = np.pad(model, (p, p))
    length = padded_model.size
    conv = np.fft.irfft(np.fft.rfft(padded_model) * np.fft.rfft(padded_ll[:length], length), length)
    return np.roll(conv, -(p + np.argmax(lowloss)))[p:p + model.size]


def reference_loop(sections, maps, thickness, pixels, rng):
    gamma = 1 + 1.602e-19 * E0 / (9.110e-31 * 2.998e8 ** 2)
    v = 2.998e8 * np.sqrt(1 - 1 / gamma ** 2)
    mv2 = 9.110e-31 * v ** 2 * 6.24150913e18
    ll_energy = -10.0 + DISPERSION * np.arange(N)
    cl_energy = OFFSET + DISPERSION * np.arange(N)
    sigma = 1.0 / (2 * np.sqrt(2 * np.log(2)))
    zlp = np.exp(-0.5 * (ll_energy / sigma) ** 2)
    bg_start = max(OFFSET - 0.5 * N * DISPERSION, DISPERSION)
    bg_energy = bg_start + DISPERSION * np.arange(2 * N)
    start = time.perf_counter()
    for (ix, iy) in pixels:
        t = thickness[ix, iy]
        e = ll_energy[ll_energy > 0]
        theta = e / (gamma * mv2)
        total = np.zeros(N)
        for k in range(1, 6):
            eps = 1 - (k * 22.0) ** 2 / (e ** 2 - 1.0 + 1j * e * 5.0)
            s = np.zeros(N)
            s[ll_energy > 0] = np.imag(-1 / eps) * np.log(1 + BETA ** 2 / theta ** 2)
            total += np.exp(-t) * t ** k / np.math.factorial(k) * s
        lowloss = zlp + (np.exp(t) - 1) * zlp.sum() * total / total.sum()
        powerlaw = 1000.0 * ((100.0 + DISPERSION * np.arange(2 * N)) / 100.0) ** -3
        background = np.interp(cl_energy, bg_energy, convolve(powerlaw, lowloss), left=0, right=0)
        background *= 1000.0 / background[0]
        edges = sum(m[ix, iy] * s for m, s in zip(maps, sections))
        rng.poisson(background + convolve(edges, lowloss))
    return (time.perf_counter() - start) / len(pixels)


def ours(binary):
    output = subprocess.run([binary, "--benchmark_filter=SeedSimulation/128", "--benchmark_format=json",
                             "--benchmark_repetitions=3"], check=True, capture_output=True, text=True).stdout
    runs = [r for r in json.loads(output)["benchmarks"] if r.get("run_type") == "iteration"]
    return min(r["real_time"] for r in runs) / 1000.0  # milliseconds per run


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("benchmark")
    parser.add_argument("cross_section_binary")
    parser.add_argument("--sample", type=int, default=256, help="pixels the numpy loop runs")
    args = parser.parse_args()
    maps, thickness = seed_maps()
    rng = np.random.default_rng(12345)
    flat = rng.choice(128 * 128, size=min(args.sample, 128 * 128), replace=False)
    pixels = [(p // 128, p % 128) for p in flat]
    per_pixel = reference_loop(cross_sections(args.cross_section_binary), maps, thickness, pixels, rng)
    reference_total = per_pixel * 128 * 128
    our_total = ours(args.benchmark)
    print("Core-loss simulation, 128 x 128 x 2048, C/N/O/Fe, convolved background, drift, Poisson noise")
    print(f"  numpy per-pixel loop (pyEELSMODEL's algorithm): {per_pixel * 1e3:7.2f} ms per pixel "
          f"({len(pixels)} pixels timed), {reference_total:6.1f} s for the scan")
    print(f"  CoreLossSimulator (all cores, set-up included):                  {our_total:6.2f} s for the scan")
    print(f"  speed-up: {reference_total / our_total:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
