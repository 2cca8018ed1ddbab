# Databricks notebook source
# MAGIC %md
# MAGIC # Contrast filter and training of a RAIF run
# MAGIC From the `samples` table (the contrast stage's decision per rollout): the kept ratio and the drop reasons of
# MAGIC every iteration; from `train_metrics` (one row per optimizer step): the training curves; from `pipeline_metrics`
# MAGIC (stage `heldout`): held-out accuracy per policy version, the learning curve.

# COMMAND ----------

# MAGIC %run ./_common

# COMMAND ----------

# MAGIC %md
# MAGIC ## Kept ratio
# MAGIC Kept ratio = kept rollouts / rollouts of the modes GRPO trains on (`train.grpo_modes`: reasoning rollouts by
# MAGIC default) in the iteration, the number `train_metrics` and the guardrails use. Direct rollouts never train and the
# MAGIC modes left out are dropped as `chat_rollout` / `think_rollout`, so none of them is in the denominator.

# COMMAND ----------

MODE_NOT_TRAINED = ["direct_rollout", "chat_rollout", "think_rollout"]
kept = small("samples", lambda s: s.groupBy("iteration").agg(
    F.sum(F.col("kept").cast("int")).alias("kept"),
    F.count(F.when(~F.coalesce(F.col("drop_reason"), F.lit("")).isin(MODE_NOT_TRAINED), 1)).alias("candidates"),
).withColumn("kept_ratio", F.col("kept") / F.col("candidates")).orderBy("iteration"))
display(kept)
if empty(kept):
    no_data("kept_ratio", "Kept ratio", "the contrast stage has not written samples for this run")
else:
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(kept["iteration"], kept["kept_ratio"], marker="o")
    for it, ratio, k, n in zip(kept["iteration"], kept["kept_ratio"], kept["kept"], kept["candidates"]):
        ax.annotate(f"{k}/{n}", (it, ratio), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    ax.set_ylim(-0.05, 1.1)
    ax.set_xticks(kept["iteration"])
    ax.set_xlabel("iteration")
    ax.set_ylabel("kept / rollouts of trained modes")
    ax.set_title(f"Kept ratio (run {RUN_ID})")
    save(fig, "kept_ratio", kept)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Drop reasons
# MAGIC Every rollout of an iteration, by the contrast stage's decision: kept, or its `drop_reason`
# MAGIC (`direct_rollout`, `reward_error`, `cot_not_superior`, `zero_variance`).

# COMMAND ----------

reasons = small("samples", lambda s: s.groupBy("iteration", F.coalesce("drop_reason", F.lit("kept")).alias("decision"))
                .count().orderBy("iteration", "decision"))
if empty(reasons):
    no_data("drop_reasons", "Drop reasons", "the contrast stage has not written samples for this run")
else:
    by_decision = reasons.pivot(index="iteration", columns="decision", values="count").fillna(0).astype(int)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    bottom = None
    for decision in by_decision.columns:
        ax.bar(by_decision.index, by_decision[decision], bottom=bottom, label=decision)
        bottom = by_decision[decision] if bottom is None else bottom + by_decision[decision]
    ax.set_xticks(by_decision.index)
    ax.set_xlabel("iteration")
    ax.set_ylabel("rollouts")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    ax.set_title(f"Contrast decisions per iteration (run {RUN_ID})")
    save(fig, "drop_reasons", reasons)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Training curves
# MAGIC Per optimizer step (x = the run's global step): the loss with its policy and behaviour-cloning parts, the KL
# MAGIC to the reference model (`kl`: token mean; `kl_loss`: the KL term as the loss aggregates it, before β), the policy's entropy, the gradient norm, the learning rate, and the iteration's
# MAGIC rollout statistics that every step of it carries.

# COMMAND ----------

curves = small("train_metrics", lambda t: t.orderBy("global_step"))
if empty(curves):
    no_data("training_curves", "Training curves", "no train_metrics rows: the run has not trained yet")
else:
    panels = [
        ("loss", ["loss", "policy_loss", "bc_loss"]),
        ("KL to the reference", ["kl", "kl_loss"]),
        ("entropy", ["entropy"]),
        ("gradient norm", ["grad_norm"]),
        ("learning rate", ["lr"]),
        ("iteration's rollouts", ["reward_mean_think", "reward_mean_direct", "format_pass_rate", "kept_ratio"]),
    ]
    fig, axes = plt.subplots(2, 3, figsize=(13, 6.5))
    for ax, (title, columns) in zip(axes.flat, panels):
        for c in columns:
            ax.plot(curves["global_step"], curves[c].astype(float), marker="o", label=c)
        ax.set_title(title)
        ax.set_xlabel("global step")
        if len(columns) > 1:
            ax.legend(fontsize=7)
    fig.suptitle(f"Training curves (run {RUN_ID})")
    save(fig, "training_curves", curves[["iteration", "step", "global_step"] + [c for _, cs in panels for c in cs]])

# COMMAND ----------

# MAGIC %md
# MAGIC ## Held-out learning curve
# MAGIC Every `eval.curve_every` published versions (and version 0, the untrained model) the run scores the policy on the
# MAGIC first `eval.curve_prompts` prompts of the held-out IFEval set (never trained on), greedy, in each of
# MAGIC `eval.curve_modes`; `pipeline_metrics` keeps the numbers (stage `heldout`, iteration = policy version, metric
# MAGIC `<mode>.<name>`). Prompt-level accuracy per mode: strict solid, loose dashed, and dotted the strict accuracy
# MAGIC counting only answers that attempt the task (neither copying the request nor a few words; runs before this
# MAGIC metric existed have no dotted line); the CSV has the instruction-level accuracies and n (prompts scored) too.

# COMMAND ----------

CURVE_METRICS = ["prompt_level_strict", "prompt_level_loose", "inst_level_strict", "inst_level_loose",
                 "prompt_level_strict_substantive", "n"]
heldout = small("pipeline_metrics", lambda m: m.where(F.col("stage") == "heldout")
                .select(F.col("iteration").alias("version"), F.substring_index("metric", ".", 1).alias("mode"),
                        F.substring_index("metric", ".", -1).alias("name"), "value")
                .groupBy("version", "mode").pivot("name", CURVE_METRICS).agg(F.first("value"))
                .orderBy("version", "mode"))
if empty(heldout):
    print(f"run {RUN_ID} has no held-out curve (set eval.curve_every)")
    no_data("heldout_curve", "Held-out accuracy",
            "no held-out curve points in pipeline_metrics: the run has no held-out curve (set eval.curve_every)")
else:
    heldout["n"] = heldout["n"].astype(float).round().astype("Int64")
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    for mode, points in heldout.groupby("mode", sort=True):
        color = MODE_COLORS.get(mode)
        ax.plot(points["version"], points["prompt_level_strict"], marker="o", color=color, label=f"{mode} strict")
        ax.plot(points["version"], points["prompt_level_loose"], marker="o", linestyle="--", color=color,
                label=f"{mode} loose")
        ax.plot(points["version"], points["prompt_level_strict_substantive"], marker="x", linestyle=":",
                color=color, label=f"{mode} strict, substantive")
    ax.set_ylim(-0.05, 1.05)
    ax.set_xticks(sorted(heldout["version"].unique()))
    ax.set_xlabel("policy version (0 = untrained)")
    ax.set_ylabel("prompt-level accuracy")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    ax.set_title(f"Held-out IFEval accuracy (run {RUN_ID})")
    save(fig, "heldout_curve", heldout[["version", "mode"] + CURVE_METRICS])
