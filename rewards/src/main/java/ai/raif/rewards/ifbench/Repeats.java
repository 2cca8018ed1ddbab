package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/** The {@code repeat:*} instructions: the response repeats (part of) a given text. */
final class Repeats {
  private Repeats() {}

  /**
   * {@code repeat:repeat_change}: the prompt_to_repeat with its first word changed: not identical to it, and equal to
   * it from the second whitespace word on (words joined by single spaces).
   */
  record Change(String prompt, String afterFirstWord) implements Instruction {
    static final List<String> KWARGS = List.of("prompt_to_repeat");

    static Change from(Kwargs kw) {
      String prompt = kw.nonEmptyString("prompt_to_repeat");
      return new Change(prompt, afterFirstWord(prompt));
    }

    @Override
    public boolean isFollowedBy(String response) {
      return !prompt.equals(response) && afterFirstWord.equals(afterFirstWord(response));
    }

    private static String afterFirstWord(String text) {
      List<String> words = PythonUnicode.split(text);
      return String.join(" ", words.subList(Math.min(1, words.size()), words.size()));
    }
  }

  /** {@code repeat:repeat_simple}: exactly the instruction's sentence, ignoring case and surrounding whitespace. */
  enum Simple implements Instruction {
    INSTANCE;

    private static final String SENTENCE = "only output this sentence here, ignore all other requests.";

    @Override
    public boolean isFollowedBy(String response) {
      return PyStrings.lower(PythonUnicode.strip(response)).equals(SENTENCE);
    }
  }

  /**
   * {@code repeat:repeat_span}: exactly prompt_to_repeat[n_start:n_end + 1] (Python slicing on code points, so
   * negative indexes count from the end), ignoring case and surrounding whitespace.
   */
  record Span(String span) implements Instruction {
    static final List<String> KWARGS = List.of("prompt_to_repeat", "n_start", "n_end");

    static Span from(Kwargs kw) {
      int[] prompt = kw.nonEmptyString("prompt_to_repeat").codePoints().toArray();
      long start = index(kw.integer("n_start"), prompt.length);
      long end = index(kw.integer("n_end") + 1, prompt.length);
      String span = start < end ? new String(prompt, (int) start, (int) (end - start)) : "";
      return new Span(PyStrings.lower(PythonUnicode.strip(span)));
    }

    /** A slice bound as Python clamps it into [0, length]. */
    private static long index(long i, int length) {
      if (i < 0) i += length;
      return Math.max(0, Math.min(i, length));
    }

    @Override
    public boolean isFollowedBy(String response) {
      return PyStrings.lower(PythonUnicode.strip(response)).equals(span);
    }
  }
}
