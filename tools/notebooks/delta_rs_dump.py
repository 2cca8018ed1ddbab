#!/usr/bin/env python3
"""Reads RAIF's Delta tables with delta-rs (the `deltalake` package: no Spark, no JVM) and writes each table's rows as
one Parquet file, so that a test can compare them with what Spark reads from the same table.

    delta_rs_dump.py TABLES_ROOT OUT_DIR

Every directory of TABLES_ROOT with a `_delta_log` is read at its latest version, partition columns included, and
written to OUT_DIR/<table>.parquet; one line per table goes to stdout: `<table> <rows> <version>`.
"""
import sys
from pathlib import Path

import pyarrow.parquet as pq
from deltalake import DeltaTable


def main(root, out):
    out.mkdir(parents=True, exist_ok=True)
    for table in sorted(p for p in root.iterdir() if (p / "_delta_log").is_dir()):
        delta = DeltaTable(str(table))
        rows = delta.to_pyarrow_table()
        pq.write_table(rows, out / f"{table.name}.parquet")
        print(table.name, rows.num_rows, delta.version())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
