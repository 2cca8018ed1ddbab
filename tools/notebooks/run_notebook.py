#!/usr/bin/env python3
"""Runs Databricks source-format notebooks locally, the way Databricks would: cell by cell in one namespace that
holds `spark` (local, Delta-enabled), `dbutils` (widgets only) and `display`. `%md` cells are skipped and
`%run ./other` runs the other notebook's cells in the same namespace, as on Databricks.

    run_notebook.py [--widget NAME=VALUE ...] [--jars JAR,JAR] NOTEBOOK.py [NOTEBOOK.py ...]

Notebooks run one after another in one Spark session, each in a fresh namespace. Exits 1 when any cell failed,
naming the notebook, the cell and its first line; the traceback points at the notebook's own line numbers.
Delta's jars come from --jars, else RAIF_DELTA_JARS (os.pathsep-separated), else the local Maven repository at the
installed delta-spark's version: nothing is downloaded.
"""
import argparse
import importlib.metadata
import os
import sys
import time
import traceback
from pathlib import Path

HEADER = "# Databricks notebook source"
SEPARATOR = "# COMMAND ----------"
MAGIC = "# MAGIC"


class Cell:
    def __init__(self, first_line, lines):
        self.first_line = first_line  # 1-based line of the cell's first line in the file
        self.lines = lines

    def magic(self):
        """The `%...` command text when every line is a `# MAGIC` line, else None."""
        body = [l for l in self.lines if l.strip()]
        if not body or not all(l.startswith(MAGIC) for l in body):
            return None
        return "\n".join(l[len(MAGIC) + 1:] if l.startswith(MAGIC + " ") else l[len(MAGIC):] for l in body)


def cells(path):
    text = Path(path).read_text(encoding="utf-8").splitlines()
    if not text or text[0].strip() != HEADER:
        raise ValueError(f"{path}: not a Databricks notebook (first line must be '{HEADER}')")
    out, start, current = [], 2, []
    for no, line in enumerate(text[1:], start=2):
        if line.strip() == SEPARATOR:
            out.append(Cell(start, current))
            start, current = no + 1, []
        else:
            current.append(line)
    out.append(Cell(start, current))
    return [c for c in out if any(l.strip() for l in c.lines)]


class Widgets:
    """dbutils.widgets as notebooks use it: declare with a default, then read; values given on the command line win."""

    def __init__(self, given):
        self.given, self.defaults = dict(given), {}

    def text(self, name, defaultValue="", label=None):
        self.defaults[name] = defaultValue


    def get(self, name):
        if name not in self.defaults and name not in self.given:
            raise ValueError(f"widget '{name}' is not defined")
        return self.given.get(name, self.defaults.get(name))


class DbUtils:
    def __init__(self, widgets):
        self.widgets = Widgets(widgets)


def display(obj, *args, **kwargs):
    """Tables are printed; figures are already saved as PNG files by the notebook, so they need no local display."""
    if hasattr(obj, "show") and hasattr(obj, "schema"):
        obj.show(20, truncate=False)
    elif hasattr(obj, "to_string"):
        print(obj.to_string())


def delta_jars(explicit):
    if explicit:
        return explicit.split(",")
    if os.environ.get("RAIF_DELTA_JARS"):
        return os.environ["RAIF_DELTA_JARS"].split(os.pathsep)
    version = importlib.metadata.version("delta-spark")
    repo = Path.home() / ".m2" / "repository" / "io" / "delta"
    jars = [repo / "delta-spark_2.12" / version / f"delta-spark_2.12-{version}.jar",
            repo / "delta-storage" / version / f"delta-storage-{version}.jar"]
    missing = [str(j) for j in jars if not j.is_file()]
    if missing:
        raise SystemExit(f"Delta jars not found: {missing}; build the project once (Maven puts them there), "
                         "or pass --jars / RAIF_DELTA_JARS")
    return [str(j) for j in jars]


def local_spark(jars):
    from pyspark.sql import SparkSession
    # One small driver: the notebook Spark shares the machine with the JVM that wrote the tables.
    return (SparkSession.builder.master("local[2]").appName("raif-notebooks")
            .config("spark.jars", ",".join(jars))
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.driver.memory", "1g")
            .config("spark.driver.host", "localhost")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .getOrCreate())


def run_notebook(path, namespace):
    """Runs the notebook's cells in `namespace`; returns None, or a message naming the failed cell."""
    path = Path(path).resolve()
    for n, cell in enumerate(cells(path), start=1):
        where = f"{path.name} cell {n} (line {cell.first_line})"
        magic = cell.magic()
        if magic is not None:
            command = magic.split(None, 1)
            if command[0] == "%md":
                continue
            if command[0] == "%run" and len(command) == 2:
                target = (path.parent / command[1].strip()).with_suffix(".py")
                failed = run_notebook(target, namespace)
                if failed:
                    return f"{where}: %run {command[1].strip()}: {failed}"
                continue
            return f"{where}: unsupported magic {command[0]} (the local runner knows %md and %run)"
        # Pad with blank lines so tracebacks show the notebook's own line numbers.
        source = "\n" * (cell.first_line - 1) + "\n".join(cell.lines)
        start = time.time()
        try:
            exec(compile(source, str(path), "exec"), namespace)
        except Exception:
            traceback.print_exc()
            return f"{where} failed"
        print(f"  {where}: ok ({time.time() - start:.1f} s)", flush=True)
    return None


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--widget", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--jars", help="comma-separated Delta jars (delta-spark, delta-storage)")
    args = parser.parse_args(argv)
    widgets = dict(w.split("=", 1) for w in args.widget)
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = local_spark(delta_jars(args.jars))
    failures = []
    try:
        for nb in args.notebooks:
            print(f"notebook {nb}", flush=True)
            start = time.time()
            namespace = {"__name__": "__main__", "spark": spark, "dbutils": DbUtils(widgets), "display": display}
            failed = run_notebook(nb, namespace)
            if failed:
                failures.append(failed)
                print(f"FAILED {failed}", flush=True)
            else:
                print(f"notebook {nb}: ok ({time.time() - start:.1f} s)", flush=True)
    finally:
        spark.stop()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
