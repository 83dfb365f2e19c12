#!/usr/bin/env python3
"""Writes the seed corpus of the Velox reader's fuzz harness (scripts/fuzz.sh velox): small Velox
EMD files in the published layout (an image stack, a spectrum, spectrum streams of one and two
detectors, with and without a record of their frames), made by test_instrument_files.py's writer.

    make_velox_seeds.py FOLDER
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Modules", "Applications", "test"))
from test_instrument_files import velox_file  # noqa: E402


def main(folder):
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(5)
    image = rng.integers(0, 65535, (3, 2, 2), dtype=np.uint16)
    spectrum = rng.integers(0, 100, 16).astype(np.uint32)
    one = {"SuperXG21": rng.poisson(0.5, (2, 3, 2, 16))}
    two = dict(one, SuperXG22=rng.poisson(0.5, (2, 3, 2, 16)))
    velox_file(os.path.join(folder, "one_detector.emd"), image, one, spectrum, length=0)
    velox_file(os.path.join(folder, "two_detectors_table.emd"), image, two, spectrum, False, True, length=0)
    velox_file(os.path.join(folder, "frames_counted.emd"), image, one, spectrum, False, False, length=0)


if __name__ == "__main__":
    main(sys.argv[1])
