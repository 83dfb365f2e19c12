"""Helpers of the Python tests of the wrapped ITKAnalyticalEM modules.

Each test script is run as `script.py --cli-dir DIR --shared DIR --output-dir DIR` (see
AnalyticalEMPythonTest.cmake). The C++ programs in --cli-dir (aem-tv-denoise, aem-fuse, ...) run
the same filters from C++, so that the tests can compare the two routes on the same input. Both
run the same template code, compiled by the same compiler with the same flags, on the same number
of threads, so the comparisons ask for identical numbers (tolerance 0).
"""

import argparse
import os
import subprocess
import sys

import numpy as np

SKIPPED = 77


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli-dir", default="")
    parser.add_argument("--shared", default="")
    parser.add_argument("--output-dir", required=True)
    parsed = parser.parse_args()
    os.makedirs(parsed.output_dir, exist_ok=True)
    return parsed


def skip(reason):
    print(f"SKIPPED: {reason}")
    sys.exit(SKIPPED)


def shared_file(args, relative):
    """A file of the shared data folder; skips the test when it is absent."""
    path = os.path.join(args.shared, relative)
    if not args.shared or not os.path.exists(path):
        skip(f"shared data file {relative} not found under '{args.shared}'")
    return path


def program(args, name):
    """The C++ program `name`; skips the test when no program folder was configured."""
    if not args.cli_dir:
        skip("no C++ programs to compare with (configure with -DAnalyticalEM_CLI_DIR=<build>/bin)")
    path = os.path.join(args.cli_dir, name)
    if not os.access(path, os.X_OK):
        raise FileNotFoundError(f"{path} is not an executable: build the C++ project first")
    return path


def run(executable, *arguments):
    # The C++ programs link their own ITK: not the wrapped one the test environment put on the library path.
    environment = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "PYTHONPATH")}
    completed = subprocess.run([executable, *map(str, arguments)], capture_output=True, text=True, env=environment)
    if completed.returncode != 0:
        message = (completed.stderr + completed.stdout).strip()
        raise RuntimeError(f"{os.path.basename(executable)} failed ({completed.returncode}): {message}")
    return completed


def output(args, name):
    return os.path.join(args.output_dir, name)


def assert_close(actual, expected, tolerance, what):
    """max |actual - expected| <= tolerance (NaN only where the other is NaN); prints the value."""
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if actual.shape != expected.shape:
        raise AssertionError(f"{what}: shape {actual.shape} != {expected.shape}")
    nan = np.isnan(actual)
    if not np.array_equal(nan, np.isnan(expected)):
        raise AssertionError(f"{what}: NaN at different pixels")
    difference = float(np.max(np.abs(actual[~nan] - expected[~nan]), initial=0.0))
    print(f"{what}: max |difference| = {difference:.3g} (tolerance {tolerance:.3g})")
    if not difference <= tolerance:
        raise AssertionError(f"{what}: max |difference| {difference:.6g} > {tolerance:.6g}")


def check(condition, message):
    print(("ok: " if condition else "FAILED: ") + message)
    if not condition:
        raise AssertionError(message)
