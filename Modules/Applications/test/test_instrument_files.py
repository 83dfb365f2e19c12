#!/usr/bin/env python3
"""Instrument files read as users read them: converted by aem-info in fresh processes, and the
written files compared with what is known to be in them.

1. Files written here from the published layout (velox_file below): an image stack, a spectrum
   and a two-detector EDS spectrum image whose event streams are made from known counts; every
   value read back exactly, over all frames, a frame range and each detector.
2. A spectrum image of 256 x 256 x 4096 channels (1 GiB of counts) converted, and mapped into
   line maps, under a memory limit of a quarter of its size: the reader streams it in pieces;
   peak memory reported; the values of a crop checked against the counts the stream was made
   from, and its maps against an in-memory run on a file of that crop alone.
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
6. EDS line maps (aem-eds-maps) of those files against HyperSpy 1.7's get_lines_intensity with
   its background windows, every line of each file's element selection; and the one command that
   goes from a Velox file to maps fused with its HAADF.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import time
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


def velox_file(path, image, detectors, spectrum, frames_recorded=True, frame_table=False, length=60000, eels=None):
    """A Velox EMD file: /Version, one image stack (height, width, frames), one spectrum, and one
    event stream per detector; calibration in its JSON metadata (`length` bytes a column) as
    Velox writes it. With `eels` (height, width, channels): an EELS spectrum image stored
    (x, energy, y) with its AcquisitionMetadata, and the image labelled "Fe" by a display of the
    version 11 layout (Displays/ImageDisplay, SharedProperties), the pixel size then on the
    spectrum image only."""
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
        if eels is not None:
            group = f.create_group("Data/EelsSpectrumImage/4d")
            group.create_dataset("Data", data=np.ascontiguousarray(eels.transpose(1, 2, 0)))
            metadata(group, {"Data": {"offset": 450.5, "dispersion": 0.25}}, eels.shape[0], length)
            group.move("Metadata", "AcquisitionMetadata")
            metadata(group, {"BinaryResult": {"Detector": "Zebra"}}, 1, length)
            text_dataset(f.create_group("SharedProperties/ImageSeriesDataReference"), "5e", {"dataPath": "/Data/Image/0a"})
            text_dataset(f.create_group("Displays/ImageDisplay"), "6f",
                         {"id": "Fe", "data": "/SharedProperties/ImageSeriesDataReference/5e"})
            scan = f.require_group("Data/SpectrumImage/3c")
            metadata(scan, {"BinaryResult": dict(result, Detector="SuperX")}, 1, length)


def sfs_container(path, files, chunk=4096, compressed=False, block=8192):
    """An AidAim SFS container (what a .bcf is) holding `files` {"folder/name": bytes}: chunk 0 is
    the header; each file has a table of its chunks; compressed files are zlib blocks after an
    AACS header."""
    import struct
    import zlib
    usable = chunk - 32
    chunks = [b""]  # chunk 0: the file header

    def allocate(data):
        """Stores data in new chunks, their table in chained chunks; the table's first chunk."""
        pieces = [data[i:i + usable] for i in range(0, len(data), usable)] or []
        numbers = []
        for piece in pieces:
            chunks.append(piece)
            numbers.append(len(chunks) - 1)
        table = struct.pack(f"<{len(numbers)}I", *numbers)
        table_pieces = [table[i:i + usable] for i in range(0, len(table), usable)] or [b""]
        first = len(chunks)
        for k, piece in enumerate(table_pieces):
            chunks.append((first + k + 1 if k + 1 < len(table_pieces) else 0, piece))
        return first

    def stored(data):
        if not compressed:
            return data
        blocks = [data[i:i + block] for i in range(0, len(data), block)]
        out = b"AACS" + struct.pack("<III", block, 0, len(blocks))
        out += b"\0" * (0x80 - len(out))
        for b in blocks:
            z = zlib.compress(b)
            out += struct.pack("<IIII", len(z), len(b), 0, len(z) + 16) + z
        return out

    folders = sorted({name.split("/")[0] for name in files})
    entries = []
    for folder in folders:
        entries.append((folder, -1, True, 0, 0))
    for name, data in files.items():
        folder, leaf = name.split("/")
        content = stored(data)
        entries.append((leaf, folders.index(folder), False, allocate(content), len(content)))
    tree = b""
    for name, parent, folder, table, size in entries:
        tree += struct.pack("<iQQQQIi176s?3s256s32s", table, size, 0, 0, 0, 0, parent, b"", folder, b"",
                            name.encode(), b"")
    tree_first = len(chunks)
    per_chunk = usable // 512
    tree_pieces = [tree[i:i + per_chunk * 512] for i in range(0, len(tree), per_chunk * 512)]
    for k, piece in enumerate(tree_pieces):
        chunks.append((tree_first + k + 1 if k + 1 < len(tree_pieces) else 0, piece))
    out = bytearray(0x118 + len(chunks) * chunk)
    out[0:8] = b"AAMVHFSS"
    out[0x124:0x12C] = struct.pack("<fI", 2.6, chunk)
    out[0x140:0x14C] = struct.pack("<III", tree_first, len(entries), len(chunks))
    for k, content in enumerate(chunks[1:], start=1):
        nxt, data = content if isinstance(content, tuple) else (0, content)
        out[k * chunk + 0x118:k * chunk + 0x11C] = struct.pack("<I", nxt)
        out[k * chunk + 0x138:k * chunk + 0x138 + len(data)] = data
    with open(path, "wb") as f:
        f.write(bytes(out))


def twelve_bit(pulses):
    """Channels packed two in three bytes, each 16-bit word's bytes swapped."""
    packed = []
    for i in range(0, len(pulses), 2):
        a = int(pulses[i])
        b = int(pulses[i + 1]) if i + 1 < len(pulses) else 0
        packed += [a >> 4, ((a & 15) << 4) | (b >> 8), b & 255]
    if len(packed) % 2:
        packed.append(0)
    return bytes(packed[j ^ 1] for j in range(len(packed)))


def runs(counts, rng):
    """Bruker's run packing of a pixel's counts: runs of channels as an offset and values of 4, 8,
    16 or 32 bits (or no values: zeros); a few counts left over as single 16-bit pulses."""
    import struct
    counts = counts.astype(np.int64).copy()
    singles = []
    for channel in rng.choice(np.flatnonzero(counts), size=min(3, np.count_nonzero(counts)), replace=False):
        counts[channel] -= 1
        singles.append(int(channel))
    data = b""
    last = int(np.flatnonzero(counts).max()) + 1 if counts.any() else 0
    for start in range(0, last, 255):
        run = counts[start:min(last, start + 255)]
        offset, spread = int(run.min()), int(run.max() - run.min())
        if not run.any():
            data += struct.pack("<BB", 0, len(run))
        elif spread < 16:
            values = run - offset
            nibbles = [int(values[i]) | (int(values[i + 1]) << 4 if i + 1 < len(values) else 0) for i in range(0, len(values), 2)]
            data += struct.pack("<BBB", 1, len(run), offset) + bytes(nibbles)
        elif spread < 256:
            data += struct.pack("<BBH", 2, len(run), offset) + bytes(int(v) for v in run - offset)
        elif spread < 65536:
            data += struct.pack("<BBI", 4, len(run), offset) + struct.pack(f"<{len(run)}H", *(run - offset))
        else:
            data += struct.pack("<BBQ", 8, len(run), offset) + struct.pack(f"<{len(run)}I", *(run - offset))
    extra = struct.pack(f"<{len(singles)}H", *singles)
    return data + struct.pack("<I", len(extra)), len(singles), extra, last


def bruker_file(path, counts, image, packing, compressed, rng):
    """A .bcf: SFS container with EDSDatabase/HeaderData (XML, decimal commas as Bruker writes
    them) and SpectrumData0 (the hypermap of counts[y, x, channel] in the packing given)."""
    import base64
    import struct
    height, width, channels = counts.shape
    xml = f"""<?xml version="1.0" encoding="WINDOWS-1252" standalone="yes"?><TRTSpectrumDatabase><ClassInstance Type="TRTSpectrumDatabase" Name="written"><Header><FileVersion>1</FileVersion></Header><ClassInstance Type="TRTSEMData"><HV>15</HV><DX>0,25</DX><DY>0,5</DY></ClassInstance><ClassInstance Type="TRTImageData"><ItemSize>2</ItemSize><Width>{width}</Width><Height>{height}</Height><PlaneCount>2</PlaneCount><Plane0><Description>BSE</Description><Data>{base64.b64encode(image.astype('<u2').tobytes()).decode()}</Data></Plane0><Plane1><Description>Off</Description><Data>{base64.b64encode(bytes(2 * width * height)).decode()}</Data></Plane1></ClassInstance><ChCount>{channels}</ChCount><SpectrumData0><ClassInstance Type="TRTSpectrum"><TRTHeaderedClass><ClassInstance Type="TRTESMAHeader"><PrimaryEnergy>15</PrimaryEnergy><ElevationAngle>35</ElevationAngle></ClassInstance></TRTHeaderedClass><ClassInstance Type="TRTSpectrumHeader"><ChannelCount>{channels}</ChannelCount><CalibAbs>-4,7E-1</CalibAbs><CalibLin>1E-2</CalibLin></ClassInstance></ClassInstance></SpectrumData0><ClassInstance Type="TRTContainerClass"><ChildClassInstances><ClassInstance Type="TRTElementInformationList"><ClassInstance Type="TRTSpectrumRegionList"><ChildClassInstances><ClassInstance Type="TRTSpectrumRegion" Name="Fe"><Line>KA</Line></ClassInstance><ClassInstance Type="TRTSpectrumRegion" Name="O"><Line>K</Line></ClassInstance></ChildClassInstances></ClassInstance></ClassInstance></ChildClassInstances></ClassInstance></ClassInstance></TRTSpectrumDatabase>"""
    body = struct.pack("<ii", height, width) + bytes(0x1A0 - 8)
    for y in range(height):
        pixels = [x for x in range(width) if counts[y, x].any() or packing == 2]
        body += struct.pack("<i", len(pixels))
        for x in pixels:
            pulses = np.repeat(np.arange(channels), counts[y, x]).astype(np.uint16)
            rng.shuffle(pulses)
            if packing == 0:
                data, n, extra = pulses.astype("<u2").tobytes(), len(pulses), b""
                pixel_channels = channels
            elif packing == 1:
                data, n, extra = twelve_bit(pulses), len(pulses), b""
                pixel_channels = channels
            else:
                data, n, extra, pixel_channels = runs(counts[y, x], rng)
            body += struct.pack("<IHHIHHHI", x, channels, pixel_channels, 0, packing, 0, n, len(data)) + data + extra
    sfs_container(path, {"EDSDatabase/HeaderData": xml.encode("cp1252"), "EDSDatabase/SpectrumData0": body},
                  compressed=compressed)


def written_bruker_files(binary, work):
    """.bcf files written here in each pixel packing, compressed and not, read back exactly: the
    image, the hypermap, and the hypermap downsampled and cut off."""
    rng = np.random.default_rng(9)
    out = os.path.join(work, "bcf_written.mha")
    height, width, channels = 5, 7, 300
    image = rng.integers(0, 65535, (height, width)).astype(np.uint16)
    for packing in (0, 1, 2):
        counts = rng.poisson(0.05, (height, width, channels)).astype(np.int64)
        if packing == 2:
            counts[1, 2, 10:20] += 300   # runs of 16-bit values
            counts[3, 4, 50] += 70000    # and of 32-bit values
        for compressed in (False, True):
            path = os.path.join(work, f"written_{packing}_{int(compressed)}.bcf")
            bruker_file(path, counts, image, packing, compressed, rng)
            name = f"written .bcf (packing {packing}, compressed {compressed})"
            listing = subprocess.run([binary, path], capture_output=True, text=True)
            check("0: BSE, image 7 x 5, 16-bit" in listing.stdout and "1: EDS, EDS spectrum image 7 x 5 x 300" in listing.stdout,
                  f"{name}: listing {listing.stdout} {listing.stderr}")
            aem_info(binary, f"{path}#BSE", out)
            ours, _ = read_mha(out)
            compare_values(f"{name}: image", ours, image)
            aem_info(binary, f"{path}#EDS", out)
            ours, header = read_mha(out)
            compare_values(f"{name}: hypermap", ours, counts)
            check(numbers(header, "ElementSpacing") == [250.0, 500.0], f"{name}: spacing {header['ElementSpacing']}")
            check(float(header["EnergyOffset"]) == -470.0 and float(header["EnergyDispersion"]) == 10.0,
                  f"{name}: energy axis {header['EnergyOffset']} {header['EnergyDispersion']}")
            check(header.get("XrayLines") == "Fe_Ka O_Ka", f"{name}: lines {header.get('XrayLines')}")
            aem_info(binary, f"{path}#EDS", out, "--downsample", "3", "--cutoffEnergy", "1.5")
            ours, _ = read_mha(out)
            kept = int(round((1.5 + 0.47) / 0.01))
            padded = np.zeros((6, 9, kept), np.int64)
            padded[:height, :width] = counts[:, :, :kept]
            compare_values(f"{name}: downsampled by 3, cut at 1.5 keV", ours, padded.reshape(2, 3, 3, 3, kept).sum(axis=(1, 3)))


def written_eels_file(binary, work):
    """An EELS spectrum image, an element map's label and the spectrum image's pixel size, as the
    version 11 layout stores them, read back exactly."""
    rng = np.random.default_rng(13)
    height, width, channels = 3, 5, 40
    image = rng.integers(0, 65535, (height, width, 1), dtype=np.uint16)
    eels = rng.integers(0, 60000, (height, width, channels)).astype(np.uint16)
    path = os.path.join(work, "written_eels.emd")
    velox_file(path, image, {"SuperXG21": rng.poisson(0.2, (1, height, width, 8))}, np.zeros(8, np.uint32), eels=eels)
    out = os.path.join(work, "eels.mha")
    listing = subprocess.run([binary, path], capture_output=True, text=True).stdout
    check("0: Fe, image 5 x 3" in listing and "2: EELS, EELS spectrum image 5 x 3 x 40 channels" in listing,
          f"written EELS file: listing {listing}")
    aem_info(binary, f"{path}#EELS", out)
    ours, header = read_mha(out)
    compare_values("written file: EELS spectrum image", ours, eels)
    check(float(header["EnergyOffset"]) == 450.5 and float(header["EnergyDispersion"]) == 0.25 and
          header.get("SignalType") == "EELS", f"EELS energy axis {header.get('EnergyOffset')} {header.get('EnergyDispersion')}")
    check(numbers(header, "ElementSpacing") == [0.25, 0.5], f"EELS spacing {header['ElementSpacing']}")
    aem_info(binary, f"{path}#fe", out)
    ours, header = read_mha(out)
    compare_values("written file: element map Fe", ours, image[:, :, 0])
    check(header.get("Element") == "Fe" and numbers(header, "ElementSpacing") == [0.25, 0.5],
          f"element map: Element {header.get('Element')}, spacing {header['ElementSpacing']}")


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

    def limited(*command):
        """Runs command with its address space limited (prlimit) and its peak resident memory
        measured by /usr/bin/time (not by this process, whose pages a fork would count)."""
        result = subprocess.run(["prlimit", f"--as={limit}", "--", "/usr/bin/time", "-f", "peak %M kB", *command],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        peak = [line for line in result.stderr.splitlines() if line.startswith("peak ")]
        return result.returncode, result.stderr.strip(), int(peak[-1].split()[1]) // 1024 if peak else -1

    status, error, peak = limited(binary, f"{path}#EDS", "--output", out)
    check(status == 0, f"large spectrum image under {limit >> 20} MiB: {error}")
    print(f"  1 GiB spectrum image ({width} x {height} x {channels} uint32) converted with the address space"
          f" limited to {limit >> 20} MiB: peak resident memory {peak} MiB")
    if status != 0:
        return
    ours, _ = read_mha(out)
    check(int(ours.sum(dtype=np.uint64)) == len(events), f"large: {int(ours.sum(dtype=np.uint64))} counts of {len(events)}")
    # Rows 100 to 103, counted from the events the stream was made of.
    pixel_of_event = np.repeat(np.arange(frames * height * width) % (height * width), per_pixel.reshape(-1))
    expected = np.zeros((4 * width, channels), np.uint32)
    inside = (pixel_of_event >= 100 * width) & (pixel_of_event < 104 * width)
    np.add.at(expected, (pixel_of_event[inside] - 100 * width, events[inside]), 1)
    compare_values("large: rows 100 to 103", ours[100:104].reshape(4 * width, channels), expected)

    # Line maps of the large file under the same limit, streamed, against an in-memory run on a
    # file of rows 100 to 103 alone (the same events).
    # The compositions come from the same single pass over the file.
    maps = os.path.join(work, "large_maps.mha")
    compositions = os.path.join(work, "large_compositions.mha")
    flags = ["--lines", "Fe_Ka,Cu_Ka,O_Ka"]
    k_factors = np.array([1.0, 1.5, 2.0])
    status, error, peak = limited(os.path.join(os.path.dirname(binary), "aem-eds-maps"), f"{path}#EDS", maps, *flags,
                                  "--kFactors", ",".join(map(str, k_factors)), "--composition", compositions)
    check(status == 0, f"line maps of the large spectrum image under {limit >> 20} MiB: {error}")
    print(f"  its line maps and compositions (aem-eds-maps, streamed) under the same limit: peak resident memory"
          f" {peak} MiB")
    if status == 0:
        streamed, _ = read_mha(maps)
        weighted = streamed.astype(np.float64) * k_factors
        total = weighted.sum(axis=-1, keepdims=True)
        expected_fractions = np.where(total > 0, weighted / np.where(total > 0, total, 1.0), np.nan)
        fractions, _ = read_mha(compositions)
        # The maps are float32 roundings of the intensities the fractions were made from; with
        # background-subtracted (possibly negative) intensities that rounding is amplified by
        # sum_j |k_j I_j| / sum_j k_j I_j.
        amplification = np.abs(weighted).sum(axis=-1, keepdims=True) / np.where(total > 0, total, 1.0)
        error = np.nanmax(np.abs(fractions - expected_fractions) / amplification)
        check(np.array_equal(np.isnan(fractions), np.isnan(expected_fractions)) and error < 1e-6,
              f"large: compositions are k_i I_i / sum_j k_j I_j of the maps (error {error:.1e} of the rounding"
              f" amplification)")
    starts = np.concatenate([[0], np.cumsum(per_pixel.reshape(-1))])
    crop_events = []
    for frame in range(frames):
        for pixel in range(100 * width, 104 * width):
            k = frame * height * width + pixel
            crop_events.append(events[starts[k]:starts[k + 1]])
            crop_events.append(np.array([65535], np.uint16))
    crop = os.path.join(work, "crop.emd")
    with h5py.File(crop, "w") as f:
        text_dataset(f, "Version", {"format": "Velox", "version": "4"})
        group = f.create_group("Data/Image/0a")
        group.create_dataset("Data", data=np.zeros((4, width, 1), np.uint16))
        metadata(group, {"BinaryResult": result})
        group = f.create_group("Data/SpectrumStream/1b")
        group.create_dataset("Data", data=np.concatenate(crop_events)[:, None])
        text_dataset(group, "AcquisitionSettings", {"bincount": str(channels), "StreamEncoding": "uint16"})
        metadata(group, {"BinaryResult": dict(result, Detector="SuperXG2"),
                         "Detectors": {"Detector-0": {"DetectorName": "SuperXG21", "Dispersion": "5", "OffsetEnergy": "0"}}})
    crop_maps = os.path.join(work, "crop_maps.mha")
    result_crop = subprocess.run([os.path.join(os.path.dirname(binary), "aem-eds-maps"), f"{crop}#EDS", crop_maps, *flags],
                                 capture_output=True, text=True)
    check(result_crop.returncode == 0, f"line maps of the crop: {result_crop.stderr.strip()}")
    if status == 0 and result_crop.returncode == 0:
        streamed, _ = read_mha(maps)
        in_memory, _ = read_mha(crop_maps)
        compare_values("large: line maps of rows 100 to 103, streamed and in memory", streamed[100:104], in_memory)


def refused(binary, path, out, expected, name, seconds=None):
    """The reading of `path` fails with one line naming `expected` and writes no file."""
    if os.path.exists(out):
        os.remove(out)
    start = time.monotonic()
    result = subprocess.run([binary, path, "--output", out], capture_output=True, text=True)
    elapsed = time.monotonic() - start
    error = result.stderr.strip()
    check(result.returncode != 0 and expected in error and len(error.splitlines()) == 1 and not os.path.exists(out),
          f"{name}: exit {result.returncode}, '{error}'")
    if seconds is not None:
        check(elapsed < seconds, f"{name}: {elapsed:.1f} s to refuse (more than {seconds} s)")
    print(f"  {name}: refused in {elapsed:.2f} s: {error}")


def velox_metadata_budget(binary, work):
    """A Velox file's JSON texts are read within budgets: a file of 300 signals with Velox's
    metadata is read; one that names a large metadata under thousands of links, or compresses
    16 MiB of JSON into 44 kB, is refused in seconds (they took 30 s and 4.6 GB, and 13 s)."""
    import h5py
    out = os.path.join(work, "budget.mha")
    image = np.arange(12, dtype=np.uint16).reshape(3, 2, 2)
    spectrum = np.arange(16, dtype=np.uint32)
    detectors = {"SuperXG21": np.ones((2, 3, 2, 16), np.int64)}
    # 300 images, each with a 60,000-byte column holding about 9 kB of JSON, as Velox writes them.
    many = os.path.join(work, "many_signals.emd")
    velox_file(many, image, detectors, spectrum)
    padding = {f"Key{k}": f"{k * 0.001:.6e}" for k in range(400)}
    with h5py.File(many, "a") as f:
        for k in range(1, 300):
            group = f.create_group(f"Data/Image/{k:03d}")
            group.create_dataset("Data", data=image + k)
            metadata(group, {"BinaryResult": {"Detector": f"DF{k}"}, "Padding": padding})
    listing = subprocess.run([binary, many], capture_output=True, text=True)
    check(listing.returncode == 0 and "299: DF299, image 2 x 3, 2 frames" in listing.stdout,
          f"300 signals of Velox-sized metadata: {listing.stderr.strip()}")
    aem_info(binary, f"{many}#DF299", out)
    compare_values("300 signals: image DF299", read_mha(out)[0], np.moveaxis(image + 299, 2, 0))

    links = os.path.join(work, "links.emd")
    velox_file(links, image, detectors, spectrum, length=0)
    with h5py.File(links, "a") as f:
        group = f["Data/Image/0a"]
        del group["Metadata"]
        metadata(group, {"BinaryResult": {"Detector": "HAADF"}, "Padding": list(range(30000))}, length=0)
        for k in range(3000):
            f["Data/Image"][f"link{k}"] = group
    refused(binary, links, out, "JSON texts are over 4 MiB", "one 200 kB metadata under 3000 links", 10)

    deflated = os.path.join(work, "deflated.emd")
    velox_file(deflated, image, detectors, spectrum, length=0)
    with h5py.File(deflated, "a") as f:
        group = f["Data/Image/0a"]
        del group["Metadata"]
        text = np.frombuffer(b'{"a":[' + b"0," * ((8 << 20) - 8) + b"0]}", np.uint8)
        group.create_dataset("Metadata", data=text[:, None], chunks=(1 << 20, 1), compression="gzip")
    refused(binary, deflated, out, "JSON texts are over 4 MiB", "16 MiB of JSON compressed", 10)


def velox_complex_images(binary, work, hs):
    """Debian's loose Velox samples: a DPC file whose complex image is listed and refused while
    its eight real images read as the file stores them; a file of one complex FFT image."""
    import h5py
    out = os.path.join(work, "signal.mha")
    dpc = os.path.join(HYPERSPY_TESTS, "emd_files", "fei_example_dpc_titles.emd")
    listing = subprocess.run([binary, dpc], capture_output=True, text=True).stdout
    check("1: DPC, not read: complex values (a DPC or FFT image)" in listing, f"DPC listing: {listing}")
    with h5py.File(dpc, "r") as f:
        groups = sorted(f["Data/Image"])
        for index, group in enumerate(groups):
            stored = f["Data/Image"][group]["Data"]
            if stored.dtype.names:
                refused(binary, f"{dpc}#{index}", out, "holds complex values", f"DPC file: complex image {index}")
                continue
            aem_info(binary, f"{dpc}#{index}", out)
            compare_values(f"DPC file: image {index}", read_mha(out)[0], stored[:, :, 0])
    check(sum(1 for s in hs.load(dpc) if s.data.dtype.kind == "c") == 1, "HyperSpy reads one complex image of the DPC file")
    fft = os.path.join(HYPERSPY_TESTS, "emd_files", "fei_example_complex_fft.emd")
    refused(binary, fft, out, "signal 0 (FFT%231%28Ceta%29) holds complex values", "complex FFT file")


def hyperspy_files_of_every_version(binary, work, hs):
    """Debian's HyperSpy test files of formats 1.0 to 3.1 (1.0 and 1.1 keep their metadata in
    mapped_parameters, 1.0 has no format attribute): values, beam energy, signal type and title as
    HyperSpy reads them; the RGBA stack, which has no number type, refused with one line."""
    out = os.path.join(work, "hyperspy.mha")
    for path in sorted(glob.glob(os.path.join(HYPERSPY_TESTS, "hdf5_files", "*.h*5")) +
                       glob.glob(os.path.join(HYPERSPY_TESTS, "hdf5_files", "*.hspy"))):
        name = os.path.basename(path)
        if name == "test_rgba16.hdf5":
            refused(binary, path, out, "not integers or IEEE floating-point numbers", name)
            continue
        aem_info(binary, path, out)
        if not os.path.exists(out):
            continue
        ours, header = read_mha(out)
        theirs = hs.load(path)
        check(ours.size == theirs.data.size, f"{name}: {ours.size} values, HyperSpy {theirs.data.size}")
        if ours.size == theirs.data.size:
            compare_values(name, ours.reshape(theirs.data.shape), theirs.data)
        beam = theirs.metadata.get_item("Acquisition_instrument.TEM.beam_energy")
        check(beam is None or float(header.get("BeamEnergy", "nan")) == beam,
              f"{name}: beam energy {header.get('BeamEnergy')}, HyperSpy {beam}")
        for key, value in (("SignalType", theirs.metadata.Signal.signal_type), ("Title", theirs.metadata.General.title)):
            check(header.get(key, "") == value, f"{name}: {key} '{header.get(key, '')}', HyperSpy '{value}'")
        os.remove(out)


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


def line_maps_against_hyperspy(bin_folder, work, hs):
    """aem-eds-maps' window maps against get_lines_intensity(background_windows=...) on the Bruker
    samples. The windows are placed from each line's energy, and the tables differ for a few lines
    (P Ka: 2010.2 eV in xraylib, 2013.3 eV in HyperSpy), which moves a window edge by a channel,
    and background windows are shared between neighbouring lines. So a file whose lines all agree
    within 1 eV in both tables must match to the precision of the float maps (1e-6 of the largest
    value); a file with a line that does not, to 1 %."""
    from hyperspy.misc.elements import elements_db
    out = os.path.join(work, "lines.mha")
    compared = 0
    for name in ("30x30_instructively_packed_16bit_compressed.bcf", "bcf_v2_50x50px.bcf", "test_TEM.bcf",
                 "16x16_12bit_packed_8bit.bcf", "Hitachi_TM3030Plus.bcf"):
        path = os.path.join(BRUKER, name)
        signal = hs.load(path, select_type="spectrum_image")
        instrument = signal.metadata.Acquisition_instrument
        mode = "TEM" if "TEM" in instrument else "SEM"
        resolution = instrument[mode].Detector.EDS.energy_resolution_MnKa
        lines = list(signal.metadata.Sample.xray_lines)
        if len(lines) < 2:
            continue  # HyperSpy 1.7's estimate_background_windows fails on a single line
        theirs = signal.get_lines_intensity(xray_lines=lines,
                                            background_windows=signal.estimate_background_windows(xray_lines=lines))
        result = subprocess.run([os.path.join(bin_folder, "aem-eds-maps"), f"{path}#EDS", out, "--lines", ",".join(lines),
                                 "--resolution", str(resolution)], capture_output=True, text=True)
        check(result.returncode == 0, f"aem-eds-maps {name}: {result.stderr.strip()}")
        ours, header = read_mha(out)
        order = header["XrayLines"].split()
        same_energies = all(abs(line_energy(line) - 1000 * table_energy(elements_db, line)) < 1.0 for line in lines)
        tolerance = 1e-6 if same_energies else 1e-2
        worst = 0.0
        for image in theirs:
            line = image.metadata.Sample.xray_lines[0]
            scale = max(1.0, float(np.abs(image.data).max()))
            difference = float(np.abs(ours[..., order.index(line)] - image.data).max()) / scale
            worst = max(worst, difference)
            check(difference <= tolerance, f"{name} {line}: maps differ by {difference:.3g} of their largest value")
        print(f"  {name}: {len(lines)} line maps against HyperSpy, largest difference {worst:.2g} of the largest value"
              f" ({'same' if same_energies else 'different'} line energies in the two tables)")
        compared += 1
    print(f"{compared} files' line maps compared")


def table_energy(elements_db, line):
    element, family = line.split("_")
    return elements_db[element].Atomic_properties.Xray_lines[family].energy_keV


def line_energy(line):
    """The energy (eV) of a line in the project's table, as aem-eds-maps uses it."""
    import re
    element, name = line.split("_")
    source = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Core", "src",
                               "itkEDSXrayLineTableData.cxx")).read()
    z = SYMBOLS.index(element) + 1
    match = re.search(r'\{ %d, "%s", ([0-9.]+),' % (z, name), source)
    return 1000.0 * float(match.group(1))


SYMBOLS = ("H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb "
           "Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W "
           "Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U").split()


def velox_to_fused_maps(bin_folder, samples):
    """The documented command: a Velox spectrum image to line maps fused with its HAADF."""
    path = os.path.join(samples, "fei_SI_EDS-HAADF-4detectors_2frames.emd")
    maps, fused = os.path.join(samples, "..", "velox_maps.mha"), os.path.join(samples, "..", "velox_fused.mha")
    result = subprocess.run([os.path.join(bin_folder, "aem-eds-maps"), f"{path}#EDS", maps, "--lines", "C_Ka,Si_Ka",
                             "--haadf", f"{path}#HAADF", "--fused", fused], capture_output=True, text=True)
    check(result.returncode == 0, f"aem-eds-maps to fused maps: {result.stderr.strip()}")
    if result.returncode == 0:
        ours, header = read_mha(fused)
        check(ours.shape == (16, 16, 2) and header["Element"] == "C Si" and np.isfinite(ours).all(),
              f"fused maps {ours.shape} {header.get('Element')}")
        print(f"  Velox spectrum image to fused C and Si maps in one command: {ours.shape}")


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
    written_eels_file(binary, args.work)
    bounded_memory(binary, args.work)
    velox_metadata_budget(binary, args.work)
    if hs is not None and os.path.isdir(os.path.join(HYPERSPY_TESTS, "emd_files")):
        velox_complex_images(binary, args.work, hs)
    if hs is not None and os.path.isdir(os.path.join(HYPERSPY_TESTS, "hdf5_files")):
        hyperspy_files_of_every_version(binary, args.work, hs)
    if hs is not None and os.path.exists(MULTI_IMAGE_DM):
        multi_image_dm(binary, args.work, hs)
    written_bruker_files(binary, args.work)
    if hs is not None and os.path.isdir(BRUKER):
        bruker_files(binary, args.work, hs)
        line_maps_against_hyperspy(args.bin, args.work, hs)
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
    velox_to_fused_maps(args.bin, samples)
    print(f"{len(files)} files compared;", "all identical" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
