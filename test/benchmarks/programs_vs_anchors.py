#!/usr/bin/env python3
"""The programs as users run them against the tools users have, on the same data, in one run.

Each aem-* program runs in a fresh process on MetaImage files and is timed from start to exit
(reading, computing, writing with its fsync and check, all cores). Each anchor runs in this
Python process on arrays already in memory, so its time is its call alone (the reading, writing
and import time of the anchor are left out, in its favour):

  - align:     aem-eels-align (argmax; the default, cross-correlation with the cubic shift; the
               same with the Fourier shift) and
               HyperSpy 1.7 EELSSpectrum.align_zero_loss_peak (subpixel False / True), low loss
               and core loss aligned together;
  - quantify:  aem-eels-quantify with the low loss convolved per pixel and all CRLB maps, and
               HyperSpy 1.7's model fit (four power laws, four hydrogenic edges convolved with the
               low loss, lstsq) on two blocks of pixels, extrapolated to the whole scan;
  - thickness: aem-eels-thickness and HyperSpy 1.7 estimate_elastic_scattering_threshold +
               estimate_thickness;
  - TV:        aem-tv-denoise (100 iterations) and scikit-image denoise_tv_chambolle (100
               iterations) on a 2048 x 2048 image;
  - fusion:    aem-fuse in the reference mode (30 iterations) and the published loop run with
               numpy/scipy (compare_fusion_reference.py), 512 x 512 x 3 maps;
  - with --pyeelsmodel DIR (a checkout of pyEELSMODEL): its three alignments (argmax, model fit,
               cross-correlation) against aem-eels-align's, and its fit with the four CRLB maps
               on two blocks of pixels, extrapolated to the whole scan (pyeelsmodel_anchor.py).

A fit's time on a block has a fixed part (the cross sections, set-up) and a part per pixel, so an
anchor's whole-scan time is the straight line through its times on a block and on a block of a
quarter the pixels, taken to the scan's pixel count.

Beside each program: its reading, computing and writing stages as it prints them, and the
floor, one read of its inputs and one write of its outputs at the warm memory bandwidth measured
here (a numpy copy). The table is printed as Markdown, for the README. The
spectrum images are the seed scan of aem-eels-simulate (SIZE x SIZE x 2048, C/N/O/Fe, drift and
Poisson noise).

    /usr/bin/python3 programs_vs_anchors.py BUILD/bin [--size 128] [--hyperspy-pixels 256]
        [--pyeelsmodel DIR [--pyeelsmodel-pixels 64]]
"""
import argparse
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

from metaimage import read_mha, write_mha

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def run(program, *arguments):
    """Wall-clock seconds of a fresh process, and the stage times it printed."""
    start = time.perf_counter()
    result = subprocess.run([program, *arguments], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{os.path.basename(program)} failed: {result.stderr.strip()}")
    stages = {m.group(1): float(m.group(2)) for m in re.finditer(r": (.+) done in ([0-9.]+) s", result.stdout)}
    return seconds, stages


def warm_bandwidth():
    """Bytes per second of a copy between two warm 256 MiB buffers (read + write counted once each)."""
    source = np.ones(32 << 20)
    target = np.empty_like(source)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        np.copyto(target, source)
        best = min(best, time.perf_counter() - start)
    return 2 * source.nbytes / best


def hyperspy():
    logging.getLogger("hyperspy").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    import hyperspy.api as hs
    return hs


def eels_signal(hs, path):
    data, offset, dispersion = read_mha(path)
    signal = hs.signals.EELSSpectrum(data.astype(np.float64))
    axis = signal.axes_manager[-1]
    axis.offset, axis.scale, axis.units = offset, dispersion, "eV"
    return signal


def timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


class Table:
    def __init__(self, bandwidth):
        self.bandwidth = bandwidth
        self.rows = []

    def add(self, task, ours, timing, anchor, anchor_seconds, files):
        """timing: the program's wall time and stage times; files: what it read and wrote."""
        seconds, stages = timing
        work = sum(t for name, t in stages.items() if name not in ("reading", "writing"))
        floor = sum(os.path.getsize(f) for f in files) / self.bandwidth
        self.rows.append((task, ours, seconds, stages.get("reading", 0.0), work, stages.get("writing", 0.0), floor,
                          anchor, anchor_seconds))

    def print(self):
        print(f"| task | program (fresh process) | wall s | read s | compute s | write s | floor s | anchor (in memory) "
              f"| anchor s | anchor / program |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for task, ours, seconds, read, work, write, floor, anchor, anchor_seconds in self.rows:
            ratio = f"{anchor_seconds / seconds:.1f}x" if anchor_seconds else "-"
            anchor_time = f"{anchor_seconds:.2f}" if anchor_seconds else "-"
            print(f"| {task} | {ours} | {seconds:.2f} | {read:.2f} | {work:.2f} | {write:.2f} | {floor:.3f} | "
                  f"{anchor or '-'} | {anchor_time} | {ratio} |")


def spectra(table, bin_folder, folder, size, hyperspy_pixels, pyeelsmodel):
    program = lambda name: os.path.join(bin_folder, name)
    cl, ll = os.path.join(folder, "cl.mha"), os.path.join(folder, "ll.mha")
    timing = run(program("aem-eels-simulate"), cl, ll, "--width", str(size), "--height", str(size))
    table.add("simulate seed scan", "aem-eels-simulate", timing, "", 0.0, [cl, ll])

    hs = hyperspy()
    low, core = eels_signal(hs, ll), eels_signal(hs, cl)
    anchors = {}
    for subpixel in (False, True):
        a, b = low.deepcopy(), core.deepcopy()
        anchors[subpixel] = timed(lambda: a.align_zero_loss_peak(subpixel=subpixel, also_align=[b], crop=True,
                                                                 print_stats=False, show_progressbar=False))
    outputs = [os.path.join(folder, n) for n in ("lla.mha", "cla.mha")]
    for label, extra, subpixel in (("argmax", ["--method", "argmax"], False), ("default", [], True),
                                   ("--shift fourier", ["--shift", "fourier"], True)):
        timing = run(program("aem-eels-align"), ll, outputs[0], "--coreLoss", cl, "--alignedCoreLoss", outputs[1], *extra)
        table.add(f"align LL + CL, {'integer' if not subpixel else 'sub-channel'}", f"aem-eels-align {label}", timing,
                  f"HyperSpy align_zero_loss_peak subpixel={subpixel}", anchors[subpixel], [ll, cl, *outputs])

    abundances, crlb = os.path.join(folder, "ab.mha"), os.path.join(folder, "crlb.mha")
    timing = run(program("aem-eels-quantify"), outputs[1], abundances, "--lowLoss", outputs[0], "--crlb", crlb)
    block = int(np.sqrt(hyperspy_pixels))
    scan = extrapolated(lambda b: quantify_hyperspy(hs, outputs[1], outputs[0], b), block, size * size)
    table.add("quantify, per-pixel LL, CRLB maps", "aem-eels-quantify --lowLoss --crlb", timing,
              f"HyperSpy multifit ({block * block // 4} and {block * block} px, extrapolated)", scan,
              [outputs[0], outputs[1], abundances, crlb])

    if pyeelsmodel:
        pyeelsmodel_rows(table, program, folder, size, pyeelsmodel, [ll, cl], outputs, [abundances, crlb], timing)

    thickness = os.path.join(folder, "t.mha")
    timing = run(program("aem-eels-thickness"), ll, thickness)
    # HyperSpy needs the end of the zero loss first (the program finds it itself): both timed.
    anchor = timed(lambda: low.estimate_thickness(threshold=low.estimate_elastic_scattering_threshold(window=10.0)))
    table.add("t/lambda", "aem-eels-thickness", timing, "HyperSpy estimate_thickness", anchor, [ll, thickness])


def pyeelsmodel_rows(table, program, folder, size, pyeelsmodel, inputs, aligned, maps, quantify_timing):
    """pyEELSMODEL's alignments and fit beside the programs that do the same."""
    import pyeelsmodel_anchor as p
    checkout, pixels = pyeelsmodel
    pem = p.load(checkout)
    seconds = p.align_seconds(pem, read_mha(inputs[0]), read_mha(inputs[1]))
    for label, extra, anchor in (("argmax", ["--method", "argmax"], "argmax"),
                                 ("--method modelfit", ["--method", "modelfit"], "model fit"),
                                 ("default", [], "cross-correlation")):
        timing = run(program("aem-eels-align"), inputs[0], aligned[0], "--coreLoss", inputs[1], "--alignedCoreLoss",
                     aligned[1], *extra)
        table.add(f"align LL + CL, {anchor}", f"aem-eels-align {label}", timing, f"pyEELSMODEL {anchor}",
                  seconds[anchor], [*inputs, *aligned])
    block = int(np.sqrt(pixels))
    low, core = read_mha(aligned[0]), read_mha(aligned[1])
    scan = extrapolated(lambda b: p.quantify_seconds(pem, low, core, b), block, size * size)
    table.add("quantify, per-pixel LL, CRLB maps", "aem-eels-quantify --lowLoss --crlb", quantify_timing,
              f"pyEELSMODEL fit + 4 CRLB maps ({block * block // 4} and {block * block} px, extrapolated)", scan,
              [*aligned, *maps])


def extrapolated(seconds_on_block, block, pixels):
    """Whole-scan seconds from the times on block x block and (block / 2) x (block / 2) corners."""
    half = block // 2
    small, large = seconds_on_block(half), seconds_on_block(block)
    per_pixel = max(large - small, 0.0) / (block * block - half * half)
    return large + per_pixel * (pixels - block * block)


def quantify_hyperspy(hs, coreloss, lowloss, block):
    """Seconds of HyperSpy's multifit on a block x block corner of the scan."""
    import compare_quantify_hyperspy as q
    cube, offset, dispersion = read_mha(coreloss)
    low, low_offset, _ = read_mha(lowloss)
    seconds, _ = q.hyperspy_fit(cube[:block, :block].astype(np.float64), offset, dispersion,
                                low[:block, :block].astype(np.float64), low_offset)
    return seconds


def tv(table, bin_folder, folder):
    from skimage.restoration import denoise_tv_chambolle
    image = np.random.default_rng(0).random((2048, 2048), dtype=np.float32)
    source, target = os.path.join(folder, "tv.mha"), os.path.join(folder, "tv_out.mha")
    write_image(source, image)
    timing = run(os.path.join(bin_folder, "aem-tv-denoise"), source, target, "--lambda", "0.1", "--iterations", "100",
                 "--tolerance", "0")
    anchor = timed(lambda: denoise_tv_chambolle(image, weight=0.1, eps=0.0, max_num_iter=100))
    table.add("TV 2048^2, 100 iterations", "aem-tv-denoise", timing, "scikit-image denoise_tv_chambolle", anchor,
              [source, target])


def fusion(table, bin_folder, folder):
    import compare_fusion_reference as f
    haadf, maps = f.phantom(512)
    paths = [os.path.join(folder, f"fusion_{n}.mha") for n in ("haadf", "a", "b", "c")]
    for path, image in zip(paths, [haadf, *maps]):
        write_image(path, image)
    fused = os.path.join(folder, "fused.mha")
    arguments = [paths[0], fused, "--map", paths[1], "--map", paths[2], "--map", paths[3], "--mode", "reference",
                 "--atomicNumbers", "21,66,8", "--iterations", "30"]
    timing = run(os.path.join(bin_folder, "aem-fuse"), *arguments)
    anchor = 30 * f.reference_loop(haadf, maps, 30)
    table.add("fusion 512^2 x 3, 30 iterations", "aem-fuse --mode reference", timing,
              "published loop (numpy/scipy)", anchor, [*paths, fused])


def write_image(path, image):
    """A 2-D float image as MetaImage."""
    with open(path, "wb") as out:
        out.write((f"ObjectType = Image\nNDims = 2\nDimSize = {image.shape[1]} {image.shape[0]}\n"
                   f"ElementType = MET_FLOAT\nElementDataFile = LOCAL\n").encode())
        out.write(np.ascontiguousarray(image, dtype=np.float32).tobytes())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bin")
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--hyperspy-pixels", type=int, default=256)
    parser.add_argument("--pyeelsmodel", metavar="DIR", help="a checkout of pyEELSMODEL, run as a further anchor")
    parser.add_argument("--pyeelsmodel-pixels", type=int, default=64)
    args = parser.parse_args()
    bandwidth = warm_bandwidth()
    print(f"warm memory bandwidth (numpy copy, read + write): {bandwidth / 2**30:.1f} GiB/s; "
          f"{os.cpu_count()} cores")
    table = Table(bandwidth)
    with tempfile.TemporaryDirectory() as folder:
        spectra(table, args.bin, folder, args.size, args.hyperspy_pixels,
                (args.pyeelsmodel, args.pyeelsmodel_pixels) if args.pyeelsmodel else None)
        tv(table, args.bin, folder)
        fusion(table, args.bin, folder)
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
