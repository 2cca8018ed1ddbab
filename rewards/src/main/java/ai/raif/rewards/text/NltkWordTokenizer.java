package ai.raif.rewards.text;

import static ai.raif.rewards.text.PythonUnicode.DIGIT;
import static ai.raif.rewards.text.PythonUnicode.SPACE;
import static ai.raif.rewards.text.PythonUnicode.WORD;
import static ai.raif.rewards.text.RegexRule.anyChar;
import static ai.raif.rewards.text.RegexRule.anyOf;

import java.util.List;
import java.util.regex.MatchResult;

/**
 * NLTK 3.10.3's {@code NLTKWordTokenizer.tokenize(sentence)} (the "improved Treebank" tokenizer behind
 * {@code word_tokenize}, convert_parentheses off): the same regex cascade in the same order, then {@code split()}.
 * The Python patterns are kept as written, with Python's {@code \w \s \d \b} spelled out (see {@link PythonUnicode}).
 *
 * <p>For speed, each regex runs only when a cheap test says it may match, and the rules that apply to nearly every
 * sentence (the final period, "{@code [:,]} before a non-digit", whitespace runs) are hand-written scanners with the
 * regex's exact result; NltkWordTokenizerEquivalenceTest checks them against the plain regex cascade.
 */
final class NltkWordTokenizer {
  /** Python's {@code \b} right after a word character, i.e. "no word character follows". */
  private static final String END_OF_WORD = "(?!" + WORD + ")";

  private static final List<TextRewrite> STARTING_QUOTES = List.of(
      RegexRule.of("([«“‘„]|[`]+)", anyChar("«“‘„`"), m -> " " + m.group(1) + " "),
      RegexRule.of("^\"", text -> text.startsWith("\""), m -> "``"),
      RegexRule.of("(``)", anyOf("``"), m -> " " + m.group(1) + " "),
      RegexRule.of("([ (\\[{<])(\"|'{2})", anyOf("\"", "''"), m -> m.group(1) + " `` "),
      // (?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)
      RegexRule.ignoreCase("(')(?!(?:re|ve|ll|m|t|s|d|n)" + END_OF_WORD + ")(?=" + WORD + ")", anyOf("'"),
          m -> m.group(1) + " ", true));

  private static final List<TextRewrite> PUNCTUATION = List.of(
      // ([^.])(\.)([\]\)}>"\'»”’ ]*)\s*$  ->  \1 \2 \3
      text -> finalPeriod(text, "])}>\"'»”’ ", true),
      // ([:,])([^\d])  ->  \1 \2
      NltkWordTokenizer::colonCommaBeforeNonDigit,
      RegexRule.of("([:,])$", NltkWordTokenizer::endsWithColonOrComma, m -> " " + m.group(1) + " "),
      RegexRule.of("\\.{2,}", anyOf(".."), m -> " " + m.group() + " "),
      RegexRule.of("[;@#$%&]", anyChar(";@#$%&"), m -> " " + m.group() + " "),
      RegexRule.of("[\\x{2012}-\\x{2015}]", anyChar("\u2012\u2013\u2014\u2015"), m -> " " + m.group() + " "),
      // ([^.])(\.)([\]\)}>"\']*)\s*$  ->  \1 \2\3
      text -> finalPeriod(text, "])}>\"'", false),
      RegexRule.of("[?!]", anyChar("?!"), m -> " " + m.group() + " "),
      RegexRule.of("([^'])' ", anyOf("' "), m -> m.group(1) + " ' "),
      RegexRule.of("[*]", anyChar("*"), m -> " " + m.group() + " "));

  private static final TextRewrite PARENS_BRACKETS =
      RegexRule.of("[\\]\\[(){}<>]", anyChar("[](){}<>"), m -> " " + m.group() + " ");
  private static final TextRewrite DOUBLE_DASHES = RegexRule.of("--", anyOf("--"), m -> " -- ");

  private static final List<TextRewrite> ENDING_QUOTES = List.of(
      RegexRule.of("([»”’])", anyChar("»”’"), m -> " " + m.group(1) + " "),
      RegexRule.of("''", anyOf("''"), m -> " '' "),
      RegexRule.of("\"", anyOf("\""), m -> " '' "),
      // \s+  ->  " "
      NltkWordTokenizer::collapseSpaces,
      RegexRule.of("([^' ])('[sS]|'[mM]|'[dD]|') ", anyOf("' ", "'s ", "'S ", "'m ", "'M ", "'d ", "'D "),
          m -> m.group(1) + " " + m.group(2) + " "),
      RegexRule.of("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ",
          anyOf("'ll ", "'LL ", "'re ", "'RE ", "'ve ", "'VE ", "n't ", "N'T "),
          m -> m.group(1) + " " + m.group(2) + " "));

  /**
   * MacIntyre's CONTRACTIONS2 then CONTRACTIONS3; each Python pattern is (?i) and starts and/or ends with \b. Each
   * runs only when the text, case-folded as Java's Unicode (?i) compares characters ({@link #fold}), contains the
   * contraction's letters.
   */
  private record Contraction(String folded, RegexRule rule) {}

  private static final List<Contraction> CONTRACTIONS = List.of(
      contraction2("cannot", "(can)(not)" + END_OF_WORD),
      contraction2("d'ye", "(d)('ye)" + END_OF_WORD),
      contraction2("gimme", "(gim)(me)" + END_OF_WORD),
      contraction2("gonna", "(gon)(na)" + END_OF_WORD),
      contraction2("gotta", "(got)(ta)" + END_OF_WORD),
      contraction2("lemme", "(lem)(me)" + END_OF_WORD),
      contraction2("more'n", "(more)('n)" + END_OF_WORD),
      contraction2("wanna", "(wan)(na)(?=" + SPACE + ")"),
      new Contraction(" 'tis",
          RegexRule.ignoreCase(" ('t)(is)" + END_OF_WORD, RegexRule.ALWAYS, NltkWordTokenizer::splitPair, false)),
      new Contraction(" 'twas",
          RegexRule.ignoreCase(" ('t)(was)" + END_OF_WORD, RegexRule.ALWAYS, NltkWordTokenizer::splitPair, false)));

  private NltkWordTokenizer() {}

  static List<String> tokenize(String sentence) {
    String text = sentence;
    text = applyAll(STARTING_QUOTES, text);
    text = applyAll(PUNCTUATION, text);
    text = PARENS_BRACKETS.apply(text);
    text = DOUBLE_DASHES.apply(text);
    text = " " + text + " ";
    text = applyAll(ENDING_QUOTES, text);
    text = applyContractions(text);
    return PythonUnicode.split(text);
  }

  private static Contraction contraction2(String folded, String regex) {
    return new Contraction(folded, RegexRule.ignoreCase(regex, RegexRule.ALWAYS, NltkWordTokenizer::splitPair, true));
  }

  private static String splitPair(MatchResult m) {
    return " " + m.group(1) + " " + m.group(2) + " ";
  }

  private static String applyAll(List<TextRewrite> rules, String text) {
    for (TextRewrite rule : rules) text = rule.apply(text);
    return text;
  }

  private static String applyContractions(String text) {
    String folded = fold(text);
    for (Contraction contraction : CONTRACTIONS) {
      if (!folded.contains(contraction.folded)) continue;
      String rewritten = contraction.rule.applyRegex(text);
      if (!rewritten.equals(text)) {
        text = rewritten;
        folded = fold(text);
      }
    }
    return text;
  }

  /** See {@link CaseFold}: the contraction patterns' letters have no surrogates. */
  static String fold(String text) {
    return CaseFold.fold(text);
  }

  /**
   * {@code re.sub(r'([^.])(\.)([CLOSERS]*)\s*$', ...)} with CLOSERS = {@code closers}: the replacement is
   * {@code \1 \2 \3 } when {@code spaced}, else {@code \1 \2\3 }. A match must end the text (its \s* takes a final
   * newline too), and what follows its period holds no period, so only the last period can match: it does when a
   * non-period precedes it and the rest is closers then whitespace. The greedy closer run is the longest one such that
   * whitespace follows; since the rest must be whitespace anyway, that is simply the longest closer run.
   */
  static String finalPeriod(String text, String closers, boolean spaced) {
    int dot = text.lastIndexOf('.');
    if (dot <= 0 || text.charAt(dot - 1) == '.') return text;
    int n = text.length();
    int closed = dot + 1;
    while (closed < n && closers.indexOf(text.charAt(closed)) >= 0) closed++;
    for (int i = closed; i < n; i++) {
      if (!PythonUnicode.isSpace(text.charAt(i))) return text;
    }
    return new StringBuilder(dot + (closed - dot) + 4).append(text, 0, dot).append(spaced ? " . " : " .")
        .append(text, dot + 1, closed).append(' ').toString();
  }

  /** {@code re.sub(r'([:,])([^\d])', r' \1 \2', text)}: matches do not overlap, so ",," is one match. */
  static String colonCommaBeforeNonDigit(String text) {
    int n = text.length();
    int i = firstColonOrComma(text, 0);
    if (i < 0) return text;
    StringBuilder out = null;
    int copied = 0;
    while (i >= 0 && i + 1 < n) {
      int next = text.codePointAt(i + 1);
      if (Character.getType(next) == Character.DECIMAL_DIGIT_NUMBER) {
        i = firstColonOrComma(text, i + 1);
        continue;
      }
      if (out == null) out = new StringBuilder(n + 16);
      int end = i + 1 + Character.charCount(next);
      out.append(text, copied, i).append(' ').append(text.charAt(i)).append(' ').append(text, i + 1, end);
      copied = end;
      i = firstColonOrComma(text, end);
    }
    return out == null ? text : out.append(text, copied, n).toString();
  }

  private static int firstColonOrComma(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == ':') return i;
    }
    return -1;
  }

  /** Whether {@code ([:,])$} can match: a colon or comma at the end, or just before a final newline. */
  private static boolean endsWithColonOrComma(String text) {
    int n = text.length();
    if (n > 0 && isColonOrComma(text.charAt(n - 1))) return true;
    return n > 1 && text.charAt(n - 1) == '\n' && isColonOrComma(text.charAt(n - 2));
  }

  private static boolean isColonOrComma(char c) {
    return c == ':' || c == ',';
  }

  /** {@code re.sub(r'\s+', ' ', text)}. */
  static String collapseSpaces(String text) {
    int n = text.length();
    int i = 0;
    // skip the prefix that needs no change: no whitespace but single plain spaces
    while (i < n) {
      char c = text.charAt(i);
      if (PythonUnicode.isSpace(c) && (c != ' ' || (i + 1 < n && PythonUnicode.isSpace(text.charAt(i + 1))))) break;
      i++;
    }
    if (i == n) return text;
    StringBuilder out = new StringBuilder(n).append(text, 0, i);
    while (i < n) {
      char c = text.charAt(i);
      if (PythonUnicode.isSpace(c)) {
        out.append(' ');
        do {
          i++;
        } while (i < n && PythonUnicode.isSpace(text.charAt(i)));
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
