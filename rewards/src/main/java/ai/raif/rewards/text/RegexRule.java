package ai.raif.rewards.text;

import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Python {@code re.sub(pattern, repl, text)} step. Patterns are compiled with UNIX_LINES so that {@code $} and
 * {@code .} treat only "\n" as a line end, as Python does. Patterns must not match the empty string.
 *
 * <p>{@code triggers}: every match contains one of these characters, so text without any of them is returned as is
 * (most rules of a cascade do not apply to a given sentence; this skips their regex work). Empty means always run.
 *
 * <p>{@code afterNonWord} stands for a leading {@code (?<!\w)} (or a {@code \b} before a word character): Java's
 * lookbehind inspects one UTF-16 unit and so misses a supplementary letter such as U+1D400; the check is done in code.
 */
record RegexRule(Pattern pattern, String triggers, Function<MatchResult, String> replacement, boolean afterNonWord) {

  static RegexRule of(String regex, String triggers, Function<MatchResult, String> replacement) {
    return new RegexRule(Pattern.compile(regex, Pattern.UNIX_LINES), triggers, replacement, false);
  }

  static RegexRule ignoreCase(String regex, String triggers, Function<MatchResult, String> replacement,
                              boolean afterNonWord) {
    int flags = Pattern.UNIX_LINES | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    return new RegexRule(Pattern.compile(regex, flags), triggers, replacement, afterNonWord);
  }

  String apply(String text) {
    if (!mayMatch(text)) return text;
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

  private boolean mayMatch(String text) {
    if (triggers.isEmpty()) return true;
    for (int i = 0; i < text.length(); i++) {
      if (triggers.indexOf(text.charAt(i)) >= 0) return true;
    }
    return false;
  }
}
