package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.CaseFold;
import java.util.List;

/**
 * {@code keywords:existence}: every keyword occurs, case-insensitively, anywhere (a substring: "cat" is found in
 * "Concatenate"). The reference passes each keyword to {@code re.search} unescaped; we search it literally, which is
 * the same rule for every keyword without regex metacharacters (all of IFEval's), and it cannot fail or backtrack on
 * others.
 */
record KeywordExistence(List<IgnoreCaseLiteral> keywords) implements Instruction {
  static final List<String> KWARGS = List.of("keywords");

  static KeywordExistence from(Kwargs kw) {
    return new KeywordExistence(
        kw.nonEmptyStringList("keywords").stream().map(IgnoreCaseLiteral::of).toList());
  }

  @Override
  public boolean isFollowedBy(String response) {
    String folded = CaseFold.fold(response);
    for (IgnoreCaseLiteral keyword : keywords) {
      if (keyword.find(response, folded, 0) < 0) return false;
    }
    return true;
  }
}
