#!/usr/bin/env python3
"""Runs every aem-* module the way 3D Slicer runs a command-line module, and checks what Slicer
would see (the rules are those of Slicer's CLI logic and SlicerExecutionModel):

  - the command line: every numeric and enumeration parameter is sent with its box's value (the
    default), booleans as a bare flag when true, texts, vectors and unset images left out, the
    indexed arguments last, and --returnparameterfile when the module returns values;
    so every such parameter must have a default inside its constraints;
  - as an executable (standard output a pipe): the progress tags on standard output, in order
    (<filter-start> first, progress in [0, 1] never going back, <filter-end> last), a stage name
    in <filter-comment>, and nothing routine on standard error, which Slicer logs as errors; the
    return-parameter file names every returned value; cancelling kills the process, which leaves
    an earlier output as it was;
  - in Slicer's process (twice, as Slicer runs a loaded module again): the library <name>Lib
    exports GetXMLModuleDescription (the --xml text) and ModuleEntryPoint; with
    --processinformationaddress it writes progress and the stage into Slicer's block and calls
    its callback, prints no tags, and its Abort flag stops the run with a non-zero return and no
    output, between stages and inside a filter.

    test_slicer_conventions.py --bin BUILD/bin --lib BUILD/lib --work FOLDER
"""
import argparse
import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
import sys

import numpy as np

import test_clis as clis  # noqa: E402 (the description checks, from the same folder)
from test_clis import check

NUMERIC = {"integer", "float", "double"}
TAG = re.compile(r"<(filter-[a-z-]+)>([^<]*)")
# Slicer removes these from standard output before it shows the rest.
SLICER_TAG_PATTERNS = [re.compile(f"<{t}>[^<]*</{t}>[ \t\n\r]*") for t in (
    "filter-progress", "filter-stage-progress", "filter-name", "filter-comment", "filter-time", "filter-start",
    "filter-end")]


CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


class ProcessInformation(ctypes.Structure):
    """SlicerExecutionModel's ModuleProcessInformation."""
    _fields_ = [("Abort", ctypes.c_ubyte), ("Progress", ctypes.c_float), ("StageProgress", ctypes.c_float),
                ("ProgressMessage", ctypes.c_char * 1024), ("ProgressCallbackFunction", CALLBACK),
                ("ProgressCallbackClientData", ctypes.c_void_p), ("ElapsedTime", ctypes.c_double)]


def write_mha(path, array, spacing=None, metadata=None, components=1):
    """A MetaImage of float32 (x fastest); array shape (y, x) or (y, x, components)."""
    height, width = array.shape[0], array.shape[1]
    lines = ["ObjectType = Image", "NDims = 2", f"DimSize = {width} {height}",
             f"ElementSpacing = {' '.join(str(s) for s in (spacing or (1, 1)))}", "ElementType = MET_FLOAT",
             f"ElementNumberOfChannels = {components}"]
    lines += [f"{key} = {value}" for key, value in (metadata or {}).items()]
    lines.append("ElementDataFile = LOCAL")
    with open(path, "wb") as out:
        out.write(("\n".join(lines) + "\n").encode())
        out.write(np.ascontiguousarray(array, dtype="<f4").tobytes())


def slicer_command(parameters, assigned):
    """The arguments Slicer builds from the module's parameters; `assigned` holds the nodes
    (files) and the values a user typed."""
    flags, indexed = [], {}
    for p in parameters:
        kind, name = p["type"], p["name"]
        if p.get("channel") == "output" and kind not in clis.PATHS:
            continue  # returned values
        value = assigned.get(name, p.get("default", ""))
        if "index" in p:
            indexed[int(p["index"])] = value
            continue
        flag = "--" + p["longflag"] if "longflag" in p else "-" + p["flag"]
        if kind == "boolean":
            if value == "true":
                flags.append(flag)
        elif kind in NUMERIC or kind in clis.ENUMERATIONS:
            flags += [flag, value]  # the box's value, whatever it is
        elif value:
            flags += [flag, value]
    return flags + [indexed[i] for i in sorted(indexed)]


def parse_tags(stdout):
    return [(m.group(1), m.group(2)) for m in TAG.finditer(stdout)]


def check_numeric_defaults(program, parameters):
    for p in parameters:
        if p.get("channel") == "output" and p["type"] not in clis.PATHS:
            continue
        if p["type"] in NUMERIC or p["type"] in clis.ENUMERATIONS:
            check(p.get("default", "") != "", f"{program} {p['name']}: Slicer sends every number and enumeration, "
                  "and its box shows the minimum or 0 without a default")


def check_executable_run(program, binary, parameters, assigned, outputs, work):
    returns = [p["name"] for p in parameters if p.get("channel") == "output" and p["type"] not in clis.PATHS]
    command = [binary] + slicer_command(parameters, assigned)
    if returns:
        command[1:1] = ["--returnparameterfile", os.path.join(work, program + ".params")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if not check(result.returncode == 0, f"{program}: exit {result.returncode} when run as Slicer runs it: "
                 f"{result.stderr.strip()[-400:]}\n  {' '.join(command)}"):
        return
    tags = parse_tags(result.stdout)
    names = [t for t, _ in tags]
    check(names[:1] == ["filter-start"], f"{program}: the first tag is {names[:1]}, not <filter-start>")
    check(names[-3:] == ["filter-end", "filter-name", "filter-time"], f"{program}: the last tags are {names[-3:]}")
    progress = [float(v) for t, v in tags if t == "filter-progress"]
    check(progress and all(0.0 <= v <= 1.0 for v in progress), f"{program}: progress outside [0, 1]: {progress}")
    check(all(b >= a for a, b in zip(progress, progress[1:])), f"{program}: progress goes back: {progress}")
    check(progress and progress[-1] == 1.0, f"{program}: the last progress is not 1")
    stages = [v for t, v in tags[1:] if t == "filter-comment"]
    check(len(stages) >= 1, f"{program}: no stage named in <filter-comment>")
    shown = result.stdout
    for pattern in SLICER_TAG_PATTERNS:
        shown = pattern.sub("", shown)
    check("<filter" not in shown, f"{program}: a tag Slicer would not remove: {shown[:200]}")
    for line in result.stderr.splitlines():
        check(line.startswith(program + ": warning:"), f"{program}: routine text on standard error: {line}")
    if returns:
        with open(os.path.join(work, program + ".params")) as f:
            given = {line.split(" = ")[0] for line in f if " = " in line}
        check(set(returns) <= given, f"{program}: return parameters missing: {sorted(set(returns) - given)}")
    for output in outputs:
        check(os.path.exists(output), f"{program}: no {output}")
    print(f"{program}: run as Slicer runs it: {len(command) - 1} arguments, {len(progress)} progress tags, "
          f"stages {', '.join(stages)}")


def check_kill(binary, parameters, assigned, output):
    """Slicer cancels an executable by killing it: the earlier output stays as it was."""
    with open(output, "wb") as f:
        f.write(b"earlier result")
    process = subprocess.Popen([binary] + slicer_command(parameters, assigned), stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    for line in process.stdout:
        if line.startswith("<filter-progress>") and 0.2 < float(TAG.match(line).group(2)) < 0.9:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    with open(output, "rb") as f:
        check(f.read() == b"earlier result", "cancelled (killed) run changed the earlier output")
    print("cancelled executable: the earlier output is unchanged")


def in_process(library, arguments, abort_at, repeat):
    """Child mode: loads the module's library, runs it `repeat` times with Slicer's block (Slicer
    keeps a loaded module and runs it again), prints what it saw."""
    module = ctypes.CDLL(library)
    module.GetXMLModuleDescription.restype = ctypes.c_char_p
    module.ModuleEntryPoint.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    information = ProcessInformation()
    seen = []

    def callback(_):
        seen.append((information.Progress, information.StageProgress, information.ProgressMessage.decode()))
        stage, fraction = abort_at.split(":") if abort_at else ("", "0")
        if abort_at and information.ProgressMessage.decode() == stage and information.StageProgress >= float(fraction):
            information.Abort = 1

    function = CALLBACK(callback)
    information.ProgressCallbackFunction = function
    information.ProgressCallbackClientData = ctypes.addressof(information)
    argv = ["module", "--processinformationaddress", hex(ctypes.addressof(information))] + arguments
    array = (ctypes.c_char_p * len(argv))(*[a.encode() for a in argv])
    codes, runs = [], []
    for _ in range(repeat):
        codes.append(module.ModuleEntryPoint(len(argv), array))
        runs.append(seen[:])
        seen.clear()
    sys.stdout.flush()
    print("\nRESULT " + json.dumps({"codes": codes, "seen": runs[0], "runs": runs, "xml": module.GetXMLModuleDescription().decode(),
                                    "elapsed": information.ElapsedTime}))


def run_in_process(args, program, arguments, abort_at="", repeat=1):
    library = os.path.join(args.lib, f"lib{program}Lib.so")
    result = subprocess.run([sys.executable, __file__, "--in-process", library, "--abort-at", abort_at,
                             "--repeat", str(repeat), "--"] + arguments, capture_output=True, text=True, timeout=600)
    if not check("\nRESULT " in result.stdout, f"{program} in-process: no result (exit {result.returncode}): "
                 f"{result.stderr[-400:]}"):
        return None, result
    return json.loads(result.stdout.split("\nRESULT ")[-1]), result


def check_in_process(args, program, parameters, assigned, outputs, xml):
    arguments = slicer_command(parameters, assigned)
    # Twice in one process, as Slicer runs a loaded module again (a folder output needs
    # --overwrite the second time, so aem-pipeline runs once).
    repeat = 1 if program == "aem-pipeline" else 2
    report, result = run_in_process(args, program, arguments, repeat=repeat)
    if report is None:
        return
    check(report["codes"] == [0] * repeat, f"{program} in-process: returned {report['codes']}: {result.stdout[-400:]}")
    check(report["xml"] == xml, f"{program} in-process: GetXMLModuleDescription differs from --xml")
    check("<filter-" not in result.stdout, f"{program} in-process: tags printed instead of the block")
    for run, seen in enumerate(report["runs"], 1):
        progress = [p for p, _, _ in seen]
        check(len(progress) >= 3, f"{program} in-process run {run}: the callback was called {len(progress)} times")
        check(progress and progress[0] == 0.0, f"{program} in-process run {run}: progress does not start at 0")
        check(all(b >= a - 1e-6 for a, b in zip(progress, progress[1:])),
              f"{program} in-process run {run}: progress goes back")
        check(progress and abs(progress[-1] - 1.0) < 1e-6, f"{program} in-process run {run}: the last progress is not 1")
    check(report["elapsed"] > 0.0, f"{program} in-process: no elapsed time")
    for output in outputs:
        check(os.path.exists(output), f"{program} in-process: no {output}")
    stages = sorted({m for _, _, m in report["seen"]})
    print(f"{program}: in Slicer's process, run {repeat}x: {len(report['seen'])} callbacks in the first run, "
          f"messages {', '.join(stages)}")


def check_in_process_abort(args, program, parameters, assigned, output, abort_at, expected):
    report, result = run_in_process(args, program, slicer_command(parameters, assigned), abort_at)
    if report is None:
        return
    check(report["codes"][0] != 0, f"{program} in-process: Abort at {abort_at} did not stop the run")
    check(not os.path.exists(output), f"{program} in-process: aborted at {abort_at}, yet {output} was written")
    check(expected in result.stdout + result.stderr, f"{program} in-process: abort message lacks '{expected}': "
          f"{(result.stdout + result.stderr)[-300:]}")
    last = report["seen"][-1] if report["seen"] else None
    print(f"{program}: in Slicer's process, Abort at {abort_at} stopped it (last report {last})")


def header(path):
    with open(path, "rb") as f:
        text = f.read(4096).split(b"ElementDataFile")[0].decode()
    return dict(line.split(" = ", 1) for line in text.splitlines() if " = " in line)


def check_stack_elements(args, work, fused):
    """aem-fuse --mapStack names the fused maps after the stack's Element entry, and the reference
    mode (which weights by atomic number) fuses the stack exactly as the same maps given as files."""
    if check(os.path.exists(fused), f"--mapStack: no {fused}"):
        check(header(fused).get("Element") == "Fe O", f"--mapStack: fused maps named {header(fused).get('Element')}")
    w = lambda name: os.path.join(work, name)  # noqa: E731
    common = [os.path.join(args.bin, "aem-fuse"), w("haadf.mha"), "--mode", "reference", "--iterations", "3"]
    stacked = subprocess.run(common[:2] + [w("ref_stack.mha")] + common[2:] + ["--mapStack", w("stack.mha")],
                             capture_output=True, text=True)
    files = subprocess.run(common[:2] + [w("ref_files.mha")] + common[2:] + ["--map", w("fe.mha"), "--map", w("o.mha")],
                           capture_output=True, text=True)
    if check(stacked.returncode == 0 and files.returncode == 0, f"--mapStack, reference mode: {stacked.stderr}"):
        with open(w("ref_stack.mha"), "rb") as a, open(w("ref_files.mha"), "rb") as b:
            check(a.read() == b.read(), "--mapStack: reference-mode fusion differs from the same maps as files")
        print("--mapStack: the reference-mode fusion of the stack equals that of the maps as files")


def check_energy_axis_flags(args, work):
    """A low loss whose energy axis Slicer dropped: refused naming the flags; with the flags, the
    same t/lambda as with the file's axis."""
    with open(os.path.join(work, "ll.mha"), "rb") as f:
        data = f.read()
    split = data.index(b"ElementDataFile = LOCAL\n") + len(b"ElementDataFile = LOCAL\n")
    kept = [line for line in data[:split].split(b"\n") if line and not line.startswith(b"Energy")]
    with open(os.path.join(work, "ll_no_axis.mha"), "wb") as f:
        f.write(b"\n".join(kept) + b"\n" + data[split:])
    axis = header(os.path.join(work, "ll.mha"))
    thickness = os.path.join(args.bin, "aem-eels-thickness")
    means = []
    for name, flags in (("ll.mha", []), ("ll_no_axis.mha", ["--lowLossOffset", axis["EnergyOffset"],
                                                             "--lowLossDispersion", axis["EnergyDispersion"]])):
        params = os.path.join(work, "axis.params")
        result = subprocess.run([thickness, os.path.join(work, name), os.path.join(work, "axis_" + name),
                                 "--returnparameterfile", params] + flags, capture_output=True, text=True)
        if check(result.returncode == 0, f"energy-axis flags: {result.stderr}"):
            with open(params) as f:
                means.append(dict(line.strip().split(" = ") for line in f)["meanThickness"])
    check(len(means) == 2 and means[0] == means[1], f"energy-axis flags: t/lambda {means}")
    result = subprocess.run([thickness, os.path.join(work, "ll_no_axis.mha"), os.path.join(work, "axis_none.mha")],
                            capture_output=True, text=True)
    check(result.returncode != 0 and "--lowLossDispersion" in result.stderr, f"no energy axis: {result.stderr}")
    print(f"energy-axis flags: t/lambda {means[0] if means else '?'} from the file's axis and from the flags")


def make_inputs(args, work):
    b = lambda name: os.path.join(args.bin, name)  # noqa: E731
    result = subprocess.run([b("aem-eels-simulate"), os.path.join(work, "cl.mha"), os.path.join(work, "ll.mha"),
                             "--width", "12", "--height", "10", "--truth", os.path.join(work, "truth")],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"cannot simulate inputs: {result.stderr}")
    rng = np.random.default_rng(3)
    # Two maps and a HAADF of their Z-contrast, as a stack with its Element entry (aem-eds-maps').
    fe = np.clip(rng.normal(20, 4, (48, 48)), 0, None)
    fe[10:30, 10:30] += 40
    o = np.clip(rng.normal(30, 5, (48, 48)), 0, None)
    write_mha(os.path.join(work, "stack.mha"), np.stack([fe, o], axis=-1), components=2,
              metadata={"Element": "Fe O"})
    write_mha(os.path.join(work, "fe.mha"), fe, metadata={"Element": "Fe", "AtomicNumber": "26"})
    write_mha(os.path.join(work, "o.mha"), o, metadata={"Element": "O", "AtomicNumber": "8"})
    write_mha(os.path.join(work, "haadf.mha"), 26 ** 1.7 * fe + 8 ** 1.7 * o)
    noisy = 100 + 50 * (np.arange(512)[None, :] > 256) + rng.normal(0, 10, (512, 512))
    write_mha(os.path.join(work, "noisy.mha"), noisy)


def bruker_sample():
    for folder in ("/usr/lib/python3/dist-packages/hyperspy/tests/io/bruker_data",):
        path = os.path.join(folder, "30x30_instructively_packed_16bit_compressed.bcf")
        if os.path.exists(path):
            return path
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin")
    parser.add_argument("--lib")
    parser.add_argument("--work")
    parser.add_argument("--in-process")
    parser.add_argument("--abort-at", default="")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("rest", nargs="*")
    args = parser.parse_args()
    if args.in_process:
        in_process(args.in_process, args.rest, args.abort_at, args.repeat)
        return 0
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    make_inputs(args, work)
    w = lambda name: os.path.join(work, name)  # noqa: E731
    bcf = bruker_sample()
    # What a user picks in each module's panel: the nodes (files), and a few boxes changed to
    # keep the runs short. Everything else is sent at its default.
    runs = {
        "aem-eels-simulate": ({"coreLoss": "{out}cl.mha", "lowLoss": "{out}ll.mha", "width": "8", "height": "6"},
                              ["cl.mha", "ll.mha"]),
        "aem-eels-align": ({"lowLoss": w("ll.mha"), "alignedLowLoss": "{out}lla.mha"}, ["lla.mha"]),
        "aem-eels-thickness": ({"lowLoss": w("ll.mha"), "thickness": "{out}t.mha"}, ["t.mha"]),
        "aem-eels-quantify": ({"coreLoss": w("cl.mha"), "abundances": "{out}ab.mha", "lowLoss": w("ll.mha")},
                              ["ab.mha"]),
        "aem-tv-denoise": ({"inputImage": w("noisy.mha"), "outputImage": "{out}tv.mha"}, ["tv.mha"]),
        "aem-fuse": ({"haadf": w("haadf.mha"), "mapStack": w("stack.mha"), "fused": "{out}fused.mha",
                      "iterations": "20"}, ["fused.mha"]),
        "aem-info": ({"input": w("cl.mha"), "output": "{out}converted.mha"}, ["converted.mha"]),
        "aem-pipeline": ({"outputDirectory": "{out}pipeline", "size": "24"}, ["pipeline/fused_Fe.mha"]),
        "aem-view": ({"inputFiles": w("truth/truth_Fe.mha"), "png": "{out}view.png"}, ["view.png"]),
    }
    if not os.path.exists(os.path.join(args.bin, "aem-view")):
        del runs["aem-view"]
        print("aem-view: SKIPPED (not built: a build without VTK, EM_USE_VTK=OFF)")
    elif not os.environ.get("DISPLAY"):
        del runs["aem-view"]
        print("aem-view: SKIPPED (no X display; VTK renders through X: run under xvfb-run)")
    if bcf:
        runs["aem-eds-maps"] = ({"spectrumImage": bcf, "maps": "{out}eds.mha", "lines": "Fe_Ka,O_Ka"}, ["eds.mha"])
    else:
        print("aem-eds-maps: SKIPPED (no public Bruker sample from python3-hyperspy)")
    for program, (assigned, outputs) in runs.items():
        binary = os.path.join(args.bin, program)
        xml = subprocess.run([binary, "--xml"], capture_output=True, text=True).stdout
        parameters = clis.check_description(program, xml)
        check_numeric_defaults(program, parameters)
        for mode in ("executable", "in-process"):
            out = w(f"{mode}_{program}_")
            chosen = {k: v.replace("{out}", out) for k, v in assigned.items()}
            paths = [out + o for o in outputs]
            if mode == "executable":
                check_executable_run(program, binary, parameters, chosen, paths, work)
            else:
                check_in_process(args, program, parameters, chosen, paths, xml)
    check_stack_elements(args, work, w("executable_aem-fuse_fused.mha"))
    check_energy_axis_flags(args, work)
    # Cancelling: killed as an executable; Abort in Slicer's process before a stage and inside a
    # filter's loop.
    tv = "aem-tv-denoise"
    tv_parameters = clis.check_description(tv, subprocess.run([os.path.join(args.bin, tv), "--xml"],
                                                              capture_output=True, text=True).stdout)
    long_run = {"inputImage": w("noisy.mha"), "maximumIterations": "3000", "tolerance": "0"}
    check_kill(os.path.join(args.bin, tv), tv_parameters, dict(long_run, outputImage=w("killed.mha")),
               w("killed.mha"))
    check_in_process_abort(args, tv, tv_parameters, dict(long_run, outputImage=w("abort_stage.mha")),
                           w("abort_stage.mha"), "reading:0", "before denoising")
    check_in_process_abort(args, tv, tv_parameters, dict(long_run, outputImage=w("abort_filter.mha")),
                           w("abort_filter.mha"), "denoising:0.05", "aem-tv-denoise:")
    if clis.failures:
        print("\n".join(["FAILED:"] + clis.failures))
        return 1
    print("Slicer conventions: every module passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
