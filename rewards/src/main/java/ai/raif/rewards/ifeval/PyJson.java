package ai.raif.rewards.ifeval;

/**
 * Whether Python 3.11's {@code json.loads(text)} succeeds, without building the value. Python accepts any top-level
 * value, {@code NaN}, {@code Infinity}, {@code -Infinity}, huge floats and duplicate keys; it rejects a leading BOM,
 * trailing data, control characters inside strings, single quotes, comments, and (a ValueError since Python 3.11)
 * integer literals of more than 4300 digits. Jackson differs on several of these, hence this small validator.
 *
 * <p>Known difference: Python raises RecursionError (not ValueError, so the reference crashes) on nesting deeper than
 * about 990 levels; this answers false beyond {@value #MAX_DEPTH} levels.
 */
final class PyJson {
  static final int MAX_DEPTH = 1000;
  private static final int MAX_INT_DIGITS = 4300;

  private final String s;
  private int pos;

  private PyJson(String s) {
    this.s = s;
  }

  static boolean isValid(String text) {
    PyJson p = new PyJson(text);
    p.skipWhitespace();
    if (!p.value(0)) return false;
    p.skipWhitespace();
    return p.pos == text.length();
  }

  private boolean value(int depth) {
    if (pos >= s.length()) return false;
    char c = s.charAt(pos);
    return switch (c) {
      case '"' -> string();
      case '{' -> depth < MAX_DEPTH && object(depth + 1);
      case '[' -> depth < MAX_DEPTH && array(depth + 1);
      case 'n' -> literal("null");
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'N' -> literal("NaN");
      case 'I' -> literal("Infinity");
      default -> s.startsWith("-Infinity", pos) ? literal("-Infinity") : number();
    };
  }

  private boolean object(int depth) {
    pos++;
    skipWhitespace();
    if (peek('}')) return true;
    while (true) {
      if (pos >= s.length() || s.charAt(pos) != '"' || !string()) return false;
      skipWhitespace();
      if (!peek(':')) return false;
      skipWhitespace();
      if (!value(depth)) return false;
      skipWhitespace();
      if (peek('}')) return true;
      if (!peek(',')) return false;
      skipWhitespace();
    }
  }

  private boolean array(int depth) {
    pos++;
    skipWhitespace();
    if (peek(']')) return true;
    while (true) {
      if (!value(depth)) return false;
      skipWhitespace();
      if (peek(']')) return true;
      if (!peek(',')) return false;
      skipWhitespace();
    }
  }

  /** A string starting at the opening quote; strict mode: no raw control characters. */
  private boolean string() {
    pos++;
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (pos >= s.length()) return false;
        char e = s.charAt(pos++);
        if (e == 'u') {
          for (int i = 0; i < 4; i++, pos++) {
            if (pos >= s.length() || !isHexDigit(s.charAt(pos))) return false;
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?} with ASCII digits. A partial fraction or exponent is left
   * unconsumed and then fails as trailing data, as in Python.
   */
  private boolean number() {
    if (pos < s.length() && s.charAt(pos) == '-') pos++;
    int intStart = pos;
    if (pos < s.length() && s.charAt(pos) == '0') {
      pos++; // a leading zero stands alone: "01" is 0 followed by trailing data
    } else if (pos < s.length() && s.charAt(pos) >= '1' && s.charAt(pos) <= '9') {
      skipDigits();
    } else {
      return false;
    }
    int intDigits = pos - intStart;
    boolean isFloat = false;
    if (pos + 1 < s.length() && s.charAt(pos) == '.' && isDigit(s.charAt(pos + 1))) {
      pos++;
      skipDigits();
      isFloat = true;
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
      if (pos < s.length() && isDigit(s.charAt(pos))) {
        skipDigits();
        isFloat = true;
      } else {
        pos = save;
      }
    }
    // Python 3.11 refuses int("...") beyond 4300 digits with a ValueError, which json.loads passes on.
    return isFloat || intDigits <= MAX_INT_DIGITS;
  }

  private boolean literal(String word) {
    if (!s.startsWith(word, pos)) return false;
    pos += word.length();
    return true;
  }

  private boolean peek(char c) {
    if (pos < s.length() && s.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void skipDigits() {
    while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
  }

  private void skipWhitespace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
