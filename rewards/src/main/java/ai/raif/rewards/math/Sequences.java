package ai.raif.rewards.math;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits answers that are sequences: {@code (1,2]}, {@code \{1,2\}}, {@code 1,2}, {@code A\cup B}, {@code a=b}.
 * Bracket depth counts {@code ( [ \{} together, because an interval may open with one and close with another.
 */
final class Sequences {
  private Sequences() {}

  /** A sequence wrapped in one pair of brackets. */
  record Bracketed(char open, char close, List<String> items) {
    boolean isSet() {
      return open == '{' && close == '}';
    }
  }

  /** The bracketed sequence {@code s} is, or null when its first and last characters do not enclose all of it. */
  static Bracketed bracketed(String s) {
    if (s.length() < 2 || "([{".indexOf(s.charAt(0)) < 0 || ")]}".indexOf(s.charAt(s.length() - 1)) < 0) return null;
    String inner = s.substring(1, s.length() - 1);
    if (!balanced(inner)) return null;
    return new Bracketed(s.charAt(0), s.charAt(s.length() - 1), splitTopLevel(inner, ","));
  }

  /** {@code s} split at occurrences of {@code separator} outside brackets; {@code [s]} when unbalanced. */
  static List<String> splitTopLevel(String s, String separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (--depth < 0) return List.of(s);
      } else if (depth == 0 && s.startsWith(separator, i)) {
        parts.add(s.substring(from, i));
        from = i + separator.length();
        i = from - 1;
      }
    }
    if (depth != 0) return List.of(s);
    parts.add(s.substring(from));
    return parts;
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') depth++;
      else if ((c == ')' || c == ']' || c == '}') && --depth < 0) return false;
    }
    return depth == 0;
  }
}
