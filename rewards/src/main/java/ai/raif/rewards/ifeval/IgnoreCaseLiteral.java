package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.CaseFold;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A literal searched case-insensitively, as {@link PyRegex#literalIgnoreCase} does. For a literal of two or more
 * characters without surrogates the search is {@code indexOf} in the {@link CaseFold folded} text (folded once per
 * response by the caller), with the regex's match positions: Java compiles such a literal to a case-folded slice that
 * compares folded characters. A single character compiles differently (an uncased one such as 'ß' matches only
 * itself, not 'ẞ'), so those, the empty literal and literals with surrogates run the regex.
 */
record IgnoreCaseLiteral(String literal, String folded, Pattern pattern) {
  static IgnoreCaseLiteral of(String literal) {
    return new IgnoreCaseLiteral(literal, CaseFold.fold(literal), PyRegex.literalIgnoreCase(literal));
  }

  boolean foldable() {
    return literal.length() >= 2 && literal.chars().noneMatch(c -> Character.isSurrogate((char) c));
  }

  /**
   * The first match at or after {@code from} in {@code text} ({@code foldedText} is its fold), as start << 32 | end,
   * or -1.
   */
  long find(String text, String foldedText, int from) {
    if (foldable()) {
      int start = foldedText.indexOf(folded, from);
      return start < 0 ? -1 : (long) start << 32 | (start + literal.length());
    }
    Matcher m = pattern.matcher(text);
    return from <= text.length() && m.find(from) ? (long) m.start() << 32 | m.end() : -1;
  }

  static int start(long match) {
    return (int) (match >>> 32);
  }

  static int end(long match) {
    return (int) match;
  }
}
