# Databricks notebook source
# MAGIC %md
# MAGIC # Rewards of a RAIF run
# MAGIC From the `rewards` table (one row per rollout): the reward distribution of reasoning (`think`) and direct
# MAGIC rollouts in each iteration, the mean reward over iterations, reward against response length, and the pass
# MAGIC rate of every constraint id from the rollouts' per-constraint verdicts. Rows with an `error` (a failed rollout,
# MAGIC a malformed label, a judge that could not answer) have no reward and are counted, not plotted.

# COMMAND ----------

# MAGIC %run ./_common

# COMMAND ----------

summary = small("rewards", lambda r: r.groupBy("iteration", "mode").agg(
    F.count(F.when(SCORED, 1)).alias("n"),
    F.count(F.when(~SCORED, 1)).alias("errors"),
    F.avg(F.when(SCORED, F.col("reward"))).alias("mean"),
    F.stddev_pop(F.when(SCORED, F.col("reward"))).alias("std"),
    F.avg(F.when(SCORED, F.col("gated").cast("double"))).alias("gated_share"),
).orderBy("iteration", "mode"))
display(summary)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Reward distribution per mode and iteration
# MAGIC Reward = format reward (±1) + accuracy reward (+2 all constraints pass, −2 none or gated, else the share
# MAGIC passed). Each panel is one iteration; bars count rollouts per reward value.

# COMMAND ----------

counts = small("rewards", lambda r: r.where(SCORED)
               .groupBy("iteration", "mode", F.round("reward", 2).alias("reward"))
               .count().orderBy("iteration", "mode", "reward"))
if empty(counts):
    no_data("reward_distribution", "Reward distribution", "no scored rollouts in the rewards table")
else:
    iterations = sorted(counts["iteration"].unique())
    fig, axes = plt.subplots(1, len(iterations), figsize=(4.5 * len(iterations), 3.5), sharey=True, squeeze=False)
    for ax, it in zip(axes[0], iterations):
        for k, mode in enumerate(MODES):
            c = counts[(counts["iteration"] == it) & (counts["mode"] == mode)]
            ax.bar(c["reward"] + (k - 0.5) * 0.12, c["count"], width=0.12, color=MODE_COLORS[mode],
                   label=f"{mode} (n={int(c['count'].sum())})")
        ax.set_title(f"iteration {it}")
        ax.set_xlabel("reward")
        ax.set_xlim(-3.4, 3.4)
        ax.legend(fontsize=8)
    axes[0][0].set_ylabel("rollouts")
    fig.suptitle(f"Reward distribution per mode (run {RUN_ID})")
    save(fig, "reward_distribution", counts)

# COMMAND ----------

if empty(summary) or summary["n"].sum() == 0:
    no_data("reward_by_iteration", "Mean reward per iteration", "no scored rollouts in the rewards table")
else:
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for mode in MODES:
        s = summary[summary["mode"] == mode]
        ax.errorbar(s["iteration"], s["mean"], yerr=s["std"], marker="o", capsize=4, color=MODE_COLORS[mode],
                    label=mode)
    ax.set_xlabel("iteration")
    ax.set_ylabel("reward (mean ± std)")
    ax.set_xticks(sorted(summary["iteration"].unique()))
    ax.legend()
    ax.set_title(f"Mean reward per iteration (run {RUN_ID})")
    save(fig, "reward_by_iteration", summary)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Reward against response length
# MAGIC Response length in generated tokens; a marker's area grows with the number of rollouts at that point.

# COMMAND ----------

by_length = small("rewards", lambda r: r.where(SCORED)
                  .groupBy("mode", "response_tokens", F.round("reward", 2).alias("reward"))
                  .count().orderBy("mode", "response_tokens", "reward"))
if empty(by_length):
    no_data("reward_vs_length", "Reward vs response length", "no scored rollouts in the rewards table")
else:
    fig, ax = plt.subplots(figsize=(6, 4))
    for mode in MODES:
        c = by_length[by_length["mode"] == mode]
        ax.scatter(c["response_tokens"], c["reward"], s=20 * np.sqrt(c["count"]), alpha=0.6,
                   color=MODE_COLORS[mode], label=mode)
    ax.set_xlabel("response tokens")
    ax.set_ylabel("reward")
    ax.legend()
    ax.set_title(f"Reward vs response length (run {RUN_ID})")
    save(fig, "reward_vs_length", by_length)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Pass rate per constraint
# MAGIC Every verdict in the rewards' `verdicts` array, over all iterations: rule checks by IFEval id,
# MAGIC `judge:question` for the judge's answers to scoring questions, `math:equivalent` for math. Invalid verdicts
# MAGIC (unknown id, bad kwargs) do not count; gated rollouts (bad format) have no verdicts at all, so the title gives
# MAGIC the share of scored rollouts that reached the checks.

# COMMAND ----------

rates = small("rewards", lambda r: r.where(SCORED).select("mode", F.explode("verdicts").alias("v"))
              .where(F.col("v.outcome").isin("passed", "failed"))
              .groupBy(F.col("v.id").alias("constraint"), "mode")
              .agg(F.count("*").alias("n"), F.avg((F.col("v.outcome") == "passed").cast("double")).alias("pass_rate"))
              .orderBy("constraint", "mode"))
if empty(rates):
    no_data("constraint_pass_rates", "Pass rate per constraint",
            "no checked constraints: every scored rollout was gated (bad format) or had no verdicts")
else:
    fig, ax = plt.subplots(figsize=(8, 1 + 0.5 * rates["constraint"].nunique()))
    mode_barh(ax, rates, "constraint", "pass_rate")
    ax.set_xlabel("pass rate")
    reached = 1 - summary["gated_share"].fillna(0).mul(summary["n"]).sum() / max(summary["n"].sum(), 1)
    ax.set_title(f"Pass rate per constraint (run {RUN_ID})\n{reached:.0%} of scored rollouts reached the checks")
    save(fig, "constraint_pass_rates", rates)
