package ai.raif.rewards.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Python 3 {@code str} and {@code re} character semantics that the ported NLTK and langdetect code relies on.
 * Python's tables come from its own Unicode version (14.0 in 3.11), Java 17's from Unicode 13.0; the predicates below
 * agree everywhere except on code points assigned after 13.0 (UnicodeTablesTest lists them). Public because the IFEval
 * checkers need the same predicates.
 */
public final class PythonUnicode {
  /** Python {@code re} {@code \w} for str patterns: {@code str.isalnum()} or '_', i.e. categories L* and N*. */
  static final String WORD = "[\\p{L}\\p{N}_]";
  /** Python {@code \s}, identical to {@code str.isspace()}: Unicode White_Space minus a few, plus \x1c-\x1f. */
  static final String SPACE = "[\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}"
      + "\\x{202F}\\x{205F}\\x{3000}]";
  static final String NOT_SPACE = "[^" + SPACE.substring(1);
  /** Python {@code \d}: decimal digits (category Nd) of every script. */
  static final String DIGIT = "\\p{Nd}";

  private PythonUnicode() {}

  public static boolean isWordChar(int cp) {
    return cp == '_' || Character.isLetter(cp) || switch (Character.getType(cp)) {
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }

  public static boolean isSpace(int cp) {
    return switch (cp) {
      case '\t', '\n', 0x0B, '\f', '\r', 0x1C, 0x1D, 0x1E, 0x1F, ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F,
          0x205F, 0x3000 -> true;
      default -> cp >= 0x2000 && cp <= 0x200A;
    };
  }

  /** {@code ch.isupper()} for a one-character string: Lu or Other_Uppercase (Java's isUpperCase is the same). */
  public static boolean isUpper(int cp) {
    return Character.isUpperCase(cp);
  }

  /** {@code ch.islower()} for a one-character string: Ll or Other_Lowercase. */
  public static boolean isLower(int cp) {
    return Character.isLowerCase(cp);
  }

  /** {@code s.strip()}. */
  public static String strip(String s) {
    int end = rstripEnd(s);
    int start = 0;
    while (start < end && isSpace(s.charAt(start))) start++;
    return s.substring(start, end);
  }

  /** {@code len(s.rstrip())} in UTF-16 units: the index where trailing Python whitespace begins. */
  public static int rstripEnd(String s) {
    int end = s.length();
    // every Python whitespace character is in the BMP, so a char test is a code point test
    while (end > 0 && isSpace(s.charAt(end - 1))) end--;
    return end;
  }

  /** {@code s.split()}: the runs of non-whitespace. */
  public static List<String> split(String s) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) i++;
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) i++;
      if (i > start) parts.add(s.substring(start, i));
    }
    return parts;
  }

  /**
   * The maximal runs of code points in {@code member}, in order: {@code re.findall(r"\w+", s)} for
   * {@link #isWordChar}, {@code re.findall(r"\d+", s)} for {@link Character#isDigit}.
   */
  public static List<String> runs(String s, IntPredicate member) {
    List<String> runs = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean inRun = member.test(cp);
      if (inRun && start < 0) start = i;
      if (!inRun && start >= 0) {
        runs.add(s.substring(start, i));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) runs.add(s.substring(start));
    return runs;
  }

  /** {@code s[start:end]} for indices already in range: empty when start is at or past end. */
  static String slice(String s, int start, int end) {
    return start >= end ? "" : s.substring(start, end);
  }
}
