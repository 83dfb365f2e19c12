#!/usr/bin/env python3
"""Writes the seed corpus of the HyperSpy reader's fuzz harness (scripts/fuzz.sh hspy): small valid
.hspy files of every layout and type the reader accepts, and the malformed files that once broke
it (string attributes holding arrays, channel counts beyond 32 bits, data the file does not hold).

    make_hspy_seeds.py FOLDER
"""
import os
import sys

import h5py
import numpy as np


def signal(path, data, navigate, units=("nm", "eV"), **options):
    with h5py.File(path, "w") as f:
        f.attrs["file_format"] = "HyperSpy"
        f.attrs["file_format_version"] = "3.1"
        group = f.create_group("Experiments/seed")
        group.create_dataset("data", data=data, **options)
        for a, nav in enumerate(navigate):
            axis = group.create_group(f"axis-{a}")
            axis.attrs["size"] = data.shape[a]
            axis.attrs["scale"] = 0.5
            axis.attrs["offset"] = -2.0
            axis.attrs["units"] = units[-1] if not nav else units[0]
            axis.attrs["navigate"] = np.bool_(nav)
        group.create_group("metadata/General").attrs["title"] = "seed"
        group.create_group("metadata/Signal").attrs["signal_type"] = "EELS"
        tem = group.create_group("metadata/Acquisition_instrument/TEM")
        tem.attrs["beam_energy"] = 300.0
        tem.create_group("Detector/EELS").attrs["collection_angle"] = 10.0


def main(folder):
    os.makedirs(folder, exist_ok=True)
    out = lambda name: os.path.join(folder, name)  # noqa: E731
    ramp = np.arange(3 * 4 * 16, dtype="f4").reshape(3, 4, 16)
    signal(out("si_f4.hspy"), ramp, [True, True, False])
    signal(out("linescan_i2_be.hspy"), ramp[0].astype(">i2"), [True, False])
    signal(out("spectrum_u1.hspy"), ramp[0, 0].astype("u1"), [False], units=("keV",))
    signal(out("si_gzip.hspy"), ramp.astype("f8"), [True, True, False], chunks=(1, 2, 16), compression="gzip",
           shuffle=True, fletcher32=True)

    # String attributes holding arrays (fixed and variable length) where one string is expected.
    with h5py.File(out("format_array.hspy"), "w") as f:
        f.attrs["file_format"] = np.array([b"HyperSpy" * 100] * 50, dtype="S800")
    with h5py.File(out("format_vlen_array.hspy"), "w") as f:
        f.attrs.create("file_format", ["HyperSpy"] * 1000, dtype=h5py.string_dtype())
    signal(out("title_array.hspy"), ramp, [True, True, False])
    with h5py.File(out("title_array.hspy"), "a") as f:
        f["Experiments/seed/metadata/General"].attrs.create("title", ["x" * 64] * 200, dtype=h5py.string_dtype())
    signal(out("units_array.hspy"), ramp, [True, True, False])
    with h5py.File(out("units_array.hspy"), "a") as f:
        f["Experiments/seed/axis-2"].attrs["units"] = np.array([b"eV" * 40] * 40, dtype="S80")

    # Extents the file cannot hold: 2^32 + 1 channels (compressed, one chunk written) and 2^31
    # channels of contiguous storage that was never written.
    with h5py.File(out("channels_2p32.hspy"), "w") as f:
        f.attrs["file_format"] = "HyperSpy"
        group = f.create_group("Experiments/seed")
        data = group.create_dataset("data", shape=(2**32 + 1,), dtype="f4", chunks=(1024,), compression="gzip")
        data[:1024] = 1.0
        group.create_group("axis-0").attrs["navigate"] = np.bool_(False)
    with h5py.File(out("channels_2p31.hspy"), "w") as f:
        f.attrs["file_format"] = "HyperSpy"
        group = f.create_group("Experiments/seed")
        group.create_dataset("data", shape=(2**31,), dtype="u1")
        group.create_group("axis-0").attrs["navigate"] = np.bool_(False)


if __name__ == "__main__":
    main(sys.argv[1])
