package ai.raif.rewards.text;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Python {@code re.sub(pattern, repl, text)} step. Patterns are compiled with UNIX_LINES so that {@code $} and
 * {@code .} treat only "\n" as a line end, as Python does. Patterns must not match the empty string.
 *
 * <p>{@code mayMatch}: a cheap necessary condition for a match (every match contains one of some characters or
 * substrings), so text failing it is returned as is without regex work: most rules of a cascade do not apply to a
 * given sentence. See {@link #anyOf}.
 *
 * <p>{@code afterNonWord} stands for a leading {@code (?<!\w)} (or a {@code \b} before a word character): Java's
 * lookbehind inspects one UTF-16 unit and so misses a supplementary letter such as U+1D400; the check is done in code.
 */
record RegexRule(Pattern pattern, Predicate<String> mayMatch, Function<MatchResult, String> replacement,
                 boolean afterNonWord) implements TextRewrite {
  /** No pre-check: the regex always runs. */
  static final Predicate<String> ALWAYS = text -> true;

  static RegexRule of(String regex, Predicate<String> mayMatch, Function<MatchResult, String> replacement) {
    return new RegexRule(Pattern.compile(regex, Pattern.UNIX_LINES), mayMatch, replacement, false);
  }

  static RegexRule ignoreCase(String regex, Predicate<String> mayMatch, Function<MatchResult, String> replacement,
                              boolean afterNonWord) {
    int flags = Pattern.UNIX_LINES | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    return new RegexRule(Pattern.compile(regex, flags), mayMatch, replacement, afterNonWord);
  }

  /** True for text containing one of the needles (a needle of one character is a character search). */
  static Predicate<String> anyOf(String... needles) {
    String[] kept = needles.clone();
    if (kept.length == 0) throw new IllegalArgumentException("no needles: use ALWAYS");
    return text -> {
      for (String needle : kept) {
        if (needle.length() == 1 ? text.indexOf(needle.charAt(0)) >= 0 : text.contains(needle)) return true;
      }
      return false;
    };
  }

  /** True for text containing one of the characters of {@code chars}. */
  static Predicate<String> anyChar(String chars) {
    return anyOf(chars.chars().mapToObj(c -> String.valueOf((char) c)).toArray(String[]::new));
  }

  @Override
  public String apply(String text) {
    if (!mayMatch.test(text)) return text;
    return applyRegex(text);
  }

  /** The substitution itself, without the pre-check. */
  String applyRegex(String text) {
    Matcher m = pattern.matcher(text);
    // the function's result is literal text, not a $-template
    if (!afterNonWord) return m.replaceAll(r -> Matcher.quoteReplacement(replacement.apply(r)));
    StringBuilder out = new StringBuilder(text.length() + 16);
    int copied = 0;
    int from = 0;
    while (from <= text.length() && m.find(from)) {
      int start = m.start();
      if (start > 0 && PythonUnicode.isWordChar(text.codePointBefore(start))) {
        from = start + 1;
        continue;
      }
      out.append(text, copied, start).append(replacement.apply(m));
      copied = m.end();
      from = m.end();
    }
    return out.append(text, copied, text.length()).toString();
  }
}
