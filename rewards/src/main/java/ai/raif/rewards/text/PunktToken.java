package ai.raif.rewards.text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A word token with the annotations Punkt's two passes put on it (NLTK's PunktToken, tokenize path only). Tokens come
 * from one line, so they never contain "\n" and Python's {@code $} is simply the end of the token.
 */
final class PunktToken {
  static final String NUMBER_TYPE = "##number##";
  private static final Pattern NUMERIC =
      Pattern.compile("-?[.,]?" + PythonUnicode.DIGIT + "[" + PythonUnicode.DIGIT + ",.\\-]*\\.?");

  final String tok;
  /** The case-normalised token, with numbers collapsed to ##number##. */
  final String type;
  final boolean periodFinal;
  boolean sentbreak;
  boolean abbr;
  boolean ellipsis;

  PunktToken(String tok) {
    this.tok = tok;
    String lower = tok.toLowerCase(Locale.ROOT);
    this.type = mayBeNumber(lower) && NUMERIC.matcher(lower).matches() ? NUMBER_TYPE : lower;
    this.periodFinal = tok.endsWith(".");
  }

  String typeNoPeriod() {
    return type.length() > 1 && type.endsWith(".") ? type.substring(0, type.length() - 1) : type;
  }

  String typeNoSentperiod() {
    return sentbreak ? typeNoPeriod() : type;
  }

  boolean firstUpper() {
    return PythonUnicode.isUpper(tok.codePointAt(0));
  }

  boolean firstLower() {
    return PythonUnicode.isLower(tok.codePointAt(0));
  }

  /** \.\.+$ : two or more periods and nothing else. */
  boolean isEllipsis() {
    return tok.length() >= 2 && tok.chars().allMatch(c -> c == '.');
  }

  /** [^\W\d]\.$ : one word character that is not a decimal digit, then a period. */
  boolean isInitial() {
    if (!periodFinal || tok.codePointCount(0, tok.length()) != 2) return false;
    int first = tok.codePointAt(0);
    return PythonUnicode.isWordChar(first) && !Character.isDigit(first);
  }

  /** Cheap test for the NUMERIC regex's start: a decimal digit after an optional '-' and an optional '.' or ','. */
  private static boolean mayBeNumber(String s) {
    int i = 0;
    if (i < s.length() && s.charAt(i) == '-') i++;
    if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) i++;
    return i < s.length() && Character.isDigit(s.codePointAt(i));
  }
}
