package ai.raif.rewards.text;

/**
 * Characters as Java's {@code CASE_INSENSITIVE | UNICODE_CASE} matching compares them: a literal pattern character p
 * matches a text character c when lower(upper(c)) equals lower(upper(p)). Folding a text once turns case-insensitive
 * literal searches into plain {@code indexOf} searches with the same match positions (for literals without
 * surrogates; CaseFoldTest checks the properties this relies on over all of Unicode).
 */
public final class CaseFold {
  private CaseFold() {}

  /** Every char c as (char) lower(upper(c)); ASCII letters simply lower-cased. Same length, same indexes. */
  public static String fold(String text) {
    char[] folded = new char[text.length()];
    for (int i = 0; i < folded.length; i++) folded[i] = fold(text.charAt(i));
    return new String(folded);
  }

  public static char fold(char c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    return Character.toLowerCase(Character.toUpperCase(c));
  }
}
