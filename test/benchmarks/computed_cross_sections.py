#!/usr/bin/env python3
"""What computed cross sections cost a user of aem-eels-quantify.

Runs the programs as users run them (fresh processes) on the seed scan of aem-eels-simulate
(SIZE x SIZE x 2048; C K, N K, O K, Fe L): quantification with hydrogenic cross sections, then
with --crossSections computed on an empty cache (every table computed: C K1, N K1, O K1,
Fe L23, Fe L1), then again with the cache filled. Prints the wall times and the tables' files.

    /usr/bin/python3 test/benchmarks/computed_cross_sections.py build/bin [--size 64]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time


def run(command, environment):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{os.path.basename(command[0])} failed: {result.stderr.strip()}")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bin")
    parser.add_argument("--size", type=int, default=64)
    args = parser.parse_args()
    program = lambda name: os.path.join(args.bin, name)  # noqa: E731
    with tempfile.TemporaryDirectory() as folder:
        path = lambda name: os.path.join(folder, name)  # noqa: E731
        environment = dict(os.environ, AEM_GOS_CACHE=path("cache"))
        run([program("aem-eels-simulate"), path("cl.mha"), path("ll.mha"), "--width", str(args.size), "--height",
             str(args.size)], environment)
        quantify = [program("aem-eels-quantify"), path("cl.mha"), path("ab.mha"), "--lowLoss", path("ll.mha")]
        rows = []
        for label, extra in (("hydrogenic", []), ("computed, empty cache", ["--crossSections", "computed"]),
                             ("computed, cached", ["--crossSections", "computed"])):
            if os.path.exists(path("ab.mha")):
                os.remove(path("ab.mha"))
            rows.append((label, run(quantify + extra, environment)))
        print(f"aem-eels-quantify on the {args.size}x{args.size}x2048 seed scan, {os.cpu_count()} cores")
        print("| cross sections | wall s |")
        print("|---|---|")
        for label, seconds in rows:
            print(f"| {label} | {seconds:.2f} |")
        print("computed tables:", ", ".join(sorted(os.listdir(path("cache")))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
