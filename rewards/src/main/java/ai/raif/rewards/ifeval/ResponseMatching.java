package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.nio.file.Path;
import java.util.Map;

/** How an evaluation finds each input prompt's response in the response file, and what a prompt without one gives. */
public enum ResponseMatching {
  /** Google's evaluation_main: the response keyed by exactly the prompt's text; a prompt without one is an error. */
  EXACT,
  /**
   * IFBench's run_eval (db69a6f): the response keyed by the prompt, else by the stripped prompt (response rows are
   * indexed under both); a prompt without one scores as {@code empty_output}: response "", nothing followed.
   */
  TOLERANT;

  Map<String, String> read(Path responseData) {
    return IfevalData.readResponses(responseData, this == TOLERANT);
  }

  /** The response for {@code prompt}, or null. */
  String find(Map<String, String> responses, String prompt) {
    String response = responses.get(prompt);
    return response != null || this == EXACT ? response : responses.get(PythonUnicode.strip(prompt));
  }
}
