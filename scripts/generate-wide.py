#!/usr/bin/env python3
"""Writes an INSEE-like wide commune file (CODGEO + one numeric column per variable).

Deterministic for a given seed, rows and columns; standard library only.

- CODGEO: real commune codes, in order, from the COG (rows with TYPECOM=COM);
- variables: distinct COD_VAR of the dossier complet dictionary that look like census
  counts (P21_…, C21_…, P15_…, C10_…), in dictionary order, the first COLS of them; with
  --all-variables, every variable of the dictionary but CODGEO (1,925: also D99_POP, SUPERF, NAIS1520,
  MED21, TP6021 …), as the dossier complet itself has them;
- values: counts scaled on a per-commune population (log-normal, like real communes);
  about a third of the columns hold integers, the others weighted counts written with
  15 significant digits (372.387493855914), decimal point; about 1 % of the cells are
  `s` (secret) and 0.5 % `nd` (missing).

    scripts/generate-wide.py --communes COG.csv --meta META.csv --rows N --cols N [--all-variables] OUT.csv
"""

import argparse
import csv
import random
import re
import sys

SECRET_SHARE = 0.01
MISSING_SHARE = 0.005
INTEGER_COLUMN_SHARE = 0.3
CENSUS_CODE = re.compile(r"^[PC][0-9]{2}_")


def commune_codes(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [row["COM"] for row in csv.DictReader(f) if row["TYPECOM"] == "COM"]


def variable_codes(path, census_only):
    codes = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            code = row["COD_VAR"]
            if code in ("CODGEO", "LIBGEO"):
                continue  # the key, not a variable
            if not census_only or CENSUS_CODE.match(code):
                codes.setdefault(code, None)
    return list(codes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", required=True, help="COG communes CSV (TYPECOM,COM,…)")
    parser.add_argument("--meta", required=True, help="meta_dossier_complet.csv (COD_VAR;…)")
    parser.add_argument("--rows", type=int, default=0, help="communes (0 or too many: all of them)")
    parser.add_argument("--cols", type=int, default=200, help="variable columns")
    parser.add_argument("--all-variables", action="store_true", help="every variable of the dictionary, not only census counts")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("output")
    args = parser.parse_args()

    codes = commune_codes(args.communes)
    if 0 < args.rows < len(codes):
        codes = codes[: args.rows]
    variables = variable_codes(args.meta, census_only=not args.all_variables)
    if args.cols > len(variables):
        kind = "variables" if args.all_variables else "census variables"
        sys.exit(f"generate-wide: only {len(variables)} {kind} in {args.meta}, asked for {args.cols}")
    variables = variables[: args.cols]

    rng = random.Random(args.seed)
    # Per column: the share of the population it counts, and whether it holds integers.
    shares = [rng.uniform(0.001, 1.0) for _ in variables]
    integers = [rng.random() < INTEGER_COLUMN_SHARE for _ in variables]
    columns = list(zip(shares, integers))
    secret_below = SECRET_SHARE
    missing_below = SECRET_SHARE + MISSING_SHARE

    with open(args.output, "w", encoding="utf-8", newline="") as out:
        out.write("CODGEO;" + ";".join(variables) + "\n")
        for code in codes:
            population = rng.lognormvariate(6.1, 1.3)  # median ≈ 450 inhabitants
            cells = [code]
            for share, integer in columns:
                draw = rng.random()
                if draw < secret_below:
                    cells.append("s")
                elif draw < missing_below:
                    cells.append("nd")
                else:
                    value = population * share * (0.5 + rng.random())
                    if integer or value < 0.5:
                        cells.append(str(round(value)))
                    else:
                        cells.append(f"{value:.15g}")
            out.write(";".join(cells) + "\n")

    print(f"{len(codes)} rows x {len(variables)} variables -> {args.output}")


if __name__ == "__main__":
    main()
