package ai.raif.rewards.reward;

import java.util.List;

/**
 * Builds the text the reward reads from a rendered prompt and the generated response (raif-spec §3.1).
 * RAIF forces the think opener ({@code <think>\n}) or, for direct rollouts, an empty closed think block into the
 * prompt, so those tags belong to the policy output even though the model never generated them.
 */
public final class PolicyOutput {
  static final String THINK_OPEN = "<think>";
  static final String THINK_CLOSE = "</think>";

  /** End-of-turn strings of the supported templates; the output is cut at the first one. */
  public static final List<String> STOP_STRINGS =
      List.of("</s>", "<|im_end|>", "<|endoftext|>", "<｜end▁of▁sentence｜>", "<|eot_id|>");

  private PolicyOutput() {}

  /**
   * The prompt's trailing think opener (or empty think block), followed by {@code response}, cut at the first stop
   * string and stripped. A prompt whose last {@code <think>} is followed by anything but whitespace (e.g. the CoT
   * trigger in a system message) contributes nothing.
   */
  public static String of(String prompt, String response) {
    if (response == null) throw new IllegalArgumentException("response is missing");
    return cutAtStop(forcedPrefix(prompt == null ? "" : prompt) + response).strip();
  }

  static String forcedPrefix(String prompt) {
    int open = prompt.lastIndexOf(THINK_OPEN);
    if (open < 0) return "";
    String tail = prompt.substring(open + THINK_OPEN.length()).strip();
    return tail.isEmpty() || tail.equals(THINK_CLOSE) ? prompt.substring(open) : "";
  }

  static String cutAtStop(String text) {
    int cut = text.length();
    for (String stop : STOP_STRINGS) {
      int at = text.indexOf(stop);
      if (at >= 0) cut = Math.min(cut, at);
    }
    return text.substring(0, cut);
  }
}
