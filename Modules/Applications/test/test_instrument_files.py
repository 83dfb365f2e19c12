#!/usr/bin/env python3
"""Instrument files read as users read them: converted by aem-info in fresh processes, and the
written files compared with what is known to be in them.

1. Files written here from the published layout (velox_file below): an image stack, a spectrum
   and a two-detector EDS spectrum image whose event streams are made from known counts; every
   value read back exactly, over all frames, a frame range and each detector.
2. A spectrum image of 256 x 256 x 4096 channels (1 GiB of counts) converted under a memory
   limit of a quarter of its size: the reader streams it in pieces; peak memory reported, values
   of a crop checked against the counts the stream was made from.
3. The public Velox sample files Debian's python3-hyperspy ships in its tests, read by aem-info
   and by HyperSpy 1.7, every signal compared: shape, spacing and origin (nm), energy axis (eV)
   and every value, exactly (images and stacks, spectra, spectrum images over all frames, a
   frame range, the detectors summed and each on its own). Skipped when HyperSpy is absent.
4. A DM file of two images (Debian's HyperSpy test data): each read by index and by name, equal
   to HyperSpy's.
5. The public Bruker .bcf sample files of Debian's HyperSpy tests (every pixel packing: 16-bit,
   12-bit, run-length "instructive" packing; compressed and not; version 1 and 2): every image
   and the hypermap, whole, downsampled by 2 and cut off at 10 keV, against HyperSpy 1.7: shape,
   every value, spacing, energy axis.
"""
import argparse
import glob
import json
import os
import resource
import subprocess
import sys
import zipfile

import numpy as np

HYPERSPY_TESTS = "/usr/lib/python3/dist-packages/hyperspy/tests/io"
SAMPLES = HYPERSPY_TESTS + "/emd_files/fei_emd_files.zip"
MULTI_IMAGE_DM = HYPERSPY_TESTS + "/dm3_2D_data/multi_signal.dm3"
BRUKER = HYPERSPY_TESTS + "/bruker_data"
TYPES = {"MET_UCHAR": np.uint8, "MET_CHAR": np.int8, "MET_USHORT": np.uint16, "MET_SHORT": np.int16,
         "MET_UINT": np.uint32, "MET_INT": np.int32, "MET_FLOAT": np.float32, "MET_DOUBLE": np.float64}
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def read_mha(path):
    """(values in numpy order: slowest ITK axis first, components last; header fields)."""
    with open(path, "rb") as f:
        header = {}
        while True:
            line = f.readline().decode("latin-1").strip()
            key, _, value = line.partition(" = ")
            header[key] = value
            if key == "ElementDataFile":
                break
        data = np.frombuffer(f.read(), dtype=TYPES[header["ElementType"]])
    size = [int(v) for v in header["DimSize"].split()]
    channels = int(header.get("ElementNumberOfChannels", "1"))
    shape = size[::-1] + ([channels] if channels > 1 else [])
    return data.reshape(shape), header


def aem_info(binary, path, output, *flags):
    result = subprocess.run([binary, path, "--output", output, *flags], capture_output=True, text=True)
    check(result.returncode == 0, f"aem-info {path} {' '.join(flags)}: {result.stderr.strip()}")
    return result.stdout


def numbers(header, key):
    return [float(v) for v in header[key].split()]


def metadata_offset(path, group, index):
    """The offset (nm) Velox records for signal `index` of `group` (Image or SpectrumStream)."""
    import h5py
    import json
    with h5py.File(path, "r") as f:
        key = sorted(f["Data"][group])[index]
        text = f["Data"][group][key]["Metadata"][:, 0].tobytes().rstrip(b"\0").decode()
        result = json.loads(text)["BinaryResult"]
        to_nm = {"nm": 1.0, "um": 1e3, "pm": 1e-3, "m": 1e9}[result["PixelUnitX"]]
        return [float(result["Offset"][axis]) * to_nm for axis in ("x", "y")]


def compare_spatial(name, header, signal, dims, recorded):
    """Spacing against HyperSpy; origin against HyperSpy, and against the file's own record where
    HyperSpy differs: HyperSpy 1.7 gives the offset in the compact unit of the offset but labels
    it with the unit of the scale (-3.469 um read as -3.469 nm)."""
    axes = [a for a in signal.axes_manager._axes if a.name in ("x", "y")]
    by_name = {a.name: a for a in axes}
    to_nm = {"nm": 1.0, "µm": 1e3, "um": 1e3, "pm": 1e-3, "m": 1e9}
    spacing, origin = numbers(header, "ElementSpacing"), numbers(header, "Offset")
    for d, axis in enumerate(("x", "y")[:dims]):
        a = by_name[axis]
        factor = to_nm[str(a.units)]
        check(np.isclose(spacing[d], a.scale * factor, rtol=1e-12), f"{name}: {axis} spacing {spacing[d]} vs {a.scale * factor}")
        if not np.isclose(origin[d], a.offset * factor, rtol=1e-12, atol=1e-12):
            print(f"  {name}: {axis} origin {origin[d]} nm, HyperSpy {a.offset} {a.units} (its unit defect);"
                  f" the file records {recorded[d]} nm")
            check(np.isclose(origin[d], recorded[d], rtol=1e-12), f"{name}: {axis} origin {origin[d]} vs recorded {recorded[d]}")


def compare_values(name, ours, theirs):
    check(ours.shape == theirs.shape, f"{name}: shape {ours.shape} vs HyperSpy {theirs.shape}")
    if ours.shape == theirs.shape:
        same = np.array_equal(ours.astype(np.float64), theirs.astype(np.float64))
        check(same, f"{name}: values differ (sum {ours.sum()} vs {theirs.sum()})")
        print(f"  {name}: shape {ours.shape}, sum {int(ours.sum())}, first {ours.flat[0]}, last {ours.flat[-1]}:",
              "identical" if same else "DIFFERENT")


def energy_axis(name, header, signal):
    axis = signal.axes_manager.signal_axes[0]
    factor = 1000.0 if str(axis.units) == "keV" else 1.0
    check(np.isclose(float(header["EnergyDispersion"]), axis.scale * factor, rtol=1e-12), f"{name}: dispersion")
    check(np.isclose(float(header["EnergyOffset"]), axis.offset * factor, rtol=1e-12), f"{name}: energy offset")


def text_dataset(group, name, value):
    import h5py
    group.create_dataset(name, data=np.array([json.dumps(value).encode()], dtype=object), dtype=h5py.string_dtype())


def metadata(group, value, frames=1, length=60000):
    """Velox's JSON metadata: a column of `length` bytes per frame (60,000 in Velox's files)."""
    raw = np.frombuffer(json.dumps(value).encode(), dtype=np.uint8)
    table = np.zeros((max(length, raw.size), frames), dtype=np.uint8)
    table[:raw.size, :] = raw[:, None]
    group.create_dataset("Metadata", data=table)


def event_stream(counts, rng):
    """The Velox stream of counts[frame, y, x, channel]: each pixel's events in random order, then
    65535; pixels in raster order, frame after frame."""
    frames, height, width, channels = counts.shape
    values = []
    for f in range(frames):
        for y in range(height):
            for x in range(width):
                events = np.repeat(np.arange(channels, dtype=np.uint16), counts[f, y, x])
                values.append(rng.permutation(events))
                values.append(np.array([65535], dtype=np.uint16))
    return np.concatenate(values)[:, None]


def velox_file(path, image, detectors, spectrum, frames_recorded=True, frame_table=False, length=60000):
    """A Velox EMD file: /Version, one image stack (height, width, frames), one spectrum, and one
    event stream per detector; calibration in its JSON metadata (`length` bytes a column) as
    Velox writes it."""
    import h5py
    rng = np.random.default_rng(7)
    frames = image.shape[2]
    calibration = {"Detector-0": {"DetectorName": "HAADF"}}
    for k, name in enumerate(detectors):
        calibration[f"Detector-{k + 1}"] = {"DetectorName": name, "Dispersion": "10", "OffsetEnergy": "-480"}
    result = {"PixelSize": {"width": "2.5e-10", "height": "5e-10"}, "PixelUnitX": "m",
              "Offset": {"x": "-1e-9", "y": "2e-9"}}
    with h5py.File(path, "w") as f:
        text_dataset(f, "Version", {"format": "Velox", "version": "4"})
        group = f.create_group("Data/Image/0a")
        group.create_dataset("Data", data=image, chunks=(image.shape[0], image.shape[1], 1))
        metadata(group, {"BinaryResult": dict(result, Detector="HAADF"), "Detectors": calibration,
                         "Optics": {"AccelerationVoltage": "300000"}}, frames, length)
        group = f.create_group("Data/Spectrum/1b")
        group.create_dataset("Data", data=spectrum[:, None])
        metadata(group, {"BinaryResult": dict(result, Detector=next(iter(detectors))), "Detectors": calibration}, 1, length)
        for k, (name, counts) in enumerate(detectors.items()):
            group = f.create_group(f"Data/SpectrumStream/2{k}")
            stream = event_stream(counts, rng)
            group.create_dataset("Data", data=stream, chunks=(min(8192, len(stream)), 1))
            text_dataset(group, "AcquisitionSettings", {"bincount": str(counts.shape[3]), "StreamEncoding": "uint16"})
            metadata(group, {"BinaryResult": dict(result, Detector=name), "Detectors": calibration}, 1, length)
            if frame_table:
                ends = np.flatnonzero(stream[:, 0] == 65535)
                per_frame = counts.shape[1] * counts.shape[2]
                starts = [0] + [int(ends[per_frame * (i + 1) - 1]) + 1 for i in range(counts.shape[0] - 1)]
                group.create_dataset("FrameLocationTable", data=np.array(starts, dtype=np.uint64)[:, None])
        if frames_recorded:
            text_dataset(f.create_group("Data/SpectrumImage/3c"), "SpectrumImageSettings", {"endFramePosition": str(frames)})


def synthetic_files(binary, work):
    rng = np.random.default_rng(3)
    frames, height, width, channels = 3, 4, 5, 64
    image = rng.integers(0, 65535, (height, width, frames), dtype=np.uint16)
    detectors = {"SuperXG21": rng.poisson(0.3, (frames, height, width, channels)),
                 "SuperXG22": rng.poisson(0.2, (frames, height, width, channels))}
    spectrum = rng.integers(0, 1000, channels).astype(np.uint32)
    out = os.path.join(work, "signal.mha")
    for recorded, table in ((True, False), (False, True), (False, False)):
        path = os.path.join(work, f"written_{int(recorded)}{int(table)}.emd")
        velox_file(path, image, detectors, spectrum, recorded, table)
        name = f"written file (frames recorded: {recorded}, frame table: {table})"
        listing = subprocess.run([binary, path], capture_output=True, text=True).stdout
        for expected in ("0: HAADF, image 5 x 4, 3 frames", "1: SuperXG21, spectrum of 64 channels",
                         "2: EDS, EDS spectrum image 5 x 4 x 64 channels", "3: SuperXG21", "4: SuperXG22"):
            check(expected in listing, f"{name}: listing lacks '{expected}'")
        aem_info(binary, f"{path}#HAADF", out)
        ours, header = read_mha(out)
        compare_values(f"{name}: image stack", ours, np.moveaxis(image, 2, 0))
        check(numbers(header, "ElementSpacing")[:2] == [0.25, 0.5], f"{name}: spacing {header['ElementSpacing']}")
        check(numbers(header, "Offset")[:2] == [-1.0, 2.0], f"{name}: origin {header['Offset']}")
        check(float(header["BeamEnergy"]) == 300.0, f"{name}: beam energy {header.get('BeamEnergy')}")
        aem_info(binary, f"{path}#1", out)
        ours, header = read_mha(out)
        compare_values(f"{name}: spectrum", ours.reshape(-1), spectrum)
        aem_info(binary, f"{path}#EDS", out)
        ours, header = read_mha(out)
        total = sum(counts.sum(axis=0) for counts in detectors.values())
        compare_values(f"{name}: EDS, both detectors, all frames", ours, total)
        check(float(header["EnergyDispersion"]) == 10.0 and float(header["EnergyOffset"]) == -480.0,
              f"{name}: energy axis {header.get('EnergyOffset')} {header.get('EnergyDispersion')}")
        aem_info(binary, f"{path}#EDS", out, "--firstFrame", "1", "--lastFrame", "2")
        ours, _ = read_mha(out)
        compare_values(f"{name}: EDS, frame 1", ours, sum(counts[1] for counts in detectors.values()))
        aem_info(binary, f"{path}#superxg22", out, "--firstFrame", "2")
        ours, _ = read_mha(out)
        compare_values(f"{name}: EDS, SuperXG22, frame 2", ours, detectors["SuperXG22"][2])
        for flags in (["--firstFrame", "3"], ["--lastFrame", "4"], ["--firstFrame", "2", "--lastFrame", "1"]):
            result = subprocess.run([binary, f"{path}#EDS", "--output", out, *flags], capture_output=True, text=True)
            check(result.returncode != 0 and "frames" in result.stderr, f"{name}: frames {flags} accepted")
        result = subprocess.run([binary, f"{path}#Nothing"], capture_output=True, text=True)
        check(result.returncode != 0 and "no signal named Nothing" in result.stderr, f"{name}: unknown signal accepted")


def bounded_memory(binary, work):
    """A 1 GiB spectrum image converted with the address space limited to 256 MiB."""
    rng = np.random.default_rng(11)
    width = height = 256
    channels, frames = 4096, 2
    path = os.path.join(work, "large.emd")
    # A few events per pixel: each pixel's counts are kept as (pixel, channel) lists to check with.
    per_pixel = rng.poisson(3, (frames, height * width))
    events = rng.integers(0, channels, per_pixel.sum()).astype(np.uint16)
    ends = np.cumsum(per_pixel.reshape(-1))
    stream = np.insert(events, ends, 65535)[:, None]
    import h5py
    with h5py.File(path, "w") as f:
        text_dataset(f, "Version", {"format": "Velox", "version": "4"})
        result = {"Detector": "HAADF", "PixelSize": {"width": "1e-9", "height": "1e-9"}, "PixelUnitX": "m"}
        group = f.create_group("Data/Image/0a")
        group.create_dataset("Data", data=np.zeros((height, width, 1), np.uint16))
        metadata(group, {"BinaryResult": result})
        group = f.create_group("Data/SpectrumStream/1b")
        group.create_dataset("Data", data=stream, chunks=(8192, 1))
        text_dataset(group, "AcquisitionSettings", {"bincount": str(channels), "StreamEncoding": "uint16"})
        metadata(group, {"BinaryResult": dict(result, Detector="SuperXG2"),
                         "Detectors": {"Detector-0": {"DetectorName": "SuperXG21", "Dispersion": "5", "OffsetEnergy": "0"}}})
    size = width * height * channels * 4
    limit = size // 4
    out = os.path.join(work, "large.mha")
    env = dict(os.environ, MALLOC_ARENA_MAX="2")

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    child = subprocess.Popen([binary, f"{path}#EDS", "--output", out], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, preexec_fn=limited, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    error = child.stderr.read().decode().strip()
    check(os.waitstatus_to_exitcode(status) == 0, f"large spectrum image under {limit >> 20} MiB: {error}")
    print(f"  1 GiB spectrum image ({width} x {height} x {channels} uint32) converted with the address space"
          f" limited to {limit >> 20} MiB: peak resident memory {usage.ru_maxrss // 1024} MiB")
    if os.waitstatus_to_exitcode(status) != 0:
        return
    ours, _ = read_mha(out)
    check(int(ours.sum(dtype=np.uint64)) == len(events), f"large: {int(ours.sum(dtype=np.uint64))} counts of {len(events)}")
    # Rows 100 to 103, counted from the events the stream was made of.
    pixel_of_event = np.repeat(np.arange(frames * height * width) % (height * width), per_pixel.reshape(-1))
    expected = np.zeros((4 * width, channels), np.uint32)
    inside = (pixel_of_event >= 100 * width) & (pixel_of_event < 104 * width)
    np.add.at(expected, (pixel_of_event[inside] - 100 * width, events[inside]), 1)
    compare_values("large: rows 100 to 103", ours[100:104].reshape(4 * width, channels), expected)


def multi_image_dm(binary, work, hs):
    """Each image of a DM file of several, by index and by name, against HyperSpy."""
    out = os.path.join(work, "dm_signal.mha")
    listing = subprocess.run([binary, MULTI_IMAGE_DM], capture_output=True, text=True).stdout
    check("0: HAADF, 512 x 512" in listing and "1: Plot, 512" in listing, f"multi-image DM listing: {listing}")
    theirs = hs.load(MULTI_IMAGE_DM)
    for index, signal in enumerate(theirs):
        for selector in (str(index), signal.metadata.General.title.lower()):
            aem_info(binary, f"{MULTI_IMAGE_DM}#{selector}", out)
            ours, _ = read_mha(out)
            compare_values(f"multi_signal.dm3#{selector}", ours.reshape(signal.data.shape), signal.data)


def bruker_files(binary, work, hs):
    """Every .bcf sample: images and hypermap against HyperSpy, as loaded and with its options."""
    out = os.path.join(work, "bcf_signal.mha")
    files = sorted(f for f in glob.glob(os.path.join(BRUKER, "*.bcf")) if os.path.getsize(f) > 100)
    for path in files:
        name = os.path.basename(path)
        theirs = hs.load(path)
        images = [s for s in theirs if s.axes_manager.signal_dimension == 2]
        for index, image in enumerate(images):
            aem_info(binary, f"{path}#{index}", out)
            ours, header = read_mha(out)
            compare_values(f"{name} image {index} ({image.metadata.General.title})", ours, image.data)
        for flags, options in (([], {}), (["--downsample", "2"], {"downsample": 2}),
                               (["--cutoffEnergy", "10"], {"cutoff_at_kV": 10})):
            eds = hs.load(path, select_type="spectrum_image", **options)
            aem_info(binary, f"{path}#EDS", out, *flags)
            ours, header = read_mha(out)
            compare_values(f"{name} EDS {' '.join(flags)}", ours, eds.data)
            energy_axis(f"{name} EDS", header, eds)
            axes = {a.name: a for a in eds.axes_manager.navigation_axes}
            factor = 1000.0 if str(axes["height"].units) == "µm" else 1.0
            spacing = numbers(header, "ElementSpacing")
            check(np.isclose(spacing[1], axes["height"].scale * factor, rtol=1e-12),
                  f"{name}: row spacing {spacing[1]} vs {axes['height'].scale * factor}")
    print(f"{len(files)} Bruker files compared")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    try:
        import hyperspy.api as hs
    except ImportError:
        hs = None
    os.makedirs(args.work, exist_ok=True)
    binary = os.path.join(args.bin, "aem-info")
    synthetic_files(binary, args.work)
    bounded_memory(binary, args.work)
    if hs is not None and os.path.exists(MULTI_IMAGE_DM):
        multi_image_dm(binary, args.work, hs)
    if hs is not None and os.path.isdir(BRUKER):
        bruker_files(binary, args.work, hs)
    if hs is None or not os.path.exists(SAMPLES):
        print("SKIPPED: the comparison with HyperSpy (no HyperSpy, or no sample files at", SAMPLES + ")")
        return 1 if failures else 77
    samples = os.path.join(args.work, "samples")
    with zipfile.ZipFile(SAMPLES) as archive:
        archive.extractall(samples, [n for n in archive.namelist() if n.endswith(".emd")])
    out = os.path.join(args.work, "signal.mha")
    files = sorted(glob.glob(os.path.join(samples, "*.emd")))
    for path in files:
        print(os.path.basename(path))
        listing = subprocess.run([binary, path], capture_output=True, text=True).stdout
        names = [line.split(":")[1].split(",")[0].strip() for line in listing.splitlines() if line.startswith("  ") and ": " in line and line.strip()[0].isdigit()]
        signals = hs.load(path, load_SI_image_stack=True, SI_dtype=np.uint32)
        signals = signals if isinstance(signals, list) else [signals]
        images = [s for s in signals if s.axes_manager.signal_dimension == 2]
        spectra = [s for s in signals if s.axes_manager.signal_dimension == 1 and s.axes_manager.navigation_dimension == 0]
        maps = [s for s in signals if s.axes_manager.signal_dimension == 1 and s.axes_manager.navigation_dimension > 0]
        # Images first, then spectra, then the summed spectrum image, as both list them.
        for index, theirs in enumerate(images):
            aem_info(binary, f"{path}#{index}", out)
            ours, header = read_mha(out)
            compare_values(f"{os.path.basename(path)} image {index}", ours, theirs.data)
            compare_spatial(f"image {index}", header, theirs, 2, metadata_offset(path, "Image", index))
        for k, theirs in enumerate(spectra):
            index = len(images) + k
            aem_info(binary, f"{path}#{index}", out)
            ours, header = read_mha(out)
            compare_values(f"{os.path.basename(path)} spectrum {index}", ours.reshape(-1), theirs.data)
            energy_axis(f"spectrum {index}", header, theirs)
        if not maps:
            continue
        theirs = maps[0]
        aem_info(binary, f"{path}#EDS", out)
        ours, header = read_mha(out)
        compare_values(f"{os.path.basename(path)} EDS, all frames", ours, theirs.data)
        compare_spatial("EDS", header, theirs, 2, metadata_offset(path, "SpectrumStream", 0))
        energy_axis("EDS", header, theirs)
        frames = int(header["Frames"].split()[1])
        if frames > 1:
            first, last = 1, min(frames, 3)
            aem_info(binary, f"{path}#EDS", out, "--firstFrame", str(first), "--lastFrame", str(last))
            ours, _ = read_mha(out)
            part = hs.load(path, SI_dtype=np.uint32, first_frame=first, last_frame=last, load_SI_image_stack=True)
            part = [s for s in (part if isinstance(part, list) else [part]) if s.axes_manager.navigation_dimension > 0 and s.axes_manager.signal_dimension == 1][0]
            compare_values(f"{os.path.basename(path)} EDS, frames {first} to {last}", ours, part.data)
        detectors = [n for n in names[len(images) + len(spectra) + 1:]]
        if detectors:
            each = hs.load(path, SI_dtype=np.uint32, sum_EDS_detectors=False, load_SI_image_stack=True)
            each = [s for s in each if s.axes_manager.navigation_dimension > 0 and s.axes_manager.signal_dimension == 1]
            check(len(each) == len(detectors), f"{len(detectors)} detectors listed, HyperSpy reads {len(each)}")
            for k, theirs in enumerate(each[:len(detectors)]):
                index = len(images) + len(spectra) + 1 + k
                aem_info(binary, f"{path}#{index}", out)
                ours, _ = read_mha(out)
                compare_values(f"{os.path.basename(path)} EDS detector {detectors[k]}", ours, theirs.data)
    print(f"{len(files)} files compared;", "all identical" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
