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
  `s` (secret) and 0.5 % `nd` (missing);
- with --plausible-shares DIR (pipelines/indicators), the numerators of every share in %
  that the file holds are scaled under their denominator in each row (a share between 5
  and 95 %), and the rates indicators take as published (TP6021 …) drawn between 2 and
  60 %, so that the file is nowhere implausible, as a published one is not: without it,
  the columns are independent and every share may pass 100 %.

    scripts/generate-wide.py --communes COG.csv --meta META.csv --rows N --cols N [--all-variables]
                             [--plausible-shares pipelines/indicators] OUT.csv
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


def share_rules(directory, columns):
    """(numerator columns, denominator columns) of the shares in % of the indicator files
    of `directory` whose variables the file has, for every two-digit year it has them."""
    import glob
    import os
    present = set(columns)
    years = sorted({code[1:3] for code in columns if re.match(r"^[A-Z][0-9]{2}_", code)})
    rules = []
    for path in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        text = open(path, encoding="utf-8").read()
        for block in re.split(r"\n\s*- id: ", text)[1:]:
            unit = re.search(r'\n\s*unit:\s*"?([^"\n]*)"?', block)
            numerator = re.search(r"\n\s*numerator:\s*\[([^\]]*)\]", block)
            denominator = re.search(r"\n\s*denominator:\s*\[([^\]]*)\]", block)
            if not (unit and unit.group(1).strip() == "%" and numerator and denominator):
                continue
            terms = [[t.strip().strip('"') for t in m.group(1).split(",")] for m in (numerator, denominator)]
            # A share of what is left (households without a car: RP − RP_VOIT1P over RP):
            # the part taken away stays under what it is taken from.
            subtracted = [t[1:] for t in terms[0] if t.startswith("-")]
            if subtracted:
                terms = [subtracted, [t for t in terms[0] if not t.startswith("-")]]
            for year in years:
                top, bottom = ([t.replace("{yy}", year) for t in part] for part in terms)
                if all(c in present for c in top + bottom):
                    rules.append((top, bottom))
    return rules


def published_percentages(directory, columns):
    """The variables that indicators in % take as published (`value:`): rates such as
    TP6021, drawn between 0 and 100."""
    import glob
    import os
    present = set(columns)
    years = sorted({code[1:3] for code in columns if re.match(r"^[A-Z][0-9]{2}_", code)} | {code[-2:] for code in columns})
    found = set()
    for path in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        text = open(path, encoding="utf-8").read()
        for block in re.split(r"\n\s*- id: ", text)[1:]:
            unit = re.search(r'\n\s*unit:\s*"?([^"\n]*)"?', block)
            value = re.search(r"\n\s*value:\s*\"?([A-Za-z0-9_{}]+)", block)
            if unit and unit.group(1).strip() == "%" and value:
                for year in years:
                    code = value.group(1).replace("{yy}", year)
                    if code in present:
                        found.add(code)
    return found


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
    parser.add_argument("--plausible-shares", metavar="DIR", help="indicator definitions whose shares in %% stay under 100")
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

    rules = share_rules(args.plausible_shares, variables) if args.plausible_shares else []
    percentages = published_percentages(args.plausible_shares, variables) if args.plausible_shares else set()
    is_percentage = [code in percentages for code in variables]
    position = {code: index for index, code in enumerate(variables)}
    rules = [([position[c] for c in top], [position[c] for c in bottom]) for top, bottom in rules]

    with open(args.output, "w", encoding="utf-8", newline="") as out:
        out.write("CODGEO;" + ";".join(variables) + "\n")
        for code in codes:
            population = rng.lognormvariate(6.1, 1.3)  # median ≈ 450 inhabitants
            values = []
            for (share, integer), percentage in zip(columns, is_percentage):
                draw = rng.random()
                if draw < secret_below:
                    values.append("s")
                elif draw < missing_below:
                    values.append("nd")
                elif percentage:
                    values.append(rng.uniform(2, 60))
                else:
                    values.append(population * share * (0.5 + rng.random()))
            # Shares under their whole, three passes: a numerator scaled down may be the
            # denominator of another share, which the next pass sees.
            for _ in range(3):
                for top, bottom in rules:
                    cells = [values[i] for i in top + bottom]
                    if any(isinstance(c, str) for c in cells):
                        continue
                    whole = sum(values[i] for i in bottom)
                    part = sum(values[i] for i in top)
                    if part > 0.95 * whole:
                        factor = whole * rng.uniform(0.05, 0.95) / part
                        for i in top:
                            values[i] *= factor
            cells = [code]
            for value, (share, integer) in zip(values, columns):
                if isinstance(value, str):
                    cells.append(value)
                elif integer or value < 0.5:
                    cells.append(str(round(value)))
                else:
                    cells.append(f"{value:.15g}")
            out.write(";".join(cells) + "\n")

    print(f"{len(codes)} rows x {len(variables)} variables ({len(rules)} shares kept under 100 %, "
          f"{len(percentages)} published rates drawn in %) -> {args.output}")


if __name__ == "__main__":
    main()
