#!/usr/bin/env python3
"""Writes the seed corpus of the Bruker reader's fuzz harness (scripts/fuzz.sh bcf): small .bcf
files in each pixel packing, compressed and not, made by test_instrument_files.py's writer.

    make_bcf_seeds.py FOLDER
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Modules", "Applications", "test"))
from test_instrument_files import bruker_file  # noqa: E402


def main(folder):
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(4)
    image = rng.integers(0, 65535, (3, 4)).astype(np.uint16)
    for packing in (0, 1, 2):
        counts = rng.poisson(0.3, (3, 4, 40))
        counts[1, 1, 5] += 300
        for compressed in (False, True):
            bruker_file(os.path.join(folder, f"packing{packing}_{int(compressed)}.bcf"), counts, image, packing,
                        compressed, rng)


if __name__ == "__main__":
    main(sys.argv[1])
