package ai.raif.rewards.ifeval;

import java.util.regex.Pattern;

/**
 * Java regex fragments with the meaning of Python {@code re}'s classes for str patterns. Java's {@code \s} and
 * {@code \d} are ASCII-only (and {@code UNICODE_CHARACTER_CLASS} defines them differently again), so patterns ported
 * from IFEval spell the classes out.
 */
public final class PyRegex {
  private PyRegex() {}

  /** The members of Python's {@code \s} as the inside of a character class, to combine with others. */
  public static final String SPACE_MEMBERS =
      "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

  /** Python {@code \s}: exactly the code points for which {@code str.isspace()} holds (see {@link PyStrings}). */
  public static final String SPACE = "[" + SPACE_MEMBERS + "]";

  /** The members of Python's {@code \w} for str patterns ({@code str.isalnum()} or '_') inside a character class. */
  public static final String WORD_MEMBERS = "\\p{L}\\p{N}_";

  /** Python {@code \w}. */
  public static final String WORD = "[" + WORD_MEMBERS + "]";

  /** Python {@code \W}. */
  public static final String NOT_WORD = "[^" + WORD_MEMBERS + "]";

  /** Python {@code \d}: Unicode decimal digits (Arabic-Indic, Devanagari, ... count). */
  public static final String DIGIT = "\\p{Nd}";

  /** A case-insensitive literal search: Python's {@code re.IGNORECASE} on a pattern without metacharacters. */
  static Pattern literalIgnoreCase(String literal) {
    return Pattern.compile(Pattern.quote(literal), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
