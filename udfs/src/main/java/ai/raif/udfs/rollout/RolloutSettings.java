package ai.raif.udfs.rollout;

import ai.raif.trainer.sampling.Batching;
import ai.raif.trainer.sampling.SamplingParams;
import ai.raif.udfs.model.ModelKey;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * What a rollout task needs besides its prompts; shipped to executors with the task.
 *
 * @param reasoningSamples G, rollouts per prompt that think first
 * @param directSamples G', rollouts per instruction prompt with a forced empty think block (never for math)
 * @param chatSamples G'', rollouts per instruction prompt in the model's own chat template (never for math)
 * @param batching rows decoded together inside a task, and whether a finished row takes the next rollout at once
 * @param failOnceMarker test hook: when set, the first task attempt that creates this file fails after its
 *     rollouts were generated, to prove that retries neither lose nor duplicate rollouts
 */
public record RolloutSettings(ModelKey model, String runId, int iteration, long baseSeed, int reasoningSamples,
    int directSamples, int chatSamples, double temperature, double topP, int topK, int maxNewTokens, Batching batching,
    int maxPromptTokens, String failOnceMarker) implements Serializable {

  public RolloutSettings {
    if (reasoningSamples < 0 || directSamples < 0 || chatSamples < 0
        || reasoningSamples + directSamples + chatSamples < 1) {
      throw new IllegalArgumentException("reasoning, direct and chat samples must be >= 0 and not all 0, got "
          + reasoningSamples + ", " + directSamples + " and " + chatSamples);
    }
    if (batching == null) throw new IllegalArgumentException("batching is required");
  }

  /** The same settings with another batching. */
  public RolloutSettings withBatching(Batching b) {
    return new RolloutSettings(model, runId, iteration, baseSeed, reasoningSamples, directSamples, chatSamples,
        temperature, topP, topK, maxNewTokens, b, maxPromptTokens, failOnceMarker);
  }

  public SamplingParams sampling() {
    return new SamplingParams(temperature, topP, topK, maxNewTokens, Set.of(), List.of());
  }
}
