#!/usr/bin/env python3
"""Writes a DPE-like CSV: ADEME's energy diagnostics of dwellings, API field names.

Deterministic for a given seed and row count; standard library only.

- one row per diagnostic, numero_dpe unique; about 2 % replace an earlier one of the file
  (numero_dpe_remplace);
- code_insee_ban: real commune codes from the COG (TYPECOM=COM), drawn with a weight that
  grows with the code's rank so that some communes get many diagnostics;
- labels A–G with the national distribution of existing dwellings (about 2/4/15/32/26/14/7 %),
  dates 2021-07-01 to 2024-12-31, building types maison / appartement / immeuble,
  construction years 1850–2023 (empty for 5 %), consumption per m² consistent with the label;
- the other columns of the export (address, surfaces, GES, costs …) filled plausibly, so
  that a row is about a hundred bytes wider than the counted columns alone.

    scripts/generate-dpe.py --communes COG.csv --rows N [--seed S] OUT.csv
"""

import argparse
import csv
import random

LABELS = "ABCDEFG"
LABEL_WEIGHTS = [2, 4, 15, 32, 26, 14, 7]
CONSUMPTION = {"A": (40, 70), "B": (70, 110), "C": (110, 180), "D": (180, 250), "E": (250, 330), "F": (330, 420), "G": (420, 700)}
TYPES = ["maison", "appartement", "immeuble"]
HEADER = ["numero_dpe", "numero_dpe_remplace", "date_etablissement_dpe", "date_reception_dpe", "modele_dpe", "version_dpe",
          "etiquette_dpe", "etiquette_ges", "type_batiment", "annee_construction", "periode_construction",
          "surface_habitable_logement", "nombre_niveau_logement", "code_insee_ban", "code_postal_ban", "nom_commune_ban",
          "adresse_ban", "conso_5_usages_par_m2_ep", "conso_5_usages_par_m2_ef", "emission_ges_5_usages_par_m2",
          "cout_total_5_usages", "type_energie_principale_chauffage", "zone_climatique"]


def commune_codes(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [row["COM"] for row in csv.DictReader(f) if row["TYPECOM"] == "COM"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("out")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    communes = commune_codes(args.communes)
    cumulative = [i + 1 for i in range(len(communes))]
    issued = []
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(HEADER)
        for n in range(args.rows):
            number = "2%03d%s%08d" % (rng.randrange(1000), "E", n)
            replaces = issued.pop(rng.randrange(len(issued))) if issued and rng.random() < 0.02 else ""
            if len(issued) < 5000:
                issued.append(number)
            label = rng.choices(LABELS, LABEL_WEIGHTS)[0]
            low, high = CONSUMPTION[label]
            year = rng.randint(1850, 2023) if rng.random() > 0.05 else ""
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            date = "%d-%02d-%02d" % (rng.choice([2022, 2023, 2024]) if month < 7 else rng.choice([2021, 2022, 2023, 2024]), month, day)
            commune = rng.choices(communes, cum_weights=cumulative)[0]
            consumption = round(rng.uniform(low, high), 1)
            writer.writerow([number, replaces, date, date, "DPE 3CL 2021 méthode logement", "2.3", label, rng.choice(LABELS),
                             rng.choice(TYPES), year, "", round(rng.uniform(18, 180), 1), rng.randint(1, 3), commune,
                             commune[:2] + "000", "Commune " + commune, "%d rue de la Fosse %s" % (rng.randint(1, 200), commune),
                             consumption, round(consumption / 1.8, 1), round(rng.uniform(2, 90), 1),
                             round(rng.uniform(300, 4500), 2), rng.choice(["Électricité", "Gaz naturel", "Fioul domestique", "Bois"]),
                             rng.choice(["H1a", "H1b", "H2a", "H3"])])


if __name__ == "__main__":
    main()
