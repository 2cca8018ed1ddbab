package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code detectable_format:number_highlighted_sections}: at least {@code num_highlights} highlights, counting the
 * non-blank matches of {@code \*[^\n\*]*\*} plus those of {@code \*\*[^\n\*]*\*\*}. So {@code *x*} and {@code **x**}
 * count once each (the single-star pass sees only the empty pairs of {@code **x**}). Scanned linearly.
 */
record HighlightedSections(long highlights) implements Instruction {
  static final List<String> KWARGS = List.of("num_highlights");

  static HighlightedSections from(Kwargs kw) {
    return new HighlightedSections(kw.count("num_highlights"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return countNonBlank(response, "*") + countNonBlank(response, "**") >= highlights;
  }

  /**
   * Non-overlapping {@code re.findall} matches of {@code delimiter [^\n*]* delimiter} whose inner text is not blank.
   * The inner run stops at the first "*" or newline, so a match at a given start needs no backtracking.
   */
  private static long countNonBlank(String text, String delimiter) {
    int d = delimiter.length();
    long n = 0;
    int start = text.indexOf(delimiter);
    while (start >= 0) {
      int innerStart = start + d;
      int innerEnd = innerStart;
      while (innerEnd < text.length() && text.charAt(innerEnd) != '*' && text.charAt(innerEnd) != '\n') innerEnd++;
      if (text.startsWith(delimiter, innerEnd)) {
        if (!PythonUnicode.strip(text.substring(innerStart, innerEnd)).isEmpty()) n++;
        start = text.indexOf(delimiter, innerEnd + d);
      } else {
        start = text.indexOf(delimiter, start + 1);
      }
    }
    return n;
  }
}
