package ai.raif.rewards.math;

import java.util.OptionalDouble;

/**
 * Parses a plain decimal number: optional sign, digits with optional thousands separators in groups of three
 * ({@code 1,234,567}), optional fraction, optional exponent ({@code 6.02e23}). Anything else, e.g. {@code 1,2} or
 * {@code \frac{1}{2}}, is not a plain number. A scanner rather than a regex keeps it linear on any input.
 */
final class PlainNumber {
  private PlainNumber() {}

  static OptionalDouble parse(String text) {
    String s = text.strip();
    int i = 0;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
    int intStart = i;
    StringBuilder digits = new StringBuilder(s.length());
    int group = 0;
    boolean separated = false;
    while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == ',')) {
      char c = s.charAt(i);
      if (c == ',') {
        // a separator needs 1-3 digits before the first one and exactly 3 between later ones
        if (group == 0 || group > 3 || (separated && group != 3)) return OptionalDouble.empty();
        separated = true;
        group = 0;
      } else {
        digits.append(c);
        group++;
      }
      i++;
    }
    if (separated && group != 3) return OptionalDouble.empty();
    boolean hasInt = i > intStart;
    boolean hasFraction = false;
    if (i < s.length() && s.charAt(i) == '.') {
      int fracStart = ++i;
      while (i < s.length() && isDigit(s.charAt(i))) i++;
      hasFraction = i > fracStart;
      digits.append('.').append(s, fracStart, i);
    }
    if (!hasInt && !hasFraction) return OptionalDouble.empty();
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int expStart = ++i;
      if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
      int expDigits = i;
      while (i < s.length() && isDigit(s.charAt(i))) i++;
      if (i == expDigits) return OptionalDouble.empty();
      digits.append('e').append(s, expStart, i);
    }
    if (i != s.length()) return OptionalDouble.empty();
    double value = Double.parseDouble(digits.toString());
    return OptionalDouble.of(s.charAt(0) == '-' ? -value : value);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
