package ai.raif.rewards.ifeval;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code keywords:existence}: every keyword occurs, case-insensitively, anywhere (a substring: "cat" is found in
 * "Concatenate"). The reference passes each keyword to {@code re.search} unescaped; we search it literally, which is
 * the same rule for every keyword without regex metacharacters (all of IFEval's), and it cannot fail or backtrack on
 * others.
 */
record KeywordExistence(List<Pattern> keywords) implements Instruction {
  static final List<String> KWARGS = List.of("keywords");

  static KeywordExistence from(Kwargs kw) {
    return new KeywordExistence(
        kw.nonEmptyStringList("keywords").stream().map(PyRegex::literalIgnoreCase).toList());
  }

  @Override
  public boolean isFollowedBy(String response) {
    return keywords.stream().allMatch(k -> k.matcher(response).find());
  }
}
