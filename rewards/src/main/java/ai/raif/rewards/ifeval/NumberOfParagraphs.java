package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code length_constraints:number_paragraphs}: paragraphs are the parts between {@code ***} dividers (with one
 * optional whitespace character on each side; {@code ****} also divides). A blank first or last part is not counted,
 * a blank part in between fails the check; the count must equal {@code num_paragraphs}.
 */
record NumberOfParagraphs(long paragraphs) implements Instruction {
  static final List<String> KWARGS = List.of("num_paragraphs");
  /** The reference's divider; {@link #nextDivider} finds its matches without running it. */
  static final Pattern DIVIDER = Pattern.compile(PyRegex.SPACE + "?\\*\\*\\*" + PyRegex.SPACE + "?");

  static NumberOfParagraphs from(Kwargs kw) {
    return new NumberOfParagraphs(kw.count("num_paragraphs"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    // The parts of re.split(DIVIDER, response), visited in place instead of materialised.
    long count = 0;
    int partStart = 0;
    boolean first = true;
    while (true) {
      int dividerStart = nextDivider(response, partStart);
      boolean more = dividerStart >= 0;
      int partEnd = more ? dividerStart : response.length();
      if (!PyStrings.isBlank(response, partStart, partEnd)) count++;
      else if (!first && more) return false; // a blank part between two dividers
      if (!more) return count == paragraphs;
      partStart = dividerEnd(response, dividerStart);
      first = false;
    }
  }

  /**
   * Where the next match of {@link #DIVIDER} at or after {@code from} starts, or -1: found by a literal search, as
   * the regex's leftmost match is the first "***" with the whitespace character before it when there is one (after
   * {@code from}). NumberOfParagraphsTest compares it with the regex.
   */
  static int nextDivider(String text, int from) {
    int stars = text.indexOf("***", from);
    if (stars < 0) return -1;
    return stars > from && PythonUnicode.isSpace(text.charAt(stars - 1)) ? stars - 1 : stars;
  }

  /** Where the divider that {@link #nextDivider} found ends: after its "***" and one whitespace character, if any. */
  static int dividerEnd(String text, int start) {
    int end = text.charAt(start) == '*' ? start + 3 : start + 4;
    return end < text.length() && PythonUnicode.isSpace(text.charAt(end)) ? end + 1 : end;
  }
}
