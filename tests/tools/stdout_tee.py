"""Run a command, copying what it writes to stdout and stderr into files.

Usage: python stdout_tee.py <stdout copy> <stderr file> <command> [args...]

stdin is passed through untouched, stdout is copied byte for byte to both
our stdout and the first file, stderr goes to the second file, and the exit
code is the command's. The test reads the files to check what a stdio server
really wrote (MCP-01).
"""

from __future__ import annotations

import subprocess
import sys


def main() -> int:
    """Run the command, tee its stdout and keep its stderr; returns its code."""
    stdout_path, stderr_path, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(stdout_path, "wb") as copy, open(stderr_path, "wb") as errors:
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        assert child.stdout is not None
        while chunk := child.stdout.read1(65536):
            copy.write(chunk)
            copy.flush()
            sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()
        return child.wait()


if __name__ == "__main__":
    sys.exit(main())
