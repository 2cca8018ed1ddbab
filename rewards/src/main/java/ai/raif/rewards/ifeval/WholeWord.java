package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.CaseFold;
import ai.raif.rewards.text.PythonUnicode;

/**
 * A literal found only between Python word boundaries: {@code re.search(r"\b" + re.escape(word) + r"\b", text)},
 * case-insensitive ({@code re.IGNORECASE}) or not. {@code \b} is Python's, built on its Unicode {@code \w}.
 */
public final class WholeWord {
  private final IgnoreCaseLiteral ignoreCase;
  private final String exact;

  private WholeWord(IgnoreCaseLiteral ignoreCase, String exact) {
    this.ignoreCase = ignoreCase;
    this.exact = exact;
  }

  public static WholeWord ignoringCase(String word) {
    return new WholeWord(IgnoreCaseLiteral.of(word), null);
  }

  public static WholeWord exact(String word) {
    return new WholeWord(null, word);
  }

  public boolean occursIn(String text) {
    return occursIn(text, ignoreCase == null ? text : CaseFold.fold(text));
  }

  /** As {@link #occursIn(String)}, with {@code folded} = {@link CaseFold#fold}(text) computed once by the caller. */
  boolean occursIn(String text, String folded) {
    int from = 0;
    for (long match; from <= text.length() && (match = find(text, folded, from)) >= 0; ) {
      int start = IgnoreCaseLiteral.start(match);
      if (isBoundary(text, start) && isBoundary(text, IgnoreCaseLiteral.end(match))) return true;
      // re.search tries every start position, so overlapping candidates must be tried too.
      from = start < text.length() ? text.offsetByCodePoints(start, 1) : start + 1;
    }
    return false;
  }

  private long find(String text, String folded, int from) {
    if (ignoreCase != null) return ignoreCase.find(text, folded, from);
    int start = text.indexOf(exact, from);
    return start < 0 ? -1 : (long) start << 32 | (start + exact.length());
  }

  /** Python's {@code \b}: a word character on exactly one side of {@code at}. */
  private static boolean isBoundary(String text, int at) {
    boolean before = at > 0 && PythonUnicode.isWordChar(text.codePointBefore(at));
    boolean after = at < text.length() && PythonUnicode.isWordChar(text.codePointAt(at));
    return before != after;
  }
}
