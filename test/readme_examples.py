#!/usr/bin/env python3
"""Runs the README's examples as printed: every ```sh block preceded by the line
`<!-- example: run by ctest -->`, in an empty folder, with the programs on the PATH; each must
exit 0.

    readme_examples.py README.md BIN_DIR WORK_DIR
"""
import os
import re
import shutil
import subprocess
import sys


def main(readme, bins, work):
    text = open(readme, encoding="utf-8").read()
    blocks = re.findall(r"<!-- example: run by ctest -->\n```sh\n(.*?)```", text, re.S)
    if not blocks:
        print("no example marked in", readme)
        return 1
    failures = 0
    for number, block in enumerate(blocks):
        folder = os.path.join(work, f"example{number}")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        result = subprocess.run(["bash", "-e", "-c", block], cwd=folder, capture_output=True, text=True,
                                env=dict(os.environ, PATH=bins + os.pathsep + os.environ["PATH"]), timeout=600)
        print(f"example {number} ({len(block.splitlines())} lines): exit {result.returncode}")
        if result.returncode != 0:
            print(block, result.stderr)
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
