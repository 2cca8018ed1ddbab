package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.col;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.tracking.Tracking;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.checkpoint.TrainerState;
import ai.raif.trainer.grpo.AdamW;
import ai.raif.trainer.grpo.BehaviourCloningLoss;
import ai.raif.trainer.grpo.GrpoLoss;
import ai.raif.trainer.grpo.IterationPlan;
import ai.raif.trainer.grpo.LearningRateSchedule;
import ai.raif.trainer.grpo.PolicyTrainer;
import ai.raif.trainer.grpo.StepStats;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.model.ModelKey;
import ai.raif.udfs.model.Models;
import ai.raif.udfs.model.PolicyProbe;
import ai.raif.udfs.rollout.ReasoningPrompt;
import ai.raif.udfs.rollout.RolloutSeeds;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * The driver's GRPO trainer for one iteration (raif-spec §4.3, §6): it trains policy version i on iteration i's kept
 * rollouts and the prompts' expert responses, and publishes version i + 1 for the next iteration's rollouts.
 *
 * <p>After every optimizer step the step's row goes to {@code train_metrics} and the full trainer state (weights,
 * AdamW moments, step cursor) is saved, so a killed run resumes at the next step with the same data order, and that
 * step is the one the uninterrupted run would have taken. A published version is never retrained: rerunning a
 * finished iteration is a no-op.
 */
public final class TrainStage {
  /** Test hook (system property): stop the process's training with an error after this many steps were saved. */
  public static final String FAIL_AFTER_STEP_PROPERTY = "raif.test.train_fail_after_step";
  /** The fixed probe the executor's log-prob is compared on after publishing. */
  static final String PROBE_QUESTION = "Write one sentence about the sea, in lowercase letters.";
  static final String PROBE_ANSWER = "The user wants one lowercase sentence.\n</think>\n<answer>\nthe sea is wide "
      + "and blue.\n</answer>";

  private TrainStage() {}

  public static PipelineMetrics run(PipelineContext ctx) {
    return run(ctx, System.out);
  }

  static PipelineMetrics run(PipelineContext ctx, PrintStream log) {
    RaifConfig.Train tc = ctx.config().train();
    PolicyVersions versions = ctx.versions();
    int iteration = ctx.iteration();
    long next = iteration + 1L;
    if (versions.published(next)) {
      // a run that died between publishing and recording a passing probe never checked that the executors load this
      // version's files as the driver does: check it now
      if (!tc.probeCheck() || probed(ctx)) return summary(ctx, next, 0);
      try (LanguageModel published = Models.load(versions.keyOf(next).path())) {
        return summary(ctx, next, 0).put("probe_logprob_diff", probe(ctx, versions.keyOf(next), published));
      }
    }
    long rolledOutWith = rolloutVersion(ctx);
    if (rolledOutWith != iteration) {
      throw new IllegalStateException("iteration " + iteration + "'s rollouts were sampled from policy version "
          + rolledOutWith + ", but training publishes version i + 1 from version i, so iteration " + iteration
          + " needs rollouts from version " + iteration + ": train the iterations in order (or use a new run.id)");
    }
    IterationStats stats = IterationStats.of(ctx);
    Guardrails guard = Guardrails.of(ctx.config().guard());
    guard.beforeTraining(stats, bestFormatPassRate(ctx)).ifPresent(why -> {
      throw new Guardrails.Tripped(ctx.runId(), iteration, why);
    });

    try (LanguageModel policy = Models.load(ctx.config().model().path());
         LanguageModel reference = tc.beta() > 0 ? Models.load(ctx.config().model().path()) : null;
         PolicyTrainer trainer = new PolicyTrainer(policy.causalLM(),
             reference == null ? null : reference.causalLM(), settings(tc, iteration), policy.manager())) {
      TrainerStates state = versions.trainerState();
      Optional<TrainerState.Progress> saved = state.restore(trainer.parameters(), trainer.optimizer());
      TrainData data = TrainData.collect(ctx, policy);
      long seed = RolloutSeeds.seed(ctx.config().run().seed(), ctx.runId(), iteration, "", "train", 0);
      IterationPlan plan = IterationPlan.of(data.rollouts(), data.experts(), tc.batchSize(), tc.epochs(),
          tc.bcCoef() > 0 ? tc.bcBatchSize() : 0, seed);
      TrainerState.Progress progress = startingPoint(saved, ctx, plan, seed);
      log.printf("[%s it=%d] train: %d rollouts, %d behaviour-cloning targets (%d repaired, %d with an added rule),"
          + " %d steps%n", ctx.runId(), iteration, data.rollouts().size(), data.experts().size(),
          data.experts().stream().filter(e -> e.id().endsWith(VerifiedAnswers.REPAIRED_SUFFIX)).count(),
          data.experts().stream().filter(e -> e.id().endsWith(VerifiedAnswers.ADDED_RULE_SUFFIX)).count(),
          plan.steps());
      if (data.skippedTotal() > 0) {
        log.printf("[%s it=%d] train: skipped %d rows %s, e.g. %s%n", ctx.runId(), iteration, data.skippedTotal(),
            data.skipped(), data.skippedExamples());
      }
      LearningRateSchedule schedule = schedule(ctx, data, plan, saved);
      int scheduled = schedule.totalSteps();
      String failAfter = System.getProperty(FAIL_AFTER_STEP_PROPERTY);
      for (int step = progress.stepsDone(); step < plan.steps(); step++) {
        long global = progress.optimizerSteps();
        double lr = tc.lr() == 0 ? 0 : schedule.lr((int) Math.min(global, schedule.totalSteps() - 1L));
        StepStats s = trainer.step(plan.rollouts().get(step), plan.experts().get(step), lr);
        TrainMetricsRows.write(ctx, TrainMetricsRows.row(ctx.runId(), iteration, step, global, iteration, s, stats));
        log.println(line(ctx, step, plan.steps(), s));
        // checked before the state is saved: a rerun must meet the tripped step again, not resume after it
        Optional<String> tripped = guard.afterStep(s);
        if (tripped.isPresent()) throw new Guardrails.Tripped(ctx.runId(), iteration, tripped.get());
        progress = new TrainerState.Progress(ctx.runId(), iteration, step + 1, plan.steps(), global + 1, seed,
            scheduled);
        if ((step + 1) % tc.saveEvery() == 0 || step + 1 == plan.steps()) {
          state.save(trainer.parameters(), trainer.optimizer(), progress);
        }
        if (failAfter != null && step + 1 == Integer.parseInt(failAfter)) {
          throw new IllegalStateException("test hook " + FAIL_AFTER_STEP_PROPERTY + ": stopped after step " + (step + 1));
        }
      }
      if (plan.steps() == 0) {
        log.printf("[%s it=%d] train: nothing to train on (no kept rollouts, no expert responses); version %d "
            + "keeps the weights of version %d%n", ctx.runId(), iteration, next, iteration);
        state.save(trainer.parameters(), trainer.optimizer(),
            new TrainerState.Progress(ctx.runId(), iteration, 0, 0, progress.optimizerSteps(), seed, scheduled));
      }
      String published = versions.publish(policy, next);
      Tracking.of(ctx.runId()).tag("checkpoint.policy-v" + next, published);
      double probeDiff = tc.probeCheck() ? probe(ctx, versions.keyOf(next), policy) : Double.NaN;
      log.printf("[%s it=%d] train: published policy version %d at %s%n", ctx.runId(), iteration, next, published);
      return summary(ctx, next, data.skippedTotal()).put("probe_logprob_diff", probeDiff);
    }
  }

  /** The trainer's settings for {@code iteration}: the behaviour-cloning coefficient decays by bc_decay per iteration. */
  static PolicyTrainer.Settings settings(RaifConfig.Train tc, int iteration) {
    GrpoLoss grpo = new GrpoLoss(tc.clipLow(), tc.clipHigh(),
        GrpoLoss.KlEstimator.valueOf(tc.kl().toUpperCase(Locale.ROOT)), tc.beta(),
        GrpoLoss.Aggregation.valueOf(tc.aggregation().toUpperCase(Locale.ROOT)), true);
    AdamW.Config adam = new AdamW.Config(tc.adamBeta1(), tc.adamBeta2(), 1e-8, tc.weightDecay(), tc.maxGradNorm());
    return new PolicyTrainer.Settings(grpo, new BehaviourCloningLoss(tc.bcIncludePrompt()),
        tc.bcCoef() * Math.pow(tc.bcDecay(), iteration), adam, tc.microBatch());
  }

  /** Where this iteration starts: fresh, resumed mid-iteration, or (after a kill before publishing) finished. */
  private static TrainerState.Progress startingPoint(Optional<TrainerState.Progress> saved, PipelineContext ctx,
                                                     IterationPlan plan, long seed) {
    int iteration = ctx.iteration();
    if (saved.isEmpty()) {
      if (iteration != 0) {
        throw new IllegalStateException("no trainer state under " + ctx.versions().trainerState() + " to train "
            + "iteration " + iteration + " from (version " + iteration + " was published without one?)");
      }
      return new TrainerState.Progress(ctx.runId(), 0, 0, plan.steps(), 0, seed);
    }
    TrainerState.Progress p = saved.get();
    if (p.iteration() == iteration) {
      if (p.stepsPlanned() != plan.steps() || p.dataSeed() != seed) {
        throw new IllegalStateException("the trainer state stopped at step " + p.stepsDone() + " of "
            + p.stepsPlanned() + " of iteration " + iteration + ", but the iteration's data now plans "
            + plan.steps() + " steps: the samples or train settings changed since; restore them to resume");
      }
      return p;
    }
    if (p.iteration() == iteration - 1 && p.iterationDone()) {
      return new TrainerState.Progress(ctx.runId(), iteration, 0, plan.steps(), p.optimizerSteps(), seed);
    }
    throw new IllegalStateException("the trainer state is at iteration " + p.iteration() + " (step " + p.stepsDone()
        + " of " + p.stepsPlanned() + "), which cannot continue into iteration " + iteration);
  }

  /**
   * The run's LR schedule: over {@code train.schedule_steps}, or planned as the configured iterations times this
   * iteration's steps if every rollout of every prompt were kept. Steps past the plan stay at its floor.
   */
  /**
   * The learning-rate schedule: {@code train.schedule_steps} long, else as long as the trainer state recorded when the
   * run first trained (a run resumed with other {@code run.iteration}/{@code run.iterations} keeps it), else planned
   * from this invocation's iterations and this iteration's steps.
   */
  private static LearningRateSchedule schedule(PipelineContext ctx, TrainData data, IterationPlan plan,
                                               Optional<TrainerState.Progress> saved) {
    RaifConfig.Train tc = ctx.config().train();
    int total = tc.scheduleSteps();
    if (total == 0 && saved.isPresent()) total = saved.get().scheduleSteps();
    if (total == 0) {
      long prompts = ctx.tables().iteration(RaifTables.Table.ROLLOUTS, ctx.runId(), ctx.iteration())
          .select("prompt_id").distinct().count();
      int perIteration = IterationPlan.plannedSteps((int) prompts * ctx.config().rollout().reasoningSamples(),
          data.experts().size(), tc.batchSize(), tc.epochs(), tc.bcCoef() > 0 ? tc.bcBatchSize() : 0);
      total = (ctx.config().run().iteration() + ctx.config().run().iterations()) * Math.max(perIteration, plan.steps());
    }
    while (total < (int) Math.ceil(tc.warmupFraction() * total) + 2) total++;
    return LearningRateSchedule.withWarmupFraction(tc.lr() > 0 ? tc.lr() : 1, tc.warmupFraction(), total);
  }

  private static long rolloutVersion(PipelineContext ctx) {
    List<Row> v = ctx.tables().iteration(RaifTables.Table.ROLLOUTS, ctx.runId(), ctx.iteration())
        .select("policy_version").distinct().collectAsList();
    if (v.isEmpty()) {
      throw new IllegalStateException("iteration " + ctx.iteration() + " of run '" + ctx.runId()
          + "' has no rollouts: run the rollout, reward and contrast stages first");
    }
    if (v.size() > 1) {
      throw new IllegalStateException("iteration " + ctx.iteration() + "'s rollouts mix policy versions " + v);
    }
    return v.get(0).getLong(0);
  }

  private static double bestFormatPassRate(PipelineContext ctx) {
    Row r = ctx.tables().read(RaifTables.Table.TRAIN_METRICS)
        .where(col("run_id").equalTo(ctx.runId()).and(col("iteration").lt(ctx.iteration())))
        .agg(org.apache.spark.sql.functions.max("format_pass_rate")).first();
    return r.isNullAt(0) ? Double.NaN : r.getDouble(0);
  }

  /** Whether this iteration's train stage finished, probe included: its summary is written only then. */
  private static boolean probed(PipelineContext ctx) {
    return !ctx.tables().read(RaifTables.Table.PIPELINE_METRICS).where(org.apache.spark.sql.functions.col("run_id")
        .equalTo(ctx.runId()).and(org.apache.spark.sql.functions.col("iteration").equalTo(ctx.iteration()))
        .and(org.apache.spark.sql.functions.col("stage").equalTo(Pipeline.Stage.TRAIN.configName))
        .and(org.apache.spark.sql.functions.col("metric").equalTo("probe_logprob_diff"))
        .and(org.apache.spark.sql.functions.col("value").isNotNull())).isEmpty();
  }

  /** |driver − executor| summed log-prob of the probe; above 1e-3 the published weights are not the trained ones. */
  private static double probe(PipelineContext ctx, ModelKey key, LanguageModel policy) {
    int[] prompt = policy.tokenizer().encode(ReasoningPrompt.render(policy,
        List.of(new ChatMessage("user", PROBE_QUESTION)), RolloutMode.THINK), false);
    PolicyProbe probe = new PolicyProbe(prompt, TrainData.finishedTurn(policy, PROBE_ANSWER));
    double driver = probe.logprob(policy);
    double executor = probe.logprobOnExecutor(ctx.spark(), key);
    double diff = Math.abs(driver - executor);
    if (!(diff <= 1e-3 * Math.max(1, Math.abs(driver)))) {
      throw new IllegalStateException(String.format(Locale.ROOT, "policy version %d: an executor's probe log-prob "
          + "%.6f differs from the trainer's %.6f: the executors do not serve the trained weights (%s)",
          key.policyVersion(), executor, driver, key.path()));
    }
    return diff;
  }

  static String line(PipelineContext ctx, int step, int steps, StepStats s) {
    // A behaviour-cloning-only step (no kept rollouts) has no policy loss, KL, entropy or clipping to show.
    boolean rl = s.rlSequences() > 0;
    // with beta = 0 there is no reference model, so no KL to show either
    String kl = Double.isNaN(s.meanKl()) ? "" : String.format(Locale.ROOT, "kl %.2e, ", s.meanKl());
    String rlLoss = rl ? String.format(Locale.ROOT, "pg %.4f, %s", s.policyLoss(), kl) : "";
    String rlStats = rl ? String.format(Locale.ROOT, " | entropy %.3f clip %.2f/%.2f", s.entropy(),
        s.clipLowFraction(), s.clipHighFraction()) : "";
    return String.format(Locale.ROOT, "[%s it=%d] train step %d/%d: loss %.4f (%sbc %.4f) |g| %.3f lr %.2e%s"
            + " | %d rollouts + %d experts, %.0f tok/s, %.1f s",
        ctx.runId(), ctx.iteration(), step + 1, steps, s.loss(), rlLoss, s.bcLoss(), s.gradNorm(), s.lr(), rlStats,
        s.rlSequences(), s.expertSequences(), s.tokensPerSecond(), s.seconds());
  }

  /** The iteration's training as stage metrics (from {@code train_metrics}, so a no-op rerun reports the same). */
  static PipelineMetrics summary(PipelineContext ctx, long version, long skipped) {
    Row r = ctx.tables().iteration(RaifTables.Table.TRAIN_METRICS, ctx.runId(), ctx.iteration()).agg(
        org.apache.spark.sql.functions.count("*"), org.apache.spark.sql.functions.avg("loss"),
        org.apache.spark.sql.functions.avg("bc_loss"), org.apache.spark.sql.functions.avg("kl"),
        org.apache.spark.sql.functions.avg("entropy"), org.apache.spark.sql.functions.sum("tokens"),
        org.apache.spark.sql.functions.sum("step_s"), org.apache.spark.sql.functions.sum("rl_sequences")).first();
    double seconds = r.isNullAt(6) ? 0 : r.getDouble(6);
    return new PipelineMetrics("train")
        .put("steps", r.getLong(0))
        .put("rollouts_trained", r.isNullAt(7) ? 0 : r.getLong(7))
        .put("skipped_rows", skipped)
        .put("loss_mean", r.isNullAt(1) ? Double.NaN : r.getDouble(1))
        .put("bc_loss_mean", r.isNullAt(2) ? Double.NaN : r.getDouble(2))
        .put("kl_mean", r.isNullAt(3) ? Double.NaN : r.getDouble(3))
        .put("entropy_mean", r.isNullAt(4) ? Double.NaN : r.getDouble(4))
        .put("tokens_per_s", seconds > 0 ? r.getLong(5) / seconds : Double.NaN)
        .put("policy_version", version);
  }
}
