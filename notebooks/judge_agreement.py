# Databricks notebook source
# MAGIC %md
# MAGIC # The LLM judge of a RAIF run
# MAGIC The judge answers the scoring questions of `complex` prompts (YES/NO). Agreement is measured where the tables
# MAGIC hold two opinions on the same thing:
# MAGIC - **Judge vs rules**: a rollout whose label has both rule constraints and scoring questions gets both verdicts.
# MAGIC   Per rollout, "rules pass" = every checked rule constraint passed (`rule_score` = 1) and "judge passes" =
# MAGIC   YES to every question (`judge_score` = 1); agreement = share of such rollouts where the two say the same.
# MAGIC - **Judge vs judge**: `judge_cache` keeps each judge's verdict per (question, instruction + answer), shared by
# MAGIC   every run under this tables root; two judges agree on a question when their verdicts are equal.
# MAGIC
# MAGIC Also the judge's YES rate per scoring question and mode. Rollouts that fail the format gate are never asked.

# COMMAND ----------

# MAGIC %run ./_common

# COMMAND ----------

both = small("rewards", lambda r: r
             .where(SCORED & F.col("rule_score").isNotNull() & F.col("judge_score").isNotNull())
             .groupBy((F.col("rule_score") == 1).alias("rules_pass"), (F.col("judge_score") == 1).alias("judge_passes"))
             .count())
if empty(both):
    no_data("judge_vs_rules", "Judge vs rules",
            "no rollout has both rule verdicts and judge verdicts\n"
            "(needs labels with rule constraints and scoring questions, and answers that pass the format gate)")
else:
    grid = np.zeros((2, 2), dtype=int)
    for rules, judge, n in zip(both["rules_pass"], both["judge_passes"], both["count"]):
        grid[int(rules), int(judge)] = n
    agreement = np.trace(grid) / grid.sum()
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    ax.imshow(grid, cmap="Blues", vmin=0)
    for i in range(2):
        for j in range(2):
            ax.text(j, i, grid[i, j], ha="center", va="center",
                    color="white" if grid[i, j] > grid.max() / 2 else "black")
    ax.set_xticks([0, 1], ["judge: not all YES", "judge: all YES"])
    ax.set_yticks([0, 1], ["rules: some fail", "rules: all pass"])
    ax.set_title(f"Judge vs rules (run {RUN_ID})\nagreement on {agreement:.0%} of {grid.sum()} rollouts")
    save(fig, "judge_vs_rules", both.assign(agreement=agreement))

# COMMAND ----------

pairs = small("judge_cache", lambda c: c.alias("a").join(c.alias("b"), ["question", "answer_hash"])
              .where(F.col("a.judge_model") < F.col("b.judge_model"))
              .groupBy(F.col("a.judge_model").alias("judge_a"), F.col("b.judge_model").alias("judge_b"))
              .agg(F.count("*").alias("n"), F.avg((F.col("a.verdict") == F.col("b.verdict")).cast("double"))
                   .alias("agreement"))
              .orderBy("judge_a", "judge_b"))
if empty(pairs):
    judges = small("judge_cache", lambda c: c.select("judge_model").distinct())
    no_data("judge_vs_judge", "Judge vs judge",
            f"no question was answered by two judges ({0 if judges is None else len(judges)} judge(s) in judge_cache)")
else:
    labels = [f"{a}\nvs {b}" for a, b in zip(pairs["judge_a"], pairs["judge_b"])]
    fig, ax = plt.subplots(figsize=(7, 1 + 0.6 * len(pairs)))
    ax.barh(labels, pairs["agreement"])
    for y, (rate, n) in enumerate(zip(pairs["agreement"], pairs["n"])):
        ax.text(rate + 0.01, y, f"{rate:.2f} (n={n})", va="center", fontsize=8)
    ax.set_xlim(0, 1.2)
    ax.set_xlabel("share of shared questions with the same verdict")
    ax.set_title("Judge vs judge (judge_cache, all runs)")
    save(fig, "judge_vs_judge", pairs)

# COMMAND ----------

yes = small("rewards", lambda r: r.where(SCORED).select("mode", F.explode("verdicts").alias("v"))
            .where((F.col("v.id") == "judge:question") & F.col("v.outcome").isin("passed", "failed"))
            .groupBy(F.get_json_object("v.kwargs", "$.question").alias("question"), "mode")
            .agg(F.count("*").alias("n"), F.avg((F.col("v.outcome") == "passed").cast("double")).alias("yes_rate"))
            .orderBy("question", "mode"))
if empty(yes):
    no_data("judge_yes_rate", "Judge YES rate per question", "the judge answered no scoring question in this run")
else:
    fig, ax = plt.subplots(figsize=(9, 1 + 0.5 * yes["question"].nunique()))
    mode_barh(ax, yes, "question", "yes_rate")
    ax.set_xlabel("YES rate")
    ax.set_title(f"Judge YES rate per scoring question (run {RUN_ID})")
    save(fig, "judge_yes_rate", yes)
