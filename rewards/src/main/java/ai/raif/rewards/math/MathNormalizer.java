package ai.raif.rewards.math;

import java.util.List;
import java.util.Map;

/**
 * Canonical string form of a math answer, after the Qwen math toolkit's {@code strip_string} (raif-spec §3.6), so
 * that presentation differences are not counted as errors: LaTeX spacing and sizing ({@code \left}, {@code \!},
 * {@code \,}), {@code dfrac}/{@code tfrac}, dollar signs, degree marks, percent signs, trailing periods, text wrappers,
 * unit suffixes ({@code 5\text{ cm}}, {@code 5 meters}), a short left-hand side ({@code x = 5}) and all spaces.
 * It is only ever applied to short strings (see {@link MathEquivalence#MAX_ANSWER_CHARS}).
 */
final class MathNormalizer {
  private static final Map<String, String> UNICODE = Map.ofEntries(
      Map.entry("\u2212", "-"), Map.entry("\u03c0", "\\pi "), Map.entry("\u221e", "\\infty "),
      Map.entry("\u00d7", "\\times "), Map.entry("\u00b7", "\\cdot "), Map.entry("\u22c5", "\\cdot "),
      Map.entry("\u00f7", "\\div "), Map.entry("\u221a", "\\sqrt "), Map.entry("\u00b0", "^\\circ "),
      Map.entry("\u222a", "\\cup "), Map.entry("\u2264", "\\le "), Map.entry("\u2265", "\\ge "));
  /** Removed outright: spacing commands, math-mode delimiters and sizing. Longer forms first. */
  private static final List<String> DROPPED = List.of("\\displaystyle", "\\qquad", "\\quad", "\\!", "\\,", "\\;",
      "\\:", "\\ ", "~", "\\$", "$", "\\(", "\\)", "\\[", "\\]", "^{\\circ}", "^\\circ", "\\circ", "\\degree", "\\%",
      "%");
  /** Commands whose argument is kept and whose name is dropped. */
  private static final List<String> WRAPPERS =
      List.of("\\text", "\\textbf", "\\textit", "\\textrm", "\\mathrm", "\\mathbf", "\\mathit", "\\mbox", "\\boxed");
  private static final Map<String, String> RENAMED = Map.ofEntries(Map.entry("\\dfrac", "\\frac"),
      Map.entry("\\tfrac", "\\frac"), Map.entry("\\cfrac", "\\frac"), Map.entry("\\dbinom", "\\binom"),
      Map.entry("\\tbinom", "\\binom"), Map.entry("\\leq", "\\le"), Map.entry("\\geq", "\\ge"),
      Map.entry("\\neq", "\\ne"), Map.entry("\\lbrace", "{"), Map.entry("\\rbrace", "}"), Map.entry("\\{", "{"),
      Map.entry("\\}", "}"), Map.entry("infinity", "\\infty"));

  private MathNormalizer() {}

  static String normalize(String answer) {
    String s = answer.replace("\n", " ").replace("\r", " ").strip();
    for (Map.Entry<String, String> e : UNICODE.entrySet()) s = s.replace(e.getKey(), e.getValue());
    s = stripTrailingPeriods(s);
    s = removeSizing(s);
    for (Map.Entry<String, String> e : RENAMED.entrySet()) s = s.replace(e.getKey(), e.getValue());
    s = dropTrailingTextUnit(s);
    for (String d : DROPPED) s = s.replace(d, "");
    for (String w : WRAPPERS) s = unwrap(s, w);
    s = dropTrailingWordUnit(s.strip());
    s = s.replace(" ", "");
    s = dropShortLeftHandSide(s);
    s = stripTrailingPeriods(s);
    return s.equals("inf") ? "\\infty" : s;
  }

  private static String stripTrailingPeriods(String s) {
    String t = s.strip();
    while (t.endsWith(".")) t = t.substring(0, t.length() - 1).strip();
    return t;
  }

  /** {@code \left(} → {@code (}; {@code \rightarrow} is a different command and stays. */
  private static String removeSizing(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      int skip = sizingCommandAt(s, i);
      if (skip > 0) {
        i += skip;
      } else {
        out.append(s.charAt(i++));
      }
    }
    return out.toString();
  }

  private static int sizingCommandAt(String s, int i) {
    for (String command : new String[] {"\\left", "\\right"}) {
      int end = i + command.length();
      if (s.startsWith(command, i) && (end == s.length() || !Character.isLetter(s.charAt(end)))) {
        return command.length();
      }
    }
    return 0;
  }

  /** {@code 5\text{ cm}} → {@code 5}: a trailing text group after something else is a unit. */
  private static String dropTrailingTextUnit(String s) {
    for (String command : List.of("\\text", "\\mbox", "\\mathrm")) {
      int at = s.lastIndexOf(command + "{");
      if (at <= 0) continue;
      int close = matchingBrace(s, at + command.length());
      String before = s.substring(0, at).strip();
      if (close == s.length() - 1 && !before.isEmpty() && !before.endsWith("\\")) return before;
    }
    return s;
  }

  /** {@code 12 meters} → {@code 12}: a plain number followed only by words of two or more letters. */
  private static String dropTrailingWordUnit(String s) {
    String[] words = s.split(" +");
    if (words.length < 2 || PlainNumber.parse(words[0]).isEmpty()) return s;
    for (int i = 1; i < words.length; i++) {
      if (words[i].length() < 2 || !words[i].chars().allMatch(Character::isLetter)) return s;
    }
    return words[0];
  }

  /** {@code x=5} → {@code 5}, {@code x\in[1,2]} → {@code [1,2]}: a variable name on the left is not the answer. */
  private static String dropShortLeftHandSide(String s) {
    int eq = s.indexOf('=');
    if (eq > 0 && eq <= 2 && isVariableName(s.substring(0, eq)) && s.indexOf('=', eq + 1) < 0) {
      return s.substring(eq + 1);
    }
    int in = s.indexOf("\\in");
    if (in > 0 && in <= 2 && isVariableName(s.substring(0, in)) && !s.startsWith("\\infty", in)) {
      return s.substring(in + 3);
    }
    return s;
  }

  /** One letter, optionally followed by a letter or digit: {@code x}, {@code k}, {@code x1}, {@code ab}. */
  private static boolean isVariableName(String lhs) {
    return Character.isLetter(lhs.charAt(0)) && lhs.chars().allMatch(Character::isLetterOrDigit);
  }

  /** Replaces {@code \cmd{x}} by {@code x} everywhere, keeping nested groups balanced. */
  static String unwrap(String s, String command) {
    String open = command + "{";
    int at = s.indexOf(open);
    if (at < 0) return s;
    StringBuilder out = new StringBuilder(s.length());
    int from = 0;
    while (at >= 0) {
      int close = matchingBrace(s, at + command.length());
      if (close < 0) break;
      out.append(s, from, at).append(s, at + open.length(), close);
      from = close + 1;
      at = s.indexOf(open, from);
    }
    return out.append(s, from, s.length()).toString();
  }

  /** Index of the brace closing the one at {@code open}, or −1. */
  static int matchingBrace(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') depth++;
      else if (c == '}' && --depth == 0) return i;
    }
    return -1;
  }
}
