#!/usr/bin/env python3
"""Time TVDenoiseImageFilter against scikit-image's denoise_tv_chambolle on the same image.

Both solve the isotropic ROF problem min 1/2 ||u - f||^2 + lambda TV(u) (lambda = skimage's
weight) for the same number of iterations; the script prints both wall-clock times, their ratio
and both ROF objectives (computed here, in double, with the same discrete TV). It exits with 1
if our objective is higher than scikit-image's, i.e. if the speed came from doing less work.

    /usr/bin/python3 compare_tv_skimage.py BUILD/bin/itkTVDenoiseBenchmark [--size 2048]
        [--iterations 100] [--lambda 0.1] [--repetitions 3]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

try:
    from skimage.restoration import denoise_tv_chambolle
except ImportError:
    print("scikit-image is not importable: skipped")
    sys.exit(77)  # ctest's skip code


def rof_objective(u, f, weight):
    u = u.astype(np.float64)
    f = f.astype(np.float64)
    gx = np.zeros_like(u)
    gy = np.zeros_like(u)
    gx[:, :-1] = u[:, 1:] - u[:, :-1]
    gy[:-1, :] = u[1:, :] - u[:-1, :]
    return 0.5 * np.sum((u - f) ** 2) + weight * np.sum(np.sqrt(gx ** 2 + gy ** 2))


def run_ours(binary, path, args, threads):
    environment = dict(os.environ, EM_TV_BENCHMARK_INPUT=path)
    if threads is not None:
        environment["ITK_GLOBAL_DEFAULT_NUMBER_OF_THREADS"] = str(threads)
    command = [binary, f"--size={args.size}", f"--iterations={args.iterations}", f"--lambda={args.weight}",
               f"--benchmark_repetitions={args.repetitions}", "--benchmark_format=json"]
    output = subprocess.run(command, env=environment, check=True, capture_output=True, text=True).stdout
    runs = [b for b in json.loads(output)["benchmarks"] if b.get("run_type") == "iteration"]
    seconds = min(b["real_time"] for b in runs) / 1000.0  # reported in milliseconds
    return seconds, runs[0]["rof_objective"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("benchmark")
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--lambda", dest="weight", type=float, default=0.1)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()

    image = np.random.default_rng(0).random((args.size, args.size), dtype=np.float32)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "input.raw")
        image.tofile(path)
        ours, our_objective = run_ours(args.benchmark, path, args, None)
        ours_single, _ = run_ours(args.benchmark, path, args, 1)

    timings = []
    for _ in range(args.repetitions):
        start = time.perf_counter()
        result = denoise_tv_chambolle(image, weight=args.weight, eps=0.0, max_num_iter=args.iterations)
        timings.append(time.perf_counter() - start)
    theirs = min(timings)
    their_objective = rof_objective(result, image, args.weight)

    print(f"TV denoising, {args.size}x{args.size} float32, lambda {args.weight}, {args.iterations} iterations, "
          f"best of {args.repetitions}")
    print(f"  scikit-image {__import__('skimage').__version__} denoise_tv_chambolle: {theirs:8.3f} s   "
          f"ROF objective {their_objective:.6f}")
    print(f"  TVDenoiseImageFilter (FGP, all cores):     {ours:8.3f} s   ROF objective {our_objective:.6f}")
    print(f"  TVDenoiseImageFilter (FGP, one thread):    {ours_single:8.3f} s")
    print(f"  speed-up: {theirs / ours:.1f}x (all cores), {theirs / ours_single:.1f}x (one thread); "
          f"objective ratio ours/skimage {our_objective / their_objective:.6f}")
    if our_objective > their_objective * (1.0 + 1e-9):
        print("FAIL: our ROF objective is higher than scikit-image's at the same iteration count")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
