package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.trainer.grpo.StepStats;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardrailsTest {
  static final Guardrails GUARD = new Guardrails(0.05, 1.0, 3, 0.4);

  static StepStats step(double entropy, double kl, double gradNorm) {
    return new StepStats(1, 0, 0, 1, kl, 0, 0, 1, entropy, gradNorm, 1e-6, 4, 2, 40, 20, 400, 1);
  }

  static IterationStats rollouts(double formatPass, double meanTokens) {
    return new IterationStats(formatPass, 0.5, 0.2, meanTokens, 0.5);
  }

  @Test
  void aHealthyRunPasses() {
    assertEquals(Optional.empty(), GUARD.afterStep(step(1.2, 0.01, 0.8)));
    assertEquals(Optional.empty(), GUARD.beforeTraining(rollouts(0.7, 60), 0.9));
    assertEquals(Optional.empty(), GUARD.beforeTraining(rollouts(0.0, 60), Double.NaN), "first iteration: no best");
    assertEquals(Optional.empty(), GUARD.afterStep(step(Double.NaN, Double.NaN, 0.8)), "BC-only step: no stats");
  }

  @Test
  void eachThresholdStopsTheRunAndNamesItsKey() {
    assertTrue(GUARD.afterStep(step(0.01, 0.01, 0.8)).orElseThrow().contains("guard.min_entropy"));
    assertTrue(GUARD.afterStep(step(1.2, 3.5, 0.8)).orElseThrow().contains("guard.max_kl"));
    assertTrue(GUARD.afterStep(step(1.2, 0.01, Double.NaN)).orElseThrow().contains("gradient norm"));
    assertTrue(GUARD.beforeTraining(rollouts(0.7, 1.5), 0.8).orElseThrow().contains("guard.min_response_tokens"));
    String drop = GUARD.beforeTraining(rollouts(0.3, 60), 0.8).orElseThrow();
    assertTrue(drop.contains("0.300") && drop.contains("0.800") && drop.contains("guard.max_format_pass_drop"), drop);
    String message = new Guardrails.Tripped("demo", 3, drop).getMessage();
    assertTrue(message.startsWith("guardrail stopped run 'demo' at iteration 3: format-pass rate fell"), message);
  }

  @Test
  void zeroSwitchesAThresholdOff() {
    Guardrails off = new Guardrails(0, 0, 0, 0);
    assertEquals(Optional.empty(), off.afterStep(step(0.0, 50, 0.8)));
    assertEquals(Optional.empty(), off.beforeTraining(rollouts(0.0, 0), 1.0));
  }
}
