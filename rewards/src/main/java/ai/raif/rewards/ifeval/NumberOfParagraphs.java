package ai.raif.rewards.ifeval;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code length_constraints:number_paragraphs}: paragraphs are the parts between {@code ***} dividers (with one
 * optional whitespace character on each side; {@code ****} also divides). A blank first or last part is not counted,
 * a blank part in between fails the check; the count must equal {@code num_paragraphs}.
 */
record NumberOfParagraphs(long paragraphs) implements Instruction {
  static final List<String> KWARGS = List.of("num_paragraphs");
  private static final Pattern DIVIDER = Pattern.compile(PyRegex.SPACE + "?\\*\\*\\*" + PyRegex.SPACE + "?");

  static NumberOfParagraphs from(Kwargs kw) {
    return new NumberOfParagraphs(kw.count("num_paragraphs"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    // The parts of re.split(DIVIDER, response), visited in place instead of materialised.
    Matcher divider = DIVIDER.matcher(response);
    long count = 0;
    int partStart = 0;
    boolean first = true;
    while (true) {
      boolean more = divider.find();
      int partEnd = more ? divider.start() : response.length();
      if (!PyStrings.isBlank(response, partStart, partEnd)) count++;
      else if (!first && more) return false; // a blank part between two dividers
      if (!more) return count == paragraphs;
      partStart = divider.end();
      first = false;
    }
  }
}
