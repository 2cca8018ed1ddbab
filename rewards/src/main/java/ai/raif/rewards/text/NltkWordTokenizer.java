package ai.raif.rewards.text;

import static ai.raif.rewards.text.PythonUnicode.DIGIT;
import static ai.raif.rewards.text.PythonUnicode.SPACE;
import static ai.raif.rewards.text.PythonUnicode.WORD;

import java.util.List;

/**
 * NLTK 3.10.3's {@code NLTKWordTokenizer.tokenize(sentence)} (the "improved Treebank" tokenizer behind
 * {@code word_tokenize}, convert_parentheses off): the same regex cascade in the same order, then {@code split()}.
 * The Python patterns are kept as written, with Python's {@code \w \s \d \b} spelled out (see {@link PythonUnicode}).
 */
final class NltkWordTokenizer {
  /** Python's {@code \b} right after a word character, i.e. "no word character follows". */
  private static final String END_OF_WORD = "(?!" + WORD + ")";

  private static final List<RegexRule> STARTING_QUOTES = List.of(
      RegexRule.of("([«“‘„]|[`]+)", "«“‘„`", m -> " " + m.group(1) + " "),
      RegexRule.of("^\"", "\"", m -> "``"),
      RegexRule.of("(``)", "`", m -> " " + m.group(1) + " "),
      RegexRule.of("([ (\\[{<])(\"|'{2})", "\"'", m -> m.group(1) + " `` "),
      // (?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)
      RegexRule.ignoreCase("(')(?!(?:re|ve|ll|m|t|s|d|n)" + END_OF_WORD + ")(?=" + WORD + ")", "'",
          m -> m.group(1) + " ", true));

  private static final List<RegexRule> PUNCTUATION = List.of(
      RegexRule.of("([^.])(\\.)([\\])}>\"'»”’ ]*)" + SPACE + "*$", ".",
          m -> m.group(1) + " " + m.group(2) + " " + m.group(3) + " "),
      RegexRule.of("([:,])([^" + DIGIT + "])", ":,", m -> " " + m.group(1) + " " + m.group(2)),
      RegexRule.of("([:,])$", ":,", m -> " " + m.group(1) + " "),
      RegexRule.of("\\.{2,}", ".", m -> " " + m.group() + " "),
      RegexRule.of("[;@#$%&]", ";@#$%&", m -> " " + m.group() + " "),
      RegexRule.of("[\\x{2012}-\\x{2015}]", "\u2012\u2013\u2014\u2015", m -> " " + m.group() + " "),
      RegexRule.of("([^.])(\\.)([\\])}>\"']*)" + SPACE + "*$", ".",
          m -> m.group(1) + " " + m.group(2) + m.group(3) + " "),
      RegexRule.of("[?!]", "?!", m -> " " + m.group() + " "),
      RegexRule.of("([^'])' ", "'", m -> m.group(1) + " ' "),
      RegexRule.of("[*]", "*", m -> " " + m.group() + " "));

  private static final RegexRule PARENS_BRACKETS =
      RegexRule.of("[\\]\\[(){}<>]", "[](){}<>", m -> " " + m.group() + " ");
  private static final RegexRule DOUBLE_DASHES = RegexRule.of("--", "-", m -> " -- ");

  private static final List<RegexRule> ENDING_QUOTES = List.of(
      RegexRule.of("([»”’])", "»”’", m -> " " + m.group(1) + " "),
      RegexRule.of("''", "'", m -> " '' "),
      RegexRule.of("\"", "\"", m -> " '' "),
      RegexRule.of(SPACE + "+", "", m -> " "),
      RegexRule.of("([^' ])('[sS]|'[mM]|'[dD]|') ", "'", m -> m.group(1) + " " + m.group(2) + " "),
      RegexRule.of("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "'", m -> m.group(1) + " " + m.group(2) + " "));

  /**
   * MacIntyre's CONTRACTIONS2 then CONTRACTIONS3; each Python pattern is (?i) and starts and/or ends with \b. The
   * triggers hold case variants too: under Python's and Java's Unicode (?i), n/m/t/' match only themselves and N/M/T.
   */
  private static final List<RegexRule> CONTRACTIONS = List.of(
      contraction2("(can)(not)" + END_OF_WORD, "nN"),
      contraction2("(d)('ye)" + END_OF_WORD, "'"),
      contraction2("(gim)(me)" + END_OF_WORD, "mM"),
      contraction2("(gon)(na)" + END_OF_WORD, "nN"),
      contraction2("(got)(ta)" + END_OF_WORD, "tT"),
      contraction2("(lem)(me)" + END_OF_WORD, "mM"),
      contraction2("(more)('n)" + END_OF_WORD, "'"),
      contraction2("(wan)(na)(?=" + SPACE + ")", "nN"),
      RegexRule.ignoreCase(" ('t)(is)" + END_OF_WORD, "'", NltkWordTokenizer::splitPair, false),
      RegexRule.ignoreCase(" ('t)(was)" + END_OF_WORD, "'", NltkWordTokenizer::splitPair, false));

  private NltkWordTokenizer() {}

  static List<String> tokenize(String sentence) {
    String text = sentence;
    text = applyAll(STARTING_QUOTES, text);
    text = applyAll(PUNCTUATION, text);
    text = PARENS_BRACKETS.apply(text);
    text = DOUBLE_DASHES.apply(text);
    text = " " + text + " ";
    text = applyAll(ENDING_QUOTES, text);
    text = applyAll(CONTRACTIONS, text);
    return PythonUnicode.split(text);
  }

  private static RegexRule contraction2(String regex, String triggers) {
    return RegexRule.ignoreCase(regex, triggers, NltkWordTokenizer::splitPair, true);
  }

  private static String splitPair(java.util.regex.MatchResult m) {
    return " " + m.group(1) + " " + m.group(2) + " ";
  }

  private static String applyAll(List<RegexRule> rules, String text) {
    for (RegexRule rule : rules) text = rule.apply(text);
    return text;
  }
}
