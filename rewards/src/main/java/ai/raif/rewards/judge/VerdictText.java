package ai.raif.rewards.judge;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a YES/NO verdict from a judge's text, for judges that can only be asked to generate (no log-probs).
 * The verdict must open the reply: a judge that starts explaining has not answered.
 */
public final class VerdictText {
  private VerdictText() {}

  /**
   * YES ({@code true}) or NO ({@code false}) when the completion opens with {@code yes}/{@code no} (any case, as a
   * whole word) or {@code 是}/{@code 否}, after any leading whitespace and punctuation ({@code "**YES(是)**"},
   * {@code " 'No.'"}); empty otherwise ({@code "Yesterday"}, {@code "Not sure"}, {@code "The answer is YES"}).
   */
  public static Optional<Boolean> parse(String completion) {
    if (completion == null) return Optional.empty();
    int i = 0;
    while (i < completion.length()) {
      int cp = completion.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) break;
      i += Character.charCount(cp);
    }
    return opening(completion.substring(i));
  }

  /**
   * The verdict a single generated token starts, for reading top log-probs: the token, stripped of whitespace, is
   * {@code yes}/{@code no} or begins with one of them as a word, or begins with {@code 是}/{@code 否}, or is a
   * proper prefix of {@code yes}/{@code no} ({@code "Y"}, {@code "Ye"}, {@code "N"}), since tokenizers split words.
   */
  public static Optional<Boolean> tokenVerdict(String token) {
    if (token == null) return Optional.empty();
    String t = token.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) return Optional.empty();
    if ("yes".startsWith(t)) return Optional.of(true);
    if ("no".startsWith(t)) return Optional.of(false);
    return opening(t);
  }

  private static Optional<Boolean> opening(String s) {
    if (startsWithWord(s, "yes") || s.startsWith("是")) return Optional.of(true);
    if (startsWithWord(s, "no") || s.startsWith("否")) return Optional.of(false);
    return Optional.empty();
  }

  /** {@code word} (case-insensitive) followed by the end or by anything but a Latin-script letter or a digit. */
  private static boolean startsWithWord(String s, String word) {
    if (!s.regionMatches(true, 0, word, 0, word.length())) return false;
    if (s.length() == word.length()) return true;
    int next = s.codePointAt(word.length());
    boolean latinOrDigit = Character.isDigit(next)
        || Character.isLetter(next) && Character.UnicodeScript.of(next) == Character.UnicodeScript.LATIN;
    return !latinOrDigit;
  }
}
