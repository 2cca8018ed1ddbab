package ai.raif.rewards.judge;

import ai.raif.rewards.text.PythonUnicode;

/**
 * The judge conversation of raif-spec §3.4(a)(b): which instruction text the judge sees, and the two messages asking
 * it one scoring question. The layout, the system message and the verdict literals are byte-exact with the
 * reference; the rubric says the same thing in our own words.
 */
public final class JudgePrompt {
  /** The judge's system message. */
  public static final String SYSTEM = "You are a helpful assistant.";
  /** The two scored verdicts; bilingual because most of RAIF's complex prompts are Chinese. */
  public static final String YES = "YES(是)";
  public static final String NO = "NO(否)";

  /** Marks the start of a task definition inside a system prompt; it and everything before it are dropped. */
  public static final String TASK_DEFINITION = "Here is the task definition:\n\n";
  /** The two ends of the reasoning trigger (raif-spec §2.4): the trigger must not reach the judge. */
  public static final String TRIGGER_END = "between one <answer> tag and one </answer> tag.";
  public static final String TRIGGER_PATTERN_END = "<think> reasoning process here </think><answer> answer here </answer>.";

  /** What replaces the middle of a generated text that is too long for the judge. */
  public static final String ELISION = "\n…\n";

  /** The fixed rubric that opens the user message (an InfoBench-style "decomposed requirement" check). */
  public static final String RUBRIC = """
      Read the generated text and decide whether it satisfies the question asked about it. Reply with exactly one \
      of the two labels YES(是) or NO(否).

      - YES(是): choose it only when the generated text meets the question's condition completely. A single flaw, \
      however small, is enough to rule it out. For instance, if the question is "Is every sentence of the generated \
      text written in the second person?" and even one sentence is not, the reply must not be YES(是).

      - NO(否): choose it when the generated text does not meet the question's condition, or when it contains \
      nothing that could be used to answer the question. For instance, if the question is "Is the second sentence \
      of the generated text a compound sentence?" and the generated text has only one sentence, it gives the \
      question nothing to judge, so the reply is NO(否).""";

  private JudgePrompt() {}

  /**
   * The reference's {@code shrink_system_prompt}: drop everything up to and including the first
   * {@link #TASK_DEFINITION}, then likewise for {@link #TRIGGER_END}, then for {@link #TRIGGER_PATTERN_END}; each step
   * only when its marker is present. The reasoning trigger disappears and a task definition after it survives.
   */
  public static String shrinkSystemPrompt(String system) {
    String s = system;
    for (String marker : new String[] {TASK_DEFINITION, TRIGGER_END, TRIGGER_PATTERN_END}) {
      int at = s.indexOf(marker);
      if (at >= 0) s = s.substring(at + marker.length());
    }
    return s;
  }

  /**
   * The instruction shown to the judge: the shrunk system prompt and the last user turn joined by a blank line and
   * stripped with Python's whitespace rules; the shrunk system prompt alone (unstripped) when there is no user turn.
   *
   * @param system the system turn's content, or null when there is none
   * @param user the last user turn's content, or null when the conversation does not end with one
   */
  public static String instruction(String system, String user) {
    String shrunk = system == null ? "" : shrinkSystemPrompt(system);
    if (user == null) return shrunk;
    return PythonUnicode.strip(shrunk + "\n\n" + user);
  }

  /** The user message asking one scoring question: the rubric, then the input, the generated text and the question. */
  public static String user(String instruction, String answer, String question) {
    return RUBRIC + "\n\n\nInput:\n\n" + instruction + "\n\n\nGenerated Text:\n\n" + answer + "\n\n\nQuestion:\n\n"
        + question;
  }

  public static String user(JudgeQuestion q) {
    return user(q.instruction(), q.answer(), q.question());
  }

  /**
   * {@code text} cut to at most {@code maxChars} chars by removing its middle, which {@link #ELISION} replaces. The
   * reference truncated judge inputs on the right, which cut off the verdict and turned every long answer into a tie
   * (= NO); keeping both ends also keeps the answer's opening and its conclusion, where most constraints show.
   * Surrogate pairs are never split.
   */
  public static String truncateMiddle(String text, int maxChars) {
    if (maxChars < 0) throw new IllegalArgumentException("maxChars must be >= 0, got " + maxChars);
    if (text.length() <= maxChars) return text;
    int keep = maxChars - ELISION.length();
    if (keep <= 0) return ELISION.substring(0, Math.max(0, maxChars));
    int head = (keep + 1) / 2;
    int tail = keep - head;
    if (head > 0 && Character.isHighSurrogate(text.charAt(head - 1))) head--;
    int tailStart = text.length() - tail;
    if (tail > 0 && Character.isLowSurrogate(text.charAt(tailStart))) tailStart++;
    return text.substring(0, head) + ELISION + text.substring(tailStart);
  }
}
