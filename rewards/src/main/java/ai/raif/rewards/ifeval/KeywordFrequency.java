package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code keywords:frequency}: the number of non-overlapping, case-insensitive occurrences of the (stripped) keyword,
 * substrings included ("war" counts in "software"), compared with the relation. The reference counts with an unescaped
 * {@code re.findall}; we count the literal, the same for any keyword without regex metacharacters (all of IFEval's).
 */
record KeywordFrequency(String keyword, Pattern literal, long frequency, Relation relation) implements Instruction {
  static final List<String> KWARGS = List.of("keyword", "frequency", "relation");

  static KeywordFrequency from(Kwargs kw) {
    String keyword = PythonUnicode.strip(kw.nonEmptyString("keyword"));
    return new KeywordFrequency(
        keyword, PyRegex.literalIgnoreCase(keyword), kw.count("frequency"), kw.relation("relation"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return relation.holds(occurrences(response), frequency);
  }

  private long occurrences(String response) {
    // An all-whitespace keyword strips to "", which re.findall matches at every code point boundary (Java's empty
    // matches would also stop inside surrogate pairs).
    if (keyword.isEmpty()) return response.codePointCount(0, response.length()) + 1L;
    Matcher m = literal.matcher(response);
    long n = 0;
    while (m.find()) n++;
    return n;
  }
}
