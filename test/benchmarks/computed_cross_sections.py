#!/usr/bin/env python3
"""What computed cross sections cost a user of aem-eels-quantify.

Runs the programs as users run them (fresh processes) on the seed scan of aem-eels-simulate
(SIZE x SIZE x 2048; C K, N K, O K, Fe L): quantification with hydrogenic cross sections, then
with --crossSections computed on an empty cache (every table computed: C K1, N K1, O K1,
Fe L23, Fe L1), then again with the cache filled. Prints the wall times and the tables' files.
Then, per edge, what its tables cost: the same program on a 2 x 2 scan whose axis (150-2197 eV)
holds the edge, with an empty cache and again cached; the difference is the tables' computation.

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
        print_table_costs(program, path, environment)
    return 0


def print_table_costs(program, path, environment):
    run([program("aem-eels-simulate"), path("small-cl.mha"), path("small-ll.mha"), "--width", "2", "--height", "2"],
        environment)
    print("\nper edge, 2x2 scan, axis 150-2197 eV: the tables' cost is the empty-cache run minus the cached one")
    print("| edge | tables | empty cache s | cached s | per table s |")
    print("|---|---|---|---|---|")
    for edge in ("C:K", "O:K", "Ti:L", "Fe:L", "Dy:M", "U:N"):
        cache = path("cache-" + edge.replace(":", "-"))
        edge_environment = dict(environment, AEM_GOS_CACHE=cache)
        command = [program("aem-eels-quantify"), path("small-cl.mha"), path("small-ab.mha"), "--edges", edge,
                   "--crossSections", "computed", "--coreLossOffset", "150", "--coreLossDispersion", "1",
                   "--singleScattering"]
        times = []
        for _ in range(2):
            if os.path.exists(path("small-ab.mha")):
                os.remove(path("small-ab.mha"))
            times.append(run(command, edge_environment))
        tables = sorted(os.listdir(cache))
        per_table = (times[0] - times[1]) / len(tables)
        print(f"| {edge} | {' '.join(t.split('_')[1] for t in tables)} | {times[0]:.2f} | {times[1]:.2f} | "
              f"{per_table:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
