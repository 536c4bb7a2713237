#!/usr/bin/env python3
"""Writes a valid place that is large in one direction, to measure how the plan's work grows.

Starts from the place `careforce init` writes (two localities, three employers, one service with
one intervention) and makes it larger:

  --interventions N   the service's one intervention repeated N times (identical copies)
  --localities N      N localities, each with the template's population, employers and staff

Usage: bench/bounded_place.py TEMPLATE OUT [--interventions N] [--localities N]
(TEMPLATE: a directory written by `careforce init`; see bench/bounded.sh.)
"""

import argparse
import csv
import io
import pathlib
import re
import shutil


def read_rows(path):
    with open(path, newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path, rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue())


def repeat_intervention(out, copies):
    # The first intervention of the first service, up to the next table header, copied in place.
    text = (out / "services.toml").read_text()
    start = re.search(r"^[ \t]*\[\[service\.tier\.intervention\]\]", text, re.M).start()
    following = re.compile(r"^[ \t]*\[", re.M).search(text, text.index("\n", start) + 1)
    end = following.start() if following else len(text)
    intervention = text[start:end].rstrip("\n") + "\n"
    (out / "services.toml").write_text(text[:start] + "\n".join([intervention] * copies) + "\n" + text[end:])


def many_localities(out, count):
    # Locality k is a copy of the template's L1 (k odd) or L2 (k even) with its employers and staff.
    place = (out / "place.toml").read_text()
    place = place[: re.search(r"^\[\[locality\]\]", place, re.M).start()]
    codes = [f"L{k:06d}" for k in range(1, count + 1)]
    place += "".join(f'[[locality]]\ncode = "{code}"\nname = "Locality {code}"\n\n' for code in codes)
    (out / "place.toml").write_text(place)

    population = read_rows(out / "population.csv")
    rows = [population[0]]
    for k, code in enumerate(codes):
        template = "L1" if k % 2 == 0 else "L2"
        rows += [[code] + row[1:] for row in population[1:] if row[0] == template]
    write_rows(out / "population.csv", rows)

    organisations = read_rows(out / "organisations.csv")
    home_of = {row[0]: row[3] for row in organisations[1:]}
    rows = [organisations[0]]
    for k, code in enumerate(codes):
        template = "L1" if k % 2 == 0 else "L2"
        rows += [[f"{row[0]}_{code}", f"{row[1]} {code}", row[2], code] for row in organisations[1:] if row[3] == template]
    write_rows(out / "organisations.csv", rows)

    for name in ("staff.csv", "vacancies.csv", "leavers.csv"):
        table = read_rows(out / name)
        header = table[0]
        organisation = header.index("organisation")
        rows = [header]
        for k, code in enumerate(codes):
            template = "L1" if k % 2 == 0 else "L2"
            for row in table[1:]:
                if home_of[row[organisation]] != template:
                    continue
                copy = list(row)
                copy[0] = f"{row[0]}_{code}"
                copy[organisation] = f"{row[organisation]}_{code}"
                rows.append(copy)
        write_rows(out / name, rows)
    # Nobody in the template holds competences beyond their role's profile.
    if (out / "staff_competences.csv").exists():
        (out / "staff_competences.csv").unlink()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("template")
    parser.add_argument("out")
    parser.add_argument("--interventions", type=int, default=1)
    parser.add_argument("--localities", type=int, default=0)
    arguments = parser.parse_args()
    out = pathlib.Path(arguments.out)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(arguments.template, out)
    if arguments.interventions > 1:
        repeat_intervention(out, arguments.interventions)
    if arguments.localities > 0:
        many_localities(out, arguments.localities)


if __name__ == "__main__":
    main()
