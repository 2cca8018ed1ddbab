package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.trainer.grpo.StepStats;
import java.util.Locale;
import java.util.Optional;

/**
 * Thresholds that stop a collapsing run (RAIF's LLaMA-3.1 run fell to a 4.06 average before anyone noticed): checked
 * on the iteration's rollouts before training and on every step's statistics. A threshold of 0 is off.
 */
public record Guardrails(double minEntropy, double maxKl, double minResponseTokens, double maxFormatPassDrop) {

  public static Guardrails of(RaifConfig.Guard g) {
    return new Guardrails(g.minEntropy(), g.maxKl(), g.minResponseTokens(), g.maxFormatPassDrop());
  }

  /** The iteration's rollouts against the run so far; {@code bestFormatPassRate} is NaN on the first iteration. */
  public Optional<String> beforeTraining(IterationStats s, double bestFormatPassRate) {
    if (minResponseTokens > 0 && s.meanResponseTokens() < minResponseTokens) {
      return fail("mean reasoning response length %.2f tokens is below guard.min_response_tokens = %s: the policy is "
          + "collapsing to empty answers", s.meanResponseTokens(), minResponseTokens);
    }
    if (maxFormatPassDrop > 0 && !Double.isNaN(bestFormatPassRate)
        && bestFormatPassRate - s.formatPassRate() > maxFormatPassDrop) {
      return fail("format-pass rate fell to %.3f from the run's best %.3f, more than guard.max_format_pass_drop = %s",
          s.formatPassRate(), bestFormatPassRate, maxFormatPassDrop);
    }
    return Optional.empty();
  }

  public Optional<String> afterStep(StepStats s) {
    if (minEntropy > 0 && !Double.isNaN(s.entropy()) && s.entropy() < minEntropy) {
      return fail("mean token entropy %.4f is below guard.min_entropy = %s: the policy is collapsing onto one answer",
          s.entropy(), minEntropy);
    }
    if (maxKl > 0 && !Double.isNaN(s.meanKl()) && s.meanKl() > maxKl) {
      return fail("mean KL to the reference %.4f is above guard.max_kl = %s: the policy is running away",
          s.meanKl(), maxKl);
    }
    if (!Double.isFinite(s.gradNorm())) {
      return fail("the gradient norm is %s: the step was skipped and training cannot continue", s.gradNorm());
    }
    return Optional.empty();
  }

  private static Optional<String> fail(String format, Object... args) {
    return Optional.of(String.format(Locale.ROOT, format, args));
  }

  /** Stops a run; the message says what crossed which threshold and what to do. */
  public static final class Tripped extends RuntimeException {
    public Tripped(String runId, int iteration, String what) {
      super("guardrail stopped run '" + runId + "' at iteration " + iteration + ": " + what + ". The tables and the "
          + "last trainer state are kept: inspect them, then lower train.lr or change the threshold (0 = off) and "
          + "rerun to resume.");
    }
  }
}
