package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code detectable_format:number_bullet_lists}: exactly {@code num_bullets} matches of {@code ^\s*\*[^\*].*$} plus
 * {@code ^\s*-.*$} (MULTILINE). Faithful to the regexes: the leading whitespace may span blank lines, {@code [^\*]} may
 * be a newline (a lone "*" line followed by text counts), {@code ---} rules and "-5 degrees" count, a line starting
 * with {@code **bold**} does not. Matched by a linear scan: the regexes restart at every line of a blank run, which is
 * quadratic on long runs.
 */
record BulletLists(long bullets) implements Instruction {
  static final List<String> KWARGS = List.of("num_bullets");

  static BulletLists from(Kwargs kw) {
    return new BulletLists(kw.count("num_bullets"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return count(response, true) + count(response, false) == bullets;
  }

  /** Non-overlapping matches of the star pattern ({@code star}) or of the dash pattern, as {@code re.findall}. */
  private static long count(String text, boolean star) {
    int n = text.length();
    long matches = 0;
    int firstNonSpace = -1;
    int lineStart = 0;
    while (lineStart <= n) {
      // \s* is greedy and whitespace is never "*" or "-", so only the first non-space after ^ decides. It is the
      // same for every line start inside one blank run, hence the cached position.
      if (firstNonSpace < lineStart) {
        firstNonSpace = lineStart;
        while (firstNonSpace < n && PythonUnicode.isSpace(text.charAt(firstNonSpace))) firstNonSpace++;
      }
      int q = firstNonSpace;
      int restOfLine = -1;
      if (star && q + 1 < n && text.charAt(q) == '*' && text.charAt(q + 1) != '*') {
        restOfLine = q + 2;
      } else if (!star && q < n && text.charAt(q) == '-') {
        restOfLine = q + 1;
      }
      int searchFrom;
      if (restOfLine >= 0) {
        matches++;
        // ".*$" runs to the next "\n"; the next search starts there.
        int end = text.indexOf('\n', restOfLine);
        searchFrom = end < 0 ? n : end;
      } else {
        searchFrom = lineStart + 1;
      }
      lineStart = nextLineStart(text, searchFrom);
    }
    return matches;
  }

  /** The first position at or after {@code from} where MULTILINE {@code ^} matches, or past the end when none. */
  private static int nextLineStart(String text, int from) {
    if (from == 0 || (from <= text.length() && text.charAt(from - 1) == '\n')) return from;
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() + 1 : nl + 1;
  }
}
