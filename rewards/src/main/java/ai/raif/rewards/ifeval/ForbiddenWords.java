package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code keywords:forbidden_words}: fails when any word occurs case-insensitively between Python word boundaries
 * ({@code \b}, so "CAT's" contains "cat" but "Concatenate" does not). The reference builds
 * {@code r"\b" + word + r"\b"} unescaped; we search the word literally and test the two boundaries ourselves, the same
 * rule for every word without regex metacharacters (all of IFEval's).
 */
record ForbiddenWords(List<Pattern> words) implements Instruction {
  static final List<String> KWARGS = List.of("forbidden_words");

  static ForbiddenWords from(Kwargs kw) {
    return new ForbiddenWords(
        kw.nonEmptyStringList("forbidden_words").stream().map(PyRegex::literalIgnoreCase).toList());
  }

  @Override
  public boolean isFollowedBy(String response) {
    return words.stream().noneMatch(w -> occursAsWord(w, response));
  }

  private static boolean occursAsWord(Pattern word, String text) {
    Matcher m = word.matcher(text);
    int from = 0;
    while (from <= text.length() && m.find(from)) {
      int start = m.start();
      if (isBoundary(text, start) && isBoundary(text, m.end())) return true;
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
