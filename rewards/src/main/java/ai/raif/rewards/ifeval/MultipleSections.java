package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code detectable_format:multiple_sections}: the number of splits by {@code \s?SPLITTER\s?\d+\s?} is at least
 * {@code num_sections}. Case-sensitive, anywhere in the text ("See Section 3" counts), digits may follow directly
 * ("SECTION1") and {@code \d} is any Unicode decimal digit. The splitter is quoted where the reference inserts it
 * unescaped (the same for splitters without regex metacharacters; IFEval's are words like "Section" and "Day").
 */
record MultipleSections(String literal, Pattern splitter, long sections) implements Instruction {
  static final List<String> KWARGS = List.of("section_spliter", "num_sections");

  static MultipleSections from(Kwargs kw) {
    String splitter = PythonUnicode.strip(kw.string("section_spliter"));
    return new MultipleSections(splitter, pattern(splitter), kw.count("num_sections"));
  }

  static Pattern pattern(String splitter) {
    String ws = PyRegex.SPACE + "?";
    return Pattern.compile(ws + Pattern.quote(splitter) + ws + PyRegex.DIGIT + "+" + ws);
  }

  @Override
  public boolean isFollowedBy(String response) {
    return countSplits(response) >= sections;
  }

  /** len(re.split(p, s)) - 1: the number of non-overlapping matches of p (it cannot match the empty string). */
  long countSplits(String response) {
    if (!scannable(literal)) {
      Matcher m = splitter.matcher(response);
      long splits = 0;
      while (m.find()) splits++;
      return splits;
    }
    // The regex's matches, found by a literal search: each occurrence of the splitter followed by digits (after one
    // optional whitespace character) is a match, and they come in order (the optional whitespace before a splitter
    // cannot belong to the previous match's occurrence, as the splitter neither starts nor ends with whitespace).
    long splits = 0;
    int from = 0;
    while (true) {
      int at = response.indexOf(literal, from);
      if (at < 0) return splits;
      int end = digitsEnd(response, at + literal.length());
      if (end < 0) {
        from = at + 1;
        continue;
      }
      splits++;
      from = end < response.length() && PythonUnicode.isSpace(response.charAt(end)) ? end + 1 : end;
    }
  }

  /**
   * Splitters the literal search handles: non-empty, no whitespace at either end, no surrogate (so that a match
   * cannot start or end inside a character). Others run the regex.
   */
  static boolean scannable(String splitter) {
    if (splitter.isEmpty()) return false;
    if (PythonUnicode.isSpace(splitter.charAt(0)) || PythonUnicode.isSpace(splitter.charAt(splitter.length() - 1))) {
      return false;
    }
    return splitter.chars().noneMatch(c -> Character.isSurrogate((char) c));
  }

  /** After \s?\d+ at i: the index after the digits, or -1 when there are none. */
  private static int digitsEnd(String text, int i) {
    int n = text.length();
    if (i < n && PythonUnicode.isSpace(text.charAt(i)) && i + 1 < n && isDigit(text.codePointAt(i + 1))) i++;
    if (i >= n || !isDigit(text.codePointAt(i))) return -1;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!isDigit(cp)) break;
      i += Character.charCount(cp);
    }
    return i;
  }

  /** Python's \d, as \p{Nd}. */
  private static boolean isDigit(int cp) {
    return Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
  }
}
