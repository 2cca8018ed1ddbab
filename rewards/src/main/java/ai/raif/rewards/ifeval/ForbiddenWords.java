package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.CaseFold;
import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code keywords:forbidden_words}: fails when any word occurs case-insensitively between Python word boundaries
 * ({@code \b}, so "CAT's" contains "cat" but "Concatenate" does not). The reference builds
 * {@code r"\b" + word + r"\b"} unescaped; we search the word literally and test the two boundaries ourselves, the same
 * rule for every word without regex metacharacters (all of IFEval's).
 */
record ForbiddenWords(List<IgnoreCaseLiteral> words) implements Instruction {
  static final List<String> KWARGS = List.of("forbidden_words");

  static ForbiddenWords from(Kwargs kw) {
    return new ForbiddenWords(
        kw.nonEmptyStringList("forbidden_words").stream().map(IgnoreCaseLiteral::of).toList());
  }

  @Override
  public boolean isFollowedBy(String response) {
    String folded = CaseFold.fold(response);
    for (IgnoreCaseLiteral word : words) {
      if (occursAsWord(word, response, folded)) return false;
    }
    return true;
  }

  private static boolean occursAsWord(IgnoreCaseLiteral word, String text, String folded) {
    int from = 0;
    for (long match; from <= text.length() && (match = word.find(text, folded, from)) >= 0; ) {
      int start = IgnoreCaseLiteral.start(match);
      if (isBoundary(text, start) && isBoundary(text, IgnoreCaseLiteral.end(match))) return true;
      // re.search tries every start position, so overlapping candidates must be tried too.
      from = start < text.length() ? text.offsetByCodePoints(start, 1) : start + 1;
    }
    return false;
  }

  /** Python's {@code \b}: a word character on exactly one side of {@code at}. */
  private static boolean isBoundary(String text, int at) {
    boolean before = at > 0 && PythonUnicode.isWordChar(text.codePointBefore(at));
    boolean after = at < text.length() && PythonUnicode.isWordChar(text.codePointAt(at));
    return before != after;
  }
}
