package ai.raif.rewards.reward;

/**
 * A policy output split into its reasoning and answer, with the format verdict (raif-spec §3.2–3.3).
 *
 * <p>Format: each required tag occurs exactly once and their first occurrences are in order; text around the tags is
 * not checked. Extraction mirrors Python's {@code re.finditer(r'<t>(.*?)</t>', s, re.DOTALL)[-1]}: the last
 * non-overlapping lazy match, stripped; {@code null} when there is none. It is done with index scans, so hostile
 * inputs cannot make it backtrack.
 *
 * @param think stripped reasoning, or null when no think block exists (or the format is ignored)
 * @param answer stripped answer, or null when no answer can be found
 */
public record ResponseParts(boolean formatOk, String think, String answer) {
  static final String ANSWER_OPEN = "<answer>";
  static final String ANSWER_CLOSE = "</answer>";

  public static ResponseParts parse(String output, TagLayout layout) {
    if (output == null) throw new IllegalArgumentException("policy output is missing");
    String think = lastBlock(output, PolicyOutput.THINK_OPEN, PolicyOutput.THINK_CLOSE);
    if (layout == TagLayout.THINK_ONLY) {
      int close = output.lastIndexOf(PolicyOutput.THINK_CLOSE);
      String answer = close < 0 ? null : output.substring(close + PolicyOutput.THINK_CLOSE.length()).strip();
      return new ResponseParts(tagsInOrder(output, PolicyOutput.THINK_OPEN, PolicyOutput.THINK_CLOSE), think, answer);
    }
    boolean formatOk =
        tagsInOrder(output, PolicyOutput.THINK_OPEN, PolicyOutput.THINK_CLOSE, ANSWER_OPEN, ANSWER_CLOSE);
    return new ResponseParts(formatOk, think, lastBlock(output, ANSWER_OPEN, ANSWER_CLOSE));
  }

  /** {@code woFormat} tasks: no tags are required and the whole output is the answer. */
  public static ResponseParts unformatted(String output) {
    if (output == null) throw new IllegalArgumentException("policy output is missing");
    return new ResponseParts(true, null, output.strip());
  }

  static boolean tagsInOrder(String text, String... tags) {
    int previous = -1;
    for (String tag : tags) {
      int first = text.indexOf(tag);
      if (first < 0 || text.indexOf(tag, first + tag.length()) >= 0 || first < previous) return false;
      previous = first;
    }
    return true;
  }

  static String lastBlock(String text, String open, String close) {
    String last = null;
    int from = 0;
    while (true) {
      int start = text.indexOf(open, from);
      if (start < 0) return last;
      int end = text.indexOf(close, start + open.length());
      if (end < 0) return last;
      last = text.substring(start + open.length(), end).strip();
      from = end + close.length();
    }
  }
}
