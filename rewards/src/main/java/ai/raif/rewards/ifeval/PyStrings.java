package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Python {@code str} operations the IFEval and IFBench checkers rely on, with Python's exact semantics. Java's own
 * {@code strip()}, {@code split("\\s+")} and {@code \w} disagree with Python on NBSP, U+001C..U+001F, U+0085, marks
 * and numbers, and those differences change verdicts. Public for {@code ai.raif.rewards.ifbench}.
 */
public final class PyStrings {
  // Character predicates and strip() live in ai.raif.rewards.text.PythonUnicode, shared with the NLTK port.
  /** {@code string.punctuation}: ASCII only, so curly quotes and dashes are not punctuation for the checkers. */
  public static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private PyStrings() {}

  /** Whether {@code s.strip()} is empty. */
  public static boolean isBlank(String s) {
    return isBlank(s, 0, s.length());
  }

  /** Whether {@code s[from:to].strip()} is empty. */
  static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) if (!PythonUnicode.isSpace(s.charAt(i))) return false;
    return true;
  }

  /** {@code s.strip(c)}: removes every leading and trailing {@code c}. */
  public static String strip(String s, char c) {
    return rstrip(lstrip(s, c), c);
  }

  /** {@code s.lstrip(c)}. */
  public static String lstrip(String s, char c) {
    int start = 0;
    while (start < s.length() && s.charAt(start) == c) start++;
    return s.substring(start);
  }

  /** {@code s.rstrip(c)}. */
  public static String rstrip(String s, char c) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == c) end--;
    return s.substring(0, end);
  }

  /** {@code s.lower()}; Java's root-locale lower-casing applies the same full mappings (İ, final sigma). */
  public static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** {@code s.split(sep)} for a non-empty literal separator: every part is kept, empty ones included. */
  public static List<String> split(String s, String sep) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
      parts.add(s.substring(from, at));
      from = at + sep.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  /** {@code s.split()[0]}: the first run of non-whitespace, or null when {@code s} is all whitespace. */
  public static String firstWord(String s) {
    int start = 0;
    while (start < s.length() && PythonUnicode.isSpace(s.charAt(start))) start++;
    if (start == s.length()) return null;
    int end = start;
    while (end < s.length() && !PythonUnicode.isSpace(s.charAt(end))) end++;
    return s.substring(start, end);
  }

  /** {@code s.isupper()}: at least one cased character and no lower- or title-case one. */
  public static boolean isUpper(String s) {
    return hasOnlyCase(s, true);
  }

  /** {@code s.islower()}: at least one cased character and no upper- or title-case one. */
  public static boolean isLower(String s) {
    return hasOnlyCase(s, false);
  }

  private static boolean hasOnlyCase(String s, boolean upper) {
    boolean cased = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      boolean same = upper ? Character.isUpperCase(cp) : Character.isLowerCase(cp);
      boolean other = upper ? Character.isLowerCase(cp) : Character.isUpperCase(cp);
      if (other || Character.isTitleCase(cp)) return false;
      cased |= same;
    }
    return cased;
  }

  /** {@code s.strip(chars)} for a set of BMP characters. */
  public static String strip(String s, String chars) {
    return rstrip(lstrip(s, chars), chars);
  }

  /** {@code s.lstrip(chars)} for a set of BMP characters. */
  public static String lstrip(String s, String chars) {
    int start = 0;
    while (start < s.length() && chars.indexOf(s.charAt(start)) >= 0) start++;
    return s.substring(start);
  }

  /** {@code s.rstrip(chars)} for a set of BMP characters. */
  public static String rstrip(String s, String chars) {
    int end = s.length();
    while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) end--;
    return s.substring(0, end);
  }

  /** {@code s.translate(str.maketrans('', '', chars))}: {@code s} without any of the (BMP) characters. */
  public static String delete(String s, String chars) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (chars.indexOf(c) < 0) b.append(c);
    }
    return b.toString();
  }

  /**
   * {@code s.count(sub)}: non-overlapping occurrences; the empty string occurs between every two code points and at
   * both ends ({@code len(s) + 1}), as it also does for {@code re.findall(re.escape(""), s)}.
   */
  public static int count(String s, String sub) {
    if (sub.isEmpty()) return s.codePointCount(0, s.length()) + 1;
    int n = 0;
    for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) n++;
    return n;
  }

  /** {@code len(s)}: code points, not UTF-16 units. */
  public static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** {@code s[-1]} (null for ""): the last code point as a string. */
  public static String last(String s) {
    return s.isEmpty() ? null : new String(Character.toChars(s.codePointBefore(s.length())));
  }

  /** {@code s[0]} (null for ""): the first code point as a string. */
  public static String first(String s) {
    return s.isEmpty() ? null : new String(Character.toChars(s.codePointAt(0)));
  }

  /**
   * {@code s.isdigit()}: non-empty and every code point a digit: decimal (Nd) or another number with a digit value
   * ("²", "①"; not "½").
   */
  public static boolean isDigit(String s) {
    if (s.isEmpty()) return false;
    return s.codePoints().allMatch(cp -> switch (Character.getType(cp)) {
      case Character.DECIMAL_DIGIT_NUMBER -> true;
      case Character.OTHER_NUMBER -> Character.getNumericValue(cp) >= 0 && Character.getNumericValue(cp) <= 9;
      default -> false;
    });
  }
}
