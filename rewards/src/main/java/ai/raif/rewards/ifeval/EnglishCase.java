package ai.raif.rewards.ifeval;

import java.util.List;

/**
 * {@code change_case:english_capital} / {@code change_case:english_lowercase}: Python's {@code isupper()} /
 * {@code islower()} holds for the whole response (so it needs at least one cased letter: "123" fails) and langdetect
 * finds English, or finds nothing at all, as in the reference.
 */
record EnglishCase(boolean upper) implements Instruction {
  static final List<String> KWARGS = List.of();
  static final EnglishCase CAPITAL = new EnglishCase(true);
  static final EnglishCase LOWERCASE = new EnglishCase(false);

  @Override
  public boolean isFollowedBy(String response) {
    boolean cased = upper ? PyStrings.isUpper(response) : PyStrings.isLower(response);
    return cased && DetectedLanguage.isOrUndetectable(response, "en");
  }
}
