package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.CaseFold;
import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code keywords:frequency}: the number of non-overlapping, case-insensitive occurrences of the (stripped) keyword,
 * substrings included ("war" counts in "software"), compared with the relation. The reference counts with an unescaped
 * {@code re.findall}; we count the literal, the same for any keyword without regex metacharacters (all of IFEval's).
 */
record KeywordFrequency(String keyword, IgnoreCaseLiteral literal, long frequency, Relation relation) implements Instruction {
  static final List<String> KWARGS = List.of("keyword", "frequency", "relation");

  static KeywordFrequency from(Kwargs kw) {
    String keyword = PythonUnicode.strip(kw.nonEmptyString("keyword"));
    return new KeywordFrequency(
        keyword, IgnoreCaseLiteral.of(keyword), kw.count("frequency"), kw.relation("relation"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return relation.holds(occurrences(response), frequency);
  }

  private long occurrences(String response) {
    // An all-whitespace keyword strips to "", which re.findall matches at every code point boundary (Java's empty
    // matches would also stop inside surrogate pairs).
    if (keyword.isEmpty()) return response.codePointCount(0, response.length()) + 1L;
    String folded = CaseFold.fold(response);
    long n = 0;
    for (long match = literal.find(response, folded, 0); match >= 0; ) {
      n++;
      int end = IgnoreCaseLiteral.end(match);
      match = end <= response.length() ? literal.find(response, folded, end) : -1;
    }
    return n;
  }
}
