#!/usr/bin/env python3
"""Nothing lost, nothing corrupted: the aem-* programs as a user's disk, a kill or a hostile file
treat them.

  1. Cases that once replaced, truncated or corrupted files, or crashed (each fails on a program
     without the output transaction and the input checks): hostile .hspy files, a full disk, a
     return-parameter file that is a device or an input, a truncated .mha, a failure in the middle
     of the commit, outputs that collide, folders that are not empty, mismatched arguments.
  2. Fault injection (LD_PRELOAD, aem_fault_injection.c) for every program family: the disk fills
     up after N bytes for N spread over the whole run, every sync fails, the K-th rename fails, the
     process is killed at its K-th rename. Each failure must give a non-zero exit, leave every
     pre-existing output byte-identical and leave no staging folder (after the next run, for a
     kill); runs that fit in the budget must give the reference outputs.
  3. A real full disk: a 1 MiB tmpfs, where the machine allows mounting one.
  4. SIGKILL at random times (20 trials per family): no partial file under a final name, and after
     the next run in the folder either every previous output or every new one, never a mix.

    test_robustness.py --bin BUILD/bin --faults libaem_fault_injection.so --work FOLDER
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def run(command, env=None, timeout=600):
    return subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=timeout,
                          env=dict(os.environ, **(env or {})))


def hdf5_content(path):
    """A .hspy file's groups, attributes and data: libhdf5 writes a few bytes of its memory into
    unused space, so two writes of the same image differ in bytes, not in content."""
    try:
        import h5py
        import numpy as np
    except ImportError:
        return b"size %d" % os.path.getsize(path)
    items = []
    try:
        with h5py.File(path, "r") as file:
            def visit(name, item):
                attributes = sorted((k, repr(np.asarray(v).tolist())) for k, v in item.attrs.items())
                data = item[()].tobytes() if isinstance(item, h5py.Dataset) else b""
                items.append((name, attributes, data))
            items.append(("/", sorted((k, repr(np.asarray(v).tolist())) for k, v in file.attrs.items()), b""))
            file.visititems(visit)
    except OSError:
        return open(path, "rb").read()
    return repr(items).encode()


def snapshot(folder):
    """Every file under folder (staging folders excepted) -> its bytes (.hspy: its content)."""
    files = {}
    for root, folders, names in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".aem-staging-")]
        for name in names:
            path = os.path.join(root, name)
            if name.endswith(".hspy"):
                files[os.path.relpath(path, folder)] = hdf5_content(path)
                continue
            with open(path, "rb") as file:
                files[os.path.relpath(path, folder)] = file.read()
    return files


def staging_left(folder):
    return [os.path.join(root, f) for root, folders, _ in os.walk(folder) for f in folders
            if f.startswith(".aem-staging-")]


def one_error_line(program, result):
    lines = [line for line in result.stderr.splitlines() if line.startswith(program + ":") and "done in" not in line]
    return len(lines) == 1 and ".aem-staging-" not in result.stderr and "Tried to create" not in result.stderr


class Family:
    """One program with its outputs in a folder; the files a complete run writes are its reference."""

    def __init__(self, name, binary, arguments, folder_output=None):
        self.name, self.binary, self.arguments, self.folder_output = name, binary, arguments, folder_output

    def command(self, folder):
        return [self.binary] + [a.replace("{out}", folder) for a in self.arguments]

    def comparable(self, files):
        # The pipeline's summary holds the time of each stage.
        return {k: (b"summary" if k.endswith("summary.txt") else v) for k, v in files.items() if k != "trigger.mha"}


def prepare_old(family, reference, folder):
    """A folder holding an older version of every output (same names, other bytes)."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for name in reference:
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(b"previous version of " + name.encode())
    if family.folder_output:
        with open(os.path.join(folder, family.folder_output, "keep.txt"), "wb") as file:
            file.write(b"a user's own file")
    return snapshot(folder)


def next_run(bins, inputs, folder):
    """Any later run that writes into the folder: it cleans up after dead runs."""
    result = run([bins["aem-tv-denoise"], os.path.join(inputs, "truth", "truth_C.mha"),
                  os.path.join(folder, "trigger.mha")])
    check(result.returncode == 0, f"cleanup run failed: {result.stderr}")


def check_state(family, folder, old, reference, what, allow_new=True, allow_mix=False):
    now = family.comparable(snapshot(folder))
    old_c, new_c = family.comparable(old), family.comparable(reference)
    if family.folder_output:
        new_c = dict(new_c, **{k: v for k, v in old_c.items() if k.endswith("keep.txt")})
    partial = [k for k, v in now.items() if v != old_c.get(k) and v != new_c.get(k)]
    check(not partial, f"{family.name} {what}: partial or foreign files {partial}")
    if not allow_mix:
        state = "old" if now == old_c else "new" if now == new_c else "mixed"
        check(state == "old" or (allow_new and state == "new"), f"{family.name} {what}: outputs are {state}")


def bytes_in(folder):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(folder) for name in names)


def fault_injection(family, bins, inputs, work, shim, reference, total):
    folder = os.path.realpath(os.path.join(work, "faults", family.name))
    env = {"LD_PRELOAD": shim, "AEM_FAULT_DIR": folder}
    budgets = sorted({0, 1, 100, 4096, total // 8, total // 4, total // 2, 3 * total // 4, total - 1, total * 3})
    counts = {"budget": 0, "fsync": 0, "rename": 0, "kill": 0}
    for budget in budgets:
        old = prepare_old(family, reference, folder)
        result = run(family.command(folder), dict(env, AEM_FAULT_WRITE_BUDGET=str(budget)))
        if result.returncode == 0:
            check(budget >= total, f"{family.name}: exit 0 with a disk full after {budget} of {total} bytes")
            check_state(family, folder, old, reference, f"budget {budget}", allow_new=True)
        else:
            check(result.returncode == 1 and one_error_line(family.binary.split("/")[-1], result),
                  f"{family.name} budget {budget}: {result.returncode} {result.stderr[-300:]}")
            check_state(family, folder, old, reference, f"disk full after {budget} bytes", allow_new=False)
            check(not staging_left(folder), f"{family.name} budget {budget}: staging left")
            counts["budget"] += 1
    old = prepare_old(family, reference, folder)
    result = run(family.command(folder), dict(env, AEM_FAULT_FSYNC="fail"))
    check(result.returncode == 1, f"{family.name}: exit {result.returncode} when every sync fails")
    check_state(family, folder, old, reference, "failing sync", allow_new=False)
    counts["fsync"] += 1
    for k in range(1, 64):
        old = prepare_old(family, reference, folder)
        result = run(family.command(folder), dict(env, AEM_FAULT_RENAME_FAIL=str(k)))
        if result.returncode == 0:
            check_state(family, folder, old, reference, f"rename {k} beyond the last", allow_new=True)
            break
        check_state(family, folder, old, reference, f"rename {k} failing", allow_new=False)
        check(not staging_left(folder), f"{family.name} rename {k}: staging left")
        counts["rename"] += 1
        old = prepare_old(family, reference, folder)
        result = run(family.command(folder), dict(env, AEM_FAULT_RENAME_KILL=str(k)))
        check(result.returncode == -signal.SIGKILL, f"{family.name}: not killed at rename {k}")
        check_state(family, folder, old, reference, f"killed at rename {k}", allow_new=False, allow_mix=True)
        next_run(bins, inputs, folder)
        check_state(family, folder, old, reference, f"killed at rename {k}, after the next run", allow_new=False)
        check(not staging_left(folder), f"{family.name} killed at rename {k}: staging left after the next run")
        counts["kill"] += 1
    return counts


def random_kills(family, bins, inputs, work, reference, seconds, trials=20):
    folder = os.path.realpath(os.path.join(work, "kills", family.name))
    outcomes = {"old": 0, "new": 0}
    for trial in range(trials):
        old = prepare_old(family, reference, folder)
        process = subprocess.Popen(family.command(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0.0, 1.2 * seconds))
        process.send_signal(signal.SIGKILL)
        process.wait()
        check_state(family, folder, old, reference, f"kill {trial}", allow_new=True, allow_mix=True)
        next_run(bins, inputs, folder)
        check_state(family, folder, old, reference, f"kill {trial}, after the next run", allow_new=True)
        check(not staging_left(folder), f"{family.name} kill {trial}: staging left after the next run")
        now = family.comparable(snapshot(folder))
        outcomes["old" if now == family.comparable(old) else "new"] += 1
    return outcomes


def reproducers(bins, inputs, work, root):
    """The cases of the issue, each as a user met it."""
    w = lambda *parts: os.path.join(work, "cases", *parts)  # noqa: E731
    os.makedirs(w(), exist_ok=True)
    truth = lambda name: os.path.join(inputs, "truth", f"truth_{name}.mha")  # noqa: E731
    b = bins

    def failed(program, arguments, what, contains=""):
        result = run([b[program]] + arguments)
        check(result.returncode == 1, f"{program} {what}: exit {result.returncode}")
        check(one_error_line(program, result), f"{program} {what}: not one clean line: {result.stderr!r}")
        check(contains in result.stderr, f"{program} {what}: {result.stderr.strip()!r} lacks {contains!r}")

    def keep(path, content=b"previous"):
        with open(path, "wb") as file:
            file.write(content)
        return content

    def kept(path, content):
        with open(path, "rb") as file:
            return file.read() == content

    # Hostile .hspy files: never a crash, whatever the extension.
    seeds = w("hspy")
    generated = run(["/usr/bin/python3", os.path.join(root, "test", "fuzz", "make_hspy_seeds.py"), seeds])
    if generated.returncode == 0:
        for name in sorted(os.listdir(seeds)):
            for copy in (name, name + ".bin"):
                if copy != name:
                    shutil.copy(os.path.join(seeds, name), os.path.join(seeds, copy))
                result = run([b["aem-tv-denoise"], os.path.join(seeds, copy), w("hspy_out.mha")])
                check(result.returncode in (0, 1), f"aem-tv-denoise on {copy}: exit {result.returncode}")
    else:
        print("h5py not available: the hostile .hspy cases were skipped")

    # The return-parameter file: a device, an input.
    failed("aem-tv-denoise", [truth("C"), w("tv.mha"), "--returnparameterfile", "/dev/full"], "to /dev/full",
           "not a regular file")
    shutil.copy(truth("C"), w("input.mha"))
    before = open(w("input.mha"), "rb").read()
    failed("aem-tv-denoise", [w("input.mha"), w("tv.mha"), "--returnparameterfile", w("input.mha")],
           "with its input as return-parameter file", "is also an input")
    check(kept(w("input.mha"), before), "aem-tv-denoise: the input was overwritten")

    # A .mha truncated to half its data.
    data = open(os.path.join(inputs, "cl.mha"), "rb").read()
    with open(w("half.mha"), "wb") as file:
        file.write(data[: len(data) // 2])
    failed("aem-eels-thickness", [w("half.mha"), w("t.mha")], "on a truncated .mha", "truncated")

    # A failure after the first output was written: nothing is replaced.
    first = keep(w("aligned.mha"))
    os.makedirs(w("a_folder"), exist_ok=True)
    failed("aem-eels-align", [os.path.join(inputs, "ll.mha"), w("aligned.mha"), "--shiftMap", w("a_folder")],
           "with a folder as second output", "is a folder")
    check(kept(w("aligned.mha"), first), "aem-eels-align: the first output was replaced")
    core, low = keep(w("cl.mha")), keep(w("ll.mha"))
    keep(w("a_file"))
    failed("aem-eels-simulate", [w("cl.mha"), w("ll.mha"), "--width", "4", "--height", "4", "--truth", w("a_file")],
           "with a file as --truth", "a file of that name exists")
    failed("aem-eels-simulate", [w("cl.mha"), w("ll.mha"), "--width", "4", "--height", "4",
                                 "--returnparameterfile", w("a_folder")], "with a folder as return-parameter file")
    failed("aem-eels-simulate", [w("cl.mha"), w("ll.mha"), "--width", "4", "--height", "4",
                                 "--returnparameterfile", w("missing", "r.txt")], "with no folder for the return file")
    check(kept(w("cl.mha"), core) and kept(w("ll.mha"), low), "aem-eels-simulate: outputs replaced by a failed run")

    # Outputs that collide with each other or with an input's data file.
    failed("aem-eels-align", [os.path.join(inputs, "ll.mha"), w("same.mha"), "--shiftMap", w("same.mha")],
           "with one path for two outputs", "also another output")
    run([b["aem-tv-denoise"], truth("N"), w("map.mhd")])
    raw = open(w("map.raw"), "rb").read()
    failed("aem-tv-denoise", [w("map.mhd"), w("map.mhd")], "over its .mhd input", "is also an input")
    with open(w("other.mhd"), "w") as file:
        file.write("ObjectType = Image\nNDims = 2\nDimSize = 12 12\nElementType = MET_FLOAT\n"
                   "ElementDataFile = map.raw\n")
    failed("aem-tv-denoise", [w("other.mhd"), w("map.mhd")], "writing the .raw its input reads", "which an input reads")
    check(open(w("map.raw"), "rb").read() == raw, "aem-tv-denoise: an input's .raw was overwritten")

    # Folders: the pipeline writes into a new or empty folder unless told to overwrite.
    os.makedirs(w("full_folder"), exist_ok=True)
    keep(w("full_folder", "mine.txt"))
    failed("aem-pipeline", [w("full_folder"), "--coreLoss", os.path.join(inputs, "cl.mha")],
           "into a folder that is not empty", "--overwrite")
    failed("aem-pipeline", ["/", "--coreLoss", os.path.join(inputs, "cl.mha")], "into /", "not empty")
    result = run([b["aem-pipeline"], w("full_folder"), "--coreLoss", os.path.join(inputs, "cl.mha"), "--lowLoss",
                  os.path.join(inputs, "ll.mha"), "--overwrite"])
    check(result.returncode == 0 and os.path.exists(w("full_folder", "summary.txt")) and
          kept(w("full_folder", "mine.txt"), b"previous"), f"aem-pipeline --overwrite: {result.stderr}")

    # Arguments that do not fit together.
    failed("aem-fuse", [truth("tlambda"), w("fused.mha"), "--map", os.path.join(inputs, "cl.mha")],
           "with a spectrum image as a map", "values per pixel")
    failed("aem-eels-quantify", [os.path.join(inputs, "cla.mha"), w("ab.mha"), "--edges", "C:K,C:K"],
           "with an edge twice", "given twice")
    failed("aem-pipeline", [w("p1"), "--map", truth("C")], "with --map alone", "--haadf")
    failed("aem-pipeline", [w("p2"), "--lowLoss", os.path.join(inputs, "ll.mha")], "with --lowLoss alone",
           "--coreLoss")
    failed("aem-tv-denoise", [truth("C"), w("out.xyz")], "to an unknown format", "no image format")
    check(not os.path.exists(w("p1")) and not os.path.exists(w("p2")), "aem-pipeline: a refused run made its folder")
    check(not staging_left(w()), f"staging left: {staging_left(w())}")


def real_full_disk(bins, inputs, work):
    """A 1 MiB tmpfs (root, where mounting is allowed): a 2 MiB output cannot fit."""
    folder = os.path.join(work, "tmpfs")
    os.makedirs(folder)
    if os.geteuid() != 0 or run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder]).returncode != 0:
        print("a real full disk (tmpfs) was skipped: mounting is not allowed here")
        return
    try:
        shutil.copy(os.path.join(inputs, "truth", "truth_C.mha"), os.path.join(folder, "out.mha"))
        old = snapshot(folder)
        result = run([bins["aem-tv-denoise"], os.path.join(inputs, "cl.mha"), os.path.join(folder, "out.mha"),
                      "--returnparameterfile", os.path.join(folder, "r.txt")])
        check(result.returncode == 1 and one_error_line("aem-tv-denoise", result),
              f"full tmpfs: exit {result.returncode} {result.stderr}")
        check(snapshot(folder) == old and not staging_left(folder), "full tmpfs: the previous output changed")
        print("a real full disk (1 MiB tmpfs):", result.stderr.strip().splitlines()[-1])
    finally:
        run(["umount", folder])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--faults", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--trials", type=int, default=20)
    args = parser.parse_args()
    random.seed(16)
    work = os.path.realpath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    inputs = os.path.join(work, "in")
    os.makedirs(inputs)
    names = ["aem-tv-denoise", "aem-fuse", "aem-eels-simulate", "aem-eels-align", "aem-eels-quantify",
             "aem-eels-thickness", "aem-pipeline"]
    bins = {n: os.path.join(args.bin, n) for n in names}
    i = lambda name: os.path.join(inputs, name)  # noqa: E731
    setup = [[bins["aem-eels-simulate"], i("cl.mha"), i("ll.mha"), "--width", "12", "--height", "12",
              "--truth", i("truth")],
             [bins["aem-eels-align"], i("ll.mha"), i("lla.mha"), "--coreLoss", i("cl.mha"), "--alignedCoreLoss",
              i("cla.mha")]]
    for command in setup:
        result = run(command)
        if not check(result.returncode == 0, f"setup {command[0]}: {result.stderr}"):
            break

    root = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
    if not failures:
        reproducers(bins, inputs, work, root)
        real_full_disk(bins, inputs, work)

    families = [
        Family("tv", bins["aem-tv-denoise"], [i("truth/truth_C.mha"), "{out}/tv.mha", "--returnparameterfile",
                                               "{out}/tv.txt"]),
        Family("simulate", bins["aem-eels-simulate"], ["{out}/cl.mha", "{out}/ll.mha", "--width", "8", "--height", "8",
                                                       "--truth", "{out}/truth", "--overwrite"], "truth"),
        Family("align", bins["aem-eels-align"], [i("ll.mha"), "{out}/lla.mha", "--coreLoss", i("cl.mha"),
                                                 "--alignedCoreLoss", "{out}/cla.hspy", "--shiftMap", "{out}/shift.mhd",
                                                 "--returnparameterfile", "{out}/align.txt"]),
        Family("quantify", bins["aem-eels-quantify"], [i("cla.mha"), "{out}/ab.mha", "--lowLoss", i("lla.mha"),
                                                       "--crlb", "{out}/crlb.mha", "--returnparameterfile",
                                                       "{out}/q.txt"]),
        Family("thickness", bins["aem-eels-thickness"], [i("lla.mha"), "{out}/t.mhd"]),
        Family("fuse", bins["aem-fuse"], [i("truth/truth_tlambda.mha"), "{out}/fused.mha", "--map",
                                          i("truth/truth_N.mha"), "--map", i("truth/truth_Fe.mha"), "--mode",
                                          "reference", "--costs", "{out}/costs.csv"]),
        Family("pipeline", bins["aem-pipeline"], ["{out}/pipe", "--coreLoss", i("cl.mha"), "--lowLoss",
                                                  i("ll.mha"), "--overwrite"], "pipe"),
    ]
    for family in families if not failures else []:
        folder = os.path.join(work, "reference", family.name)
        os.makedirs(folder)
        start = time.monotonic()
        result = run(family.command(folder))
        seconds = time.monotonic() - start
        if not check(result.returncode == 0, f"{family.name} reference run: {result.stderr}"):
            continue
        reference = snapshot(folder)
        again = os.path.join(work, "reference", family.name + "-again")
        os.makedirs(again)
        run(family.command(again))
        check(family.comparable(snapshot(again)) == family.comparable(reference),
              f"{family.name}: two runs differ, the kill checks need the same outputs")
        total = bytes_in(folder)
        counts = fault_injection(family, bins, inputs, work, args.faults, reference, total)
        outcomes = random_kills(family, bins, inputs, work, reference, seconds, args.trials)
        print(f"{family.name}: {len(reference)} files, {total} bytes, "
              f"{seconds:.2f} s; failed cleanly with a full disk at {counts['budget']} budgets, failing syncs, "
              f"{counts['rename']} failing renames, {counts['kill']} kills at a rename; {args.trials} random kills: "
              f"{outcomes['old']} left the previous outputs, {outcomes['new']} the complete new ones")

    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
