#!/usr/bin/env python3
"""Zero-loss alignment: EELSAlignFilter (AnalyticalEMAlignZeroLoss) against HyperSpy 1.7's
EELSSpectrum.align_zero_loss_peak on the same synthetic dual-EELS scan.

The scan (SIZE x SIZE pixels, 2048 channels of 0.25 eV from -10 eV) has a Gaussian zero loss of
1 eV FWHM with 2e4 counts at its maximum, a plasmon at 20 eV and Poisson noise; every pixel is
moved by a known fractional drift (uniform in -3 ... 3 channels). A core loss (power law with
Poisson noise) is aligned along with it, as in a dual acquisition.

What each aligner did is read off a third spectrum image aligned along with the others: a ramp
r[k] = k. Linear interpolation (both tools' default) moves a ramp exactly, so channel 0 of the
aligned ramp of pixel p is the input position the aligner mapped there, and the true zero loss
lies on aligned channel truth_p - ramp_p[0]. Its spread over the pixels (the standard deviation,
in channels) is the alignment error; a constant offset is a calibration, reported separately as
the energy of the true zero loss on the aligned axis (it should be 0 eV).

HyperSpy: subpixel=False (integer shifts from the maximum) and subpixel=True (its cross
correlation refinement); ours: Argmax, ModelFit and CrossCorrelation. Times are the alignment
alone (ours as printed by the program: filter update with fresh outputs, all cores; HyperSpy's
call, single-threaded numpy/scipy).

    /usr/bin/python3 compare_align_hyperspy.py BUILD/bin/AnalyticalEMAlignZeroLoss [--size 128]
"""
import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

from metaimage import read_mha, write_mha

N, OFFSET, DISPERSION = 2048, -10.0, 0.25


def gaussian(energy, centre, fwhm):
    sigma = fwhm / 2.3548200450309493
    return np.exp(-0.5 * ((energy - centre) / sigma) ** 2)


def make_scan(size, rng):
    drift = rng.uniform(-3.0, 3.0, (size, size))  # channels
    energy = OFFSET + DISPERSION * np.arange(N)
    centre = drift[..., None] * DISPERSION
    lowloss = 2e4 * (gaussian(energy, centre, 1.0) + 0.05 * gaussian(energy, centre + 20.0, 8.0))
    lowloss = rng.poisson(lowloss).astype(np.float32)
    core_energy = 300.0 + DISPERSION * np.arange(N)
    coreloss = rng.poisson(1e3 * (core_energy / 300.0) ** -3.0, (size, size, N)).astype(np.float32)
    ramp = np.broadcast_to(np.arange(N, dtype=np.float32), (size, size, N)).copy()
    truth = -OFFSET / DISPERSION + drift  # input channel of each true zero-loss centre
    return lowloss, coreloss, ramp, truth


def report(name, seconds, truth, ramp_start, aligned_offset):
    residual = truth - ramp_start  # aligned channel of the true zero loss
    zero = aligned_offset + DISPERSION * np.mean(residual)
    print(f"{name:28s} {seconds:8.3f} s   error std {np.std(residual):.4f} ch   "
          f"max |dev| {np.max(np.abs(residual - np.mean(residual))):.4f} ch   true zero loss at {zero:+.4f} eV")


def hyperspy_runs(lowloss, coreloss, ramp, truth):
    try:
        logging.getLogger("hyperspy").setLevel(logging.ERROR)
        warnings.simplefilter("ignore")
        import hyperspy.api as hs
    except ImportError as error:
        print(f"HyperSpy not available ({error}); skipped")
        sys.exit(77)

    def signal(cube, offset):
        s = hs.signals.EELSSpectrum(cube.astype(np.float64))
        s.axes_manager[-1].offset, s.axes_manager[-1].scale = offset, DISPERSION
        return s

    times = {}
    for subpixel in (False, True):
        ll, hl, rp = signal(lowloss, OFFSET), signal(coreloss, 300.0), signal(ramp, OFFSET)
        start = time.perf_counter()
        ll.align_zero_loss_peak(subpixel=subpixel, also_align=[hl, rp], crop=True, print_stats=False,
                                show_progressbar=False)
        times[subpixel] = time.perf_counter() - start
        report(f"HyperSpy subpixel={subpixel}", times[subpixel], truth, rp.data[..., 0],
               rp.axes_manager[-1].offset)
    return times


def ours(binary, folder, method, truth):
    output = subprocess.run([binary, os.path.join(folder, "lowloss.mha"), os.path.join(folder, method),
                             "--companion", os.path.join(folder, "coreloss.mha"),
                             "--companion", os.path.join(folder, "ramp.mha"), "--method", method],
                            check=True, capture_output=True, text=True).stdout
    seconds = float(output.split("alignment ")[1].split(" s")[0])
    ramp, _, _ = read_mha(os.path.join(folder, method, "companion1_aligned.mha"))
    _, offset, _ = read_mha(os.path.join(folder, method, "lowloss_aligned.mha"))
    report(f"ours {method}", seconds, truth, ramp[..., 0].astype(np.float64), offset)
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--size", type=int, default=128)
    args = parser.parse_args()
    lowloss, coreloss, ramp, truth = make_scan(args.size, np.random.default_rng(7))
    print(f"{args.size} x {args.size} x {N} channels, drifts uniform in -3 ... 3 channels")
    with tempfile.TemporaryDirectory() as folder:
        for name, cube, offset in (("lowloss", lowloss, OFFSET), ("coreloss", coreloss, 300.0), ("ramp", ramp, OFFSET)):
            write_mha(os.path.join(folder, name + ".mha"), cube, offset, DISPERSION)
        mine = {method: ours(args.binary, folder, method, truth) for method in ("argmax", "modelfit", "crosscorrelation")}
    theirs = hyperspy_runs(lowloss, coreloss, ramp, truth)
    print(f"speed-up: integer {theirs[False] / mine['argmax']:.0f}x (Argmax), "
          f"sub-channel {theirs[True] / mine['crosscorrelation']:.0f}x (CrossCorrelation), "
          f"{theirs[True] / mine['modelfit']:.0f}x (ModelFit)")


if __name__ == "__main__":
    main()
