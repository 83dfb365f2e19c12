#!/usr/bin/env python3
"""Triage of the fuzzing runs of the HDF5 readers, HyperSpy and Velox (scripts/fuzz.sh hspy|velox).

The run reads every input in the fuzzer's own process, so inputs on which libhdf5 crashes or
hangs end a fuzzing job and are saved as artifacts. Each artifact is replayed twice:

  1. in process, to find where the fault is: the first frame of the report that is not the
     sanitizer's or the fuzzer's must be in libhdf5; a fault in this project's code fails;
  2. through the ImageIO as users read files (EM_FUZZ_CONTAINED=1: libhdf5 in a child process),
     which must end cleanly: exit code 0, and any sanitizer report (printed by the child process
     that libhdf5 took down) must again be a fault in libhdf5.

    triage_hdf5.py FUZZ_BINARY ARTIFACT_FOLDER SOURCE_ROOT
"""
import os
import re
import subprocess
import sys

RUNTIME = re.compile(r"in (fuzzer::|__sanitizer|__asan|__lsan|__ubsan|__interceptor_|malloc|calloc|realloc|free|"
                     r"operator new|operator delete)|libc\.so|sysdeps/|/fuzz_(hspy|velox)\+0x")
FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+")


def libhdf5_function(report):
    """The first named libhdf5 function of the report's stack (its static functions have no name)."""
    for line in report.splitlines():
        named = re.search(r" in (H5\w+) \(.*libhdf5", line)
        if FRAME.match(line) and named:
            return named.group(1)
    return "an unnamed libhdf5 function"


def first_frame(report):
    """The first stack frame of the report outside the sanitizer, the fuzzer and libc."""
    for line in report.splitlines():
        if FRAME.match(line) and not RUNTIME.search(line):
            return line.strip()
    return ""


def reports(text):
    """The sanitizer reports in text, each from its first line to the next report."""
    starts = [m.start() for m in re.finditer(r"==\d+==\s*ERROR: |runtime error:", text)]
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def main(binary, folder, root):
    artifacts = sorted(os.path.join(folder, name) for name in os.listdir(folder)
                       if name.split("-")[0] in ("crash", "timeout", "oom", "leak", "slow"))
    failures, where, clean = [], {}, 0
    for artifact in artifacts:
        name = os.path.basename(artifact)
        # A report without a stack (libFuzzer's memory watch can fire before the allocation's
        # own report) is replayed up to three times.
        for _ in range(3):
            replay = subprocess.run([binary, "-timeout=3", "-rss_limit_mb=2048", artifact], capture_output=True,
                                    text=True, errors="replace", timeout=300)
            frame = first_frame(replay.stderr)
            if replay.returncode == 0 or frame:
                break
        if replay.returncode != 0:
            if "libhdf5" in frame:
                key = libhdf5_function(replay.stderr)
                where[key] = where.get(key, 0) + 1
            else:
                failures.append(f"{name}: fault outside libhdf5 ({frame or 'no stack'})")
        contained = subprocess.run([binary, artifact], capture_output=True, text=True, errors="replace",
                                   env=dict(os.environ, EM_FUZZ_CONTAINED="1", EM_FUZZ_IDLE_LIMIT="10"), timeout=300)
        outside = [first_frame(report) for report in reports(contained.stderr) if "libhdf5" not in first_frame(report)]
        if contained.returncode != 0 or outside:
            failures.append(f"{name}: the reader as users run it did not end cleanly "
                            f"(exit {contained.returncode}; faults outside libhdf5: {outside}): {contained.stderr[-400:]}")
        else:
            clean += 1
    print(f"{len(artifacts)} inputs crashed or hung the reading in process; the reader as users run it "
          f"ended cleanly on {clean} of them")
    for function, count in sorted(where.items(), key=lambda item: -item[1]):
        print(f"  libhdf5 fault in {function}: {count}")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
