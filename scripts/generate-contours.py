#!/usr/bin/env python3
"""Synthetic commune contours for benchmarks: every commune of a COG communes file as one
cell of a grid over metropolitan France (GeoJSON, WGS84), its edges cut into points so
that a commune has about as many vertices as a real one generalised at 100 m; neighbours
share their edges exactly (a coverage, as published contours are once cleaned).

    scripts/generate-contours.py --communes cog/2024/communes.csv [--points 10] OUT.geojson

The properties are those of the contours of the Mission Bassin Minier (insee, nom,
epci_siren), so the file is read as the source contours-communes-mbm.
"""
import argparse
import csv
import json
import math


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", required=True, help="COG communes CSV (TYPECOM,COM,…,LIBELLE)")
    parser.add_argument("--points", type=int, default=10, help="points per edge of a cell")
    parser.add_argument("output")
    args = parser.parse_args()

    with open(args.communes, encoding="utf-8", newline="") as source:
        communes = [(row["COM"], row["LIBELLE"]) for row in csv.DictReader(source) if row["TYPECOM"] == "COM"]
    side = math.ceil(math.sqrt(len(communes)))
    west, south, east, north = -4.8, 42.3, 8.2, 51.1
    width, height = (east - west) / side, (north - south) / side

    def edge(x0, y0, x1, y1):
        return [[round(x0 + (x1 - x0) * k / args.points, 7), round(y0 + (y1 - y0) * k / args.points, 7)] for k in range(args.points)]

    with open(args.output, "w", encoding="utf-8") as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for index, (code, name) in enumerate(communes):
            column, row = index % side, index // side
            x0, y0 = west + column * width, south + row * height
            x1, y1 = x0 + width, y0 + height
            ring = edge(x0, y0, x1, y0) + edge(x1, y0, x1, y1) + edge(x1, y1, x0, y1) + edge(x0, y1, x0, y0)
            ring.append(ring[0])
            feature = {"type": "Feature", "properties": {"insee": code, "nom": name, "epci_siren": ""},
                       "geometry": {"type": "Polygon", "coordinates": [ring]}}
            out.write(("," if index else "") + json.dumps(feature, ensure_ascii=False) + "\n")
        out.write("]}\n")
    print(f"{len(communes)} communes, {4 * args.points + 1} positions each -> {args.output}")


if __name__ == "__main__":
    main()
