package ai.raif.jobs.cli;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.SamplingParams;
import ai.raif.trainer.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** Turns CLI text into model input the same way for generate, score and chat. */
final class Prompting {
  private Prompting() {}

  static List<ChatMessage> conversation(String system, List<ChatMessage> turns) {
    List<ChatMessage> all = new ArrayList<>();
    if (system != null && !system.isEmpty()) all.add(new ChatMessage("system", system));
    all.addAll(turns);
    return all;
  }

  static int[] promptIds(LanguageModel lm, String prompt, String system, boolean raw) {
    if (prompt == null || prompt.isEmpty()) throw new IllegalArgumentException("the prompt is empty");
    return raw ? lm.encodeRaw(prompt) : lm.encodeChat(conversation(system, List.of(new ChatMessage("user", prompt))));
  }

  static SamplingParams sampling(RaifConfig.Generation g) {
    return new SamplingParams(g.temperature(), g.topP(), g.topK(), g.maxNewTokens(), null, null);
  }
}
