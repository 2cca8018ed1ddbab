package ai.raif.rewards.ifeval;

import java.util.List;

/**
 * {@code keywords:letter_frequency}: how often the letter occurs in the lower-cased response (code points, so "EEe"
 * has three e's), compared with the relation.
 *
 * <p>Known difference: for a single character outside a–z (keys 1122 "#" and 1129 "!" in IFEval's data) the reference
 * scores {@code random.choice(string.ascii_letters)}, a random verdict. We count the character itself, as newer
 * upstream versions do. Letters that are empty, longer than one character, or lower-case to several are rejected.
 */
record LetterFrequency(int letter, long frequency, Relation relation) implements Instruction {
  static final List<String> KWARGS = List.of("letter", "let_frequency", "let_relation");

  static LetterFrequency from(Kwargs kw) {
    String letter = kw.nonEmptyString("letter");
    if (letter.codePointCount(0, letter.length()) != 1) {
      throw kw.invalid("letter", "must be a single character, got \"" + letter + "\"");
    }
    String lower = PyStrings.lower(letter);
    if (lower.codePointCount(0, lower.length()) != 1) {
      throw kw.invalid("letter", "lower-cases to more than one character: \"" + letter + "\"");
    }
    return new LetterFrequency(lower.codePointAt(0), kw.count("let_frequency"), kw.relation("let_relation"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    long n = PyStrings.lower(response).codePoints().filter(cp -> cp == letter).count();
    return relation.holds(n, frequency);
  }
}
