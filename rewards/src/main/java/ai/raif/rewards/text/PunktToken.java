package ai.raif.rewards.text;

import java.util.Locale;
import java.util.regex.Pattern;

/** A word token with the annotations Punkt's two passes put on it (NLTK's PunktToken, tokenize path only). */
final class PunktToken {
  static final String NUMBER_TYPE = "##number##";
  private static final Pattern ELLIPSIS = Pattern.compile("\\.\\.+$", Pattern.UNIX_LINES);
  private static final Pattern NUMERIC =
      Pattern.compile("^-?[.,]?" + PythonUnicode.DIGIT + "[" + PythonUnicode.DIGIT + ",.\\-]*\\.?$", Pattern.UNIX_LINES);
  /** [^\W\d]\.$ : one word character that is not a digit, then the period. */
  private static final Pattern INITIAL =
      Pattern.compile("[" + PythonUnicode.WORD + "&&[^" + PythonUnicode.DIGIT + "]]\\.$", Pattern.UNIX_LINES);

  final String tok;
  /** The case-normalised token, with numbers collapsed to ##number##. */
  final String type;
  final boolean periodFinal;
  boolean sentbreak;
  boolean abbr;
  boolean ellipsis;

  PunktToken(String tok) {
    this.tok = tok;
    this.type = NUMERIC.matcher(tok.toLowerCase(Locale.ROOT)).replaceAll(NUMBER_TYPE);
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

  boolean isEllipsis() {
    return ELLIPSIS.matcher(tok).lookingAt();
  }

  boolean isInitial() {
    return INITIAL.matcher(tok).lookingAt();
  }
}
