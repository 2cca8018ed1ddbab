package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python {@code str} operations IFEval's checkers rely on, with Python's exact semantics. Java's own
 * {@code strip()}, {@code split("\\s+")} and {@code \w} disagree with Python on NBSP, U+001C..U+001F, U+0085, marks
 * and numbers, and those differences change verdicts.
 */
final class PyStrings {
  // Character predicates and strip() live in ai.raif.rewards.text.PythonUnicode, shared with the NLTK port.
  private PyStrings() {}

  /** Whether {@code s.strip()} is empty. */
  static boolean isBlank(String s) {
    return isBlank(s, 0, s.length());
  }

  /** Whether {@code s[from:to].strip()} is empty. */
  static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) if (!PythonUnicode.isSpace(s.charAt(i))) return false;
    return true;
  }

  /** {@code s.strip(c)}: removes every leading and trailing {@code c}. */
  static String strip(String s, char c) {
    return rstrip(lstrip(s, c), c);
  }

  /** {@code s.lstrip(c)}. */
  static String lstrip(String s, char c) {
    int start = 0;
    while (start < s.length() && s.charAt(start) == c) start++;
    return s.substring(start);
  }

  /** {@code s.rstrip(c)}. */
  static String rstrip(String s, char c) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == c) end--;
    return s.substring(0, end);
  }

  /** {@code s.lower()}; Java's root-locale lower-casing applies the same full mappings (İ, final sigma). */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** {@code s.split(sep)} for a non-empty literal separator: every part is kept, empty ones included. */
  static List<String> split(String s, String sep) {
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
  static String firstWord(String s) {
    int start = 0;
    while (start < s.length() && PythonUnicode.isSpace(s.charAt(start))) start++;
    if (start == s.length()) return null;
    int end = start;
    while (end < s.length() && !PythonUnicode.isSpace(s.charAt(end))) end++;
    return s.substring(start, end);
  }

  /** {@code s.isupper()}: at least one cased character and no lower- or title-case one. */
  static boolean isUpper(String s) {
    return hasOnlyCase(s, true);
  }

  /** {@code s.islower()}: at least one cased character and no upper- or title-case one. */
  static boolean isLower(String s) {
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
}
