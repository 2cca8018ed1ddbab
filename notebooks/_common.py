# Databricks notebook source
# MAGIC %md
# MAGIC ### Shared setup of the RAIF notebooks
# MAGIC Included by every notebook with `%run ./_common`. Widgets:
# MAGIC - `tables_root`: the pipeline's `tables.root` (e.g. `dbfs:/raif/tables`; locally `runs/tables`)
# MAGIC - `run_id`: the run to show; empty = the training run that wrote `pipeline_metrics` last
# MAGIC - `figures_dir`: a driver-local directory for the PNG files, each with the numbers it plots as a CSV file
# MAGIC   (on Databricks, `/dbfs/...` keeps them)

# COMMAND ----------

import os

import matplotlib.pyplot as plt
import numpy as np
from delta.tables import DeltaTable
from pyspark.sql import functions as F

dbutils.widgets.text("tables_root", "runs/tables", "Tables root (tables.root)")
dbutils.widgets.text("run_id", "", "Run id (empty: the latest run)")
dbutils.widgets.text("figures_dir", "/tmp/raif-figures", "Figures directory")
TABLES_ROOT = dbutils.widgets.get("tables_root").rstrip("/")
FIGURES_DIR = dbutils.widgets.get("figures_dir")
os.makedirs(FIGURES_DIR, exist_ok=True)
MODES = ["think", "direct"]
MODE_COLORS = {"think": "tab:blue", "direct": "tab:orange", "chat": "tab:green"}  # chat: held-out evaluation only
# rewards rows that have a reward: failed rollouts, malformed labels and unanswered judge questions have an error
SCORED = F.col("error").isNull() & F.col("reward").isNotNull()


def table(name):
    """The table's rows of the run (the judge cache is shared by runs: all of it); None when it was never written."""
    path = f"{TABLES_ROOT}/{name}"
    if not DeltaTable.isDeltaTable(spark, path):
        return None
    df = spark.read.format("delta").load(path)
    return df.where(F.col("run_id") == RUN_ID) if "run_id" in df.columns else df


def small(name, query):
    """query(table) as a pandas frame: Spark aggregates, pandas plots. None when the table was never written."""
    df = table(name)
    return None if df is None else query(df).toPandas()


def empty(pdf):
    return pdf is None or pdf.empty


def save(fig, name, data=None):
    """Writes name.png, and the plotted numbers as name.csv; on Databricks the figure is also displayed."""
    fig.tight_layout()
    fig.savefig(os.path.join(FIGURES_DIR, name + ".png"), dpi=100)
    if data is not None:
        data.to_csv(os.path.join(FIGURES_DIR, name + ".csv"), index=False)
    display(fig)
    plt.close(fig)


def no_data(name, title, why):
    """A figure that says why there is nothing to plot, so a missing figure always means a failure."""
    fig, ax = plt.subplots(figsize=(7, 2.5))
    ax.axis("off")
    ax.set_title(f"{title} (run {RUN_ID})")
    ax.text(0.5, 0.5, why, ha="center", va="center", wrap=True)
    save(fig, name)


def mode_barh(ax, frame, by, value):
    """Horizontal bars of `value` for each `by` label, one bar per mode, each marked with its value and n."""
    labels = sorted(frame[by].unique())
    y = np.arange(len(labels))
    for k, mode in enumerate(MODES):
        m = frame[frame["mode"] == mode].set_index(by).reindex(labels)
        ax.barh(y + (k - 0.5) * 0.4, m[value], height=0.4, color=MODE_COLORS[mode], label=mode)
        for yi, (v, n) in enumerate(zip(m[value], m["n"])):
            if not np.isnan(v):
                ax.text(v + 0.01, yi + (k - 0.5) * 0.4, f"{v:.2f} (n={int(n)})", va="center", fontsize=7)
    ax.set_yticks(y, [l if len(l) <= 60 else l[:57] + "..." for l in labels], fontsize=7)
    ax.set_xlim(0, 1.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1))


def latest_run():
    """The training run whose stage summaries were written last (evaluation runs never reach the contrast stage)."""
    metrics = f"{TABLES_ROOT}/pipeline_metrics"
    if DeltaTable.isDeltaTable(spark, metrics):
        summaries = spark.read.format("delta").load(metrics)
        for runs in (summaries.where(F.col("stage") == "contrast"), summaries):
            row = runs.groupBy("run_id").agg(F.max("updated_at").alias("at")).orderBy(F.desc("at")).first()
            if row is not None:
                return row["run_id"]
    raise ValueError(f"no run under {TABLES_ROOT} (no pipeline_metrics rows): check the tables_root widget")


RUN_ID = dbutils.widgets.get("run_id") or latest_run()
print(f"tables {TABLES_ROOT}, run {RUN_ID}, figures in {FIGURES_DIR}")
