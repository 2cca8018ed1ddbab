package ai.raif.udfs.rollout;

import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.Generation;
import ai.raif.trainer.sampling.Sampler;
import ai.raif.trainer.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a task's rollouts with the sampler's batching (continuous by default). A prompt that cannot be generated
 * (no user text, too long, a template error) becomes an error result without touching the others; a generation call
 * that fails as a whole is retried row by row so only the bad row carries the error.
 */
public final class RolloutGenerator {
  private final LanguageModel model;
  private final RolloutSettings settings;
  private final SamplingParams sampling;

  public RolloutGenerator(LanguageModel model, RolloutSettings settings) {
    this.model = model;
    this.settings = settings;
    this.sampling = settings.sampling();
  }

  /** A prepared rollout: its rendered prompt and token ids, or why it has none. */
  public record Prepared(RolloutTask task, String promptText, int[] ids, String error) {}

  public Prepared prepare(RolloutTask t) {
    if (t.messages().isEmpty() || t.messages().stream().noneMatch(m -> m.role().equals("user"))) {
      return new Prepared(t, null, null, "messages: the prompt has no user message");
    }
    if (t.messages().stream().allMatch(m -> m.content().isBlank())) {
      return new Prepared(t, null, null, "messages: the prompt is empty (only whitespace)");
    }
    String text;
    try {
      text = ReasoningPrompt.render(model, t.messages(), t.mode());
    } catch (RuntimeException e) {
      return new Prepared(t, null, null, "messages: the chat template failed: " + e.getMessage());
    }
    int[] ids = model.tokenizer().encode(text, false);
    int context = model.config().maxPositions();
    if (ids.length > settings.maxPromptTokens()) {
      return new Prepared(t, text, null, "messages: the rendered prompt has " + ids.length
          + " tokens, over rollout.max_prompt_tokens = " + settings.maxPromptTokens());
    }
    if (ids.length + settings.maxNewTokens() > context) {
      return new Prepared(t, text, null, "messages: the rendered prompt has " + ids.length + " tokens; with "
          + settings.maxNewTokens() + " new tokens it exceeds the model context of " + context);
    }
    return new Prepared(t, text, ids, null);
  }

  /**
   * Generates every task, results in task order: tasks that cannot be prepared become error results, the others are
   * decoded together, {@code batching.slots()} rows at a time; {@code afterGeneration} runs once they are done.
   */
  public List<RolloutResult> generateAll(List<RolloutTask> tasks, Runnable afterGeneration) {
    RolloutResult[] out = new RolloutResult[tasks.size()];
    List<Prepared> ready = new ArrayList<>();
    List<Integer> readyAt = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      Prepared p = prepare(tasks.get(i));
      if (p.error() != null) {
        out[i] = RolloutResult.failed(p.task(), p.promptText(), p.error());
      } else {
        ready.add(p);
        readyAt.add(i);
      }
    }
    if (!ready.isEmpty()) {
      List<RolloutResult> generated = generate(ready);
      for (int j = 0; j < ready.size(); j++) out[readyAt.get(j)] = generated.get(j);
      afterGeneration.run();
    }
    return List.of(out);
  }

  /** Generates prepared rollouts (all without errors), in order; if the call fails, each is retried alone. */
  public List<RolloutResult> generate(List<Prepared> batch) {
    List<Sampler.Request> requests = new ArrayList<>();
    for (Prepared p : batch) requests.add(new Sampler.Request(p.ids(), p.task().seed()));
    long start = System.nanoTime();
    List<Generation> generations;
    try {
      generations = model.generate(requests, sampling, settings.batching(), Sampler.Observer.NONE);
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        return List.of(RolloutResult.failed(batch.get(0).task(), batch.get(0).promptText(), "generation failed: "
            + e.getMessage()));
      }
      List<RolloutResult> one = new ArrayList<>();
      for (Prepared p : batch) one.addAll(generate(List.of(p)));
      return one;
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    List<RolloutResult> out = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Prepared p = batch.get(i);
      Generation g = generations.get(i);
      out.add(new RolloutResult(p.task(), p.promptText(), g.text(), g.tokenIds(), g.sampledLogprobs(),
          g.modelLogprobs(),
          g.promptTokens(), g.finishReason().wireName(), ms, null));
    }
    return out;
  }
}
