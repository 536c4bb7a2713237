#!/usr/bin/env python3
"""Mutation runner for the whole command line: validate, then plan, on mutated places.

Each case copies a seed place (tests/data/places/*), applies one to three mutations to its files
(a line deleted, duplicated or swapped, a file truncated, bytes flipped or inserted, a field set to
an odd value, a file replaced by a directory, a FIFO, a symlink loop or /dev/zero, a file removed)
and runs `careforce validate` on it. careforce must answer every case with exit 0 or 2, within the
time limit; when validate accepts the place, `careforce plan` must run it (exit 0). A case that
breaks a rule is kept under the findings directory with the command, its exit status and output,
so that it can become a regression test.

Usage: fuzz/mutate_places.py CAREFORCE_BINARY [--seconds N] [--seed S] [--findings DIR]
Exit status: 0 when every case kept the rules, 1 otherwise.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(p for p in (ROOT / "tests" / "data" / "places").iterdir() if (p / "place.toml").exists())
ODD_VALUES = ["", "-1", "0", "1e308", "-1e308", "nan", "inf", "9999999999999999999", "2147483648", "0.0000001",
              "\"", "a,b", "=HYPERLINK(\"x\")", "x" * 5000, "1900-01-01", "2999-12-31", "2025-02-30", "é", "\t"]
VALIDATE_SECONDS = 30
PLAN_SECONDS = 120


def mutate_text(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    kind = rng.randrange(8)
    if kind == 0 and len(lines) > 1:
        del lines[rng.randrange(len(lines))]
    elif kind == 1 and lines:
        at = rng.randrange(len(lines))
        lines.insert(at, lines[at])
    elif kind == 2 and len(lines) > 2:
        a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[a], lines[b] = lines[b], lines[a]
    elif kind == 3:
        return data[: rng.randrange(len(data) + 1)]
    elif kind == 4 and data:
        raw = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    elif kind == 5:
        at = rng.randrange(len(data) + 1)
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))) + data[at:]
    elif kind in (6, 7) and lines:
        # A field (CSV) or a value (TOML) set to an odd value.
        at = rng.randrange(len(lines))
        line = lines[at].decode("utf-8", "replace")
        value = rng.choice(ODD_VALUES)
        if "=" in line and not line.lstrip().startswith("#"):
            key = line.split("=", 1)[0]
            quoted = rng.random() < 0.5
            line = f"{key}= \"{value}\"" if quoted else f"{key}= {value}"
        elif "," in line:
            fields = line.split(",")
            fields[rng.randrange(len(fields))] = value
            line = ",".join(fields)
        lines[at] = line.encode("utf-8", "replace")
    return b"\n".join(lines)


def mutate_file(path: Path, rng: random.Random) -> str:
    kind = rng.randrange(40)
    if kind == 0:
        path.unlink()
        return f"removed {path.name}"
    if kind == 1:
        path.unlink()
        path.mkdir()
        return f"{path.name} made a directory"
    if kind == 2:
        path.unlink()
        os.mkfifo(path)
        return f"{path.name} made a FIFO"
    if kind == 3:
        path.unlink()
        path.symlink_to(path.name)
        return f"{path.name} made a symlink loop"
    if kind == 4:
        path.unlink()
        path.symlink_to("/dev/zero")
        return f"{path.name} made /dev/zero"
    path.write_bytes(mutate_text(path.read_bytes(), rng))
    return f"{path.name} edited"


def run(command, seconds):
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, timeout=seconds, stdin=subprocess.DEVNULL)
        return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"), \
            time.monotonic() - started
    except subprocess.TimeoutExpired:
        return None, "", f"timed out after {seconds} s", time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--findings", default=str(ROOT / "build-fuzz" / "findings"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    findings = Path(args.findings)
    counts = {"cases": 0, "validate_ok": 0, "plan_ok": 0, "findings": 0}
    deadline = time.monotonic() + args.seconds
    with tempfile.TemporaryDirectory(prefix="careforce-mutate-") as scratch:
        while time.monotonic() < deadline:
            case = Path(scratch) / f"case{counts['cases']}"
            seed = rng.choice(SEEDS)
            shutil.copytree(seed, case)
            what = []
            for _ in range(rng.randint(1, 3)):
                files = sorted(p for p in case.iterdir() if p.is_file() and not p.is_symlink())
                if files:
                    what.append(mutate_file(rng.choice(files), rng))
            counts["cases"] += 1
            broken = None
            status, out, err, _ = run([args.binary, "validate", str(case), "--quiet"], VALIDATE_SECONDS)
            if status not in (0, 2):
                broken = f"validate exit {status}"
            elif status == 0:
                counts["validate_ok"] += 1
                out_dir = Path(scratch) / "out"
                status, out, err, _ = run([args.binary, "plan", str(case), "--runs", "10", "--quiet", "--out",
                                           str(out_dir)], PLAN_SECONDS)
                shutil.rmtree(out_dir, ignore_errors=True)
                if status == 0:
                    counts["plan_ok"] += 1
                else:
                    broken = f"validate passed, plan exit {status}"
            if broken:
                counts["findings"] += 1
                kept = findings / f"{args.seed}-{counts['cases']}"
                shutil.rmtree(kept, ignore_errors=True)
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copytree(case, kept, symlinks=True, ignore_dangling_symlinks=True,
                                ignore=lambda d, names: [n for n in names if (Path(d) / n).is_fifo()])
                (kept / "FINDING.txt").write_text(
                    f"seed place: {seed.name}\nmutations: {'; '.join(what)}\nbroken: {broken}\n\n"
                    f"stdout:\n{out[-4000:]}\nstderr:\n{err[-4000:]}\n")
                print(f"finding {kept}: {broken} ({'; '.join(what)})", file=sys.stderr)
            shutil.rmtree(case, ignore_errors=True)
    print(f"mutate_places: {counts['cases']} cases in {args.seconds:.0f} s; validate accepted "
          f"{counts['validate_ok']}, plan ran {counts['plan_ok']}; {counts['findings']} findings")
    return 1 if counts["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
