package ai.raif.rewards.math;

import java.util.Locale;

/**
 * Finds the final answer of a math response, in the order of the Qwen math toolkit's {@code extract_answer}
 * (raif-spec §3.6): the last box, else the text after the last "answer is", else the last number. Every step is a
 * linear scan, so megabyte-long or brace-bomb responses cannot stall it.
 */
public final class MathAnswerExtractor {
  private static final String[] BOX_COMMANDS = {"\\boxed", "\\fbox"};
  private static final String ANSWER_PHRASE = "answer is";

  private MathAnswerExtractor() {}

  public static MathAnswer extract(String response) {
    if (response == null) throw new IllegalArgumentException("math response is missing");
    int box = -1;
    int commandLength = 0;
    for (String command : BOX_COMMANDS) {
      int at = response.lastIndexOf(command);
      if (at > box) {
        box = at;
        commandLength = command.length();
      }
    }
    if (box >= 0) return new MathAnswer(boxContent(response, box + commandLength), MathAnswer.Source.BOXED);
    String phrase = afterAnswerPhrase(response);
    if (!phrase.isEmpty()) return new MathAnswer(phrase, MathAnswer.Source.ANSWER_PHRASE);
    String number = lastNumber(response);
    return number.isEmpty()
        ? new MathAnswer("", MathAnswer.Source.NONE)
        : new MathAnswer(number, MathAnswer.Source.LAST_NUMBER);
  }

  /** {@code {…}} with balanced braces (the rest of the text if never closed), or {@code \boxed x}'s token. */
  static String boxContent(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) == ' ') i++;
    if (i < text.length() && text.charAt(i) == '{') {
      int depth = 1;
      for (int j = i + 1; j < text.length(); j++) {
        char c = text.charAt(j);
        if (c == '{') depth++;
        else if (c == '}' && --depth == 0) return text.substring(i + 1, j).strip();
      }
      return text.substring(i + 1).strip();
    }
    int end = i;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') end++;
    return text.substring(i, end);
  }

  /** The line after the last "answer is" (case-insensitive), without a leading colon or trailing period. */
  static String afterAnswerPhrase(String text) {
    int at = text.toLowerCase(Locale.ROOT).lastIndexOf(ANSWER_PHRASE);
    if (at < 0) return "";
    String rest = text.substring(at + ANSWER_PHRASE.length()).stripLeading();
    if (rest.startsWith(":")) rest = rest.substring(1).stripLeading();
    int lineEnd = rest.indexOf('\n');
    String line = (lineEnd < 0 ? rest : rest.substring(0, lineEnd)).strip();
    while (line.endsWith(".")) line = line.substring(0, line.length() - 1).strip();
    return line;
  }

  /**
   * The last match of {@code -?\d*\.?\d+} in the text with its commas removed, as Python's {@code re.findall}
   * would find it scanning left to right.
   */
  static String lastNumber(String text) {
    String s = text.replace(",", "");
    String last = "";
    int i = 0;
    while (i < s.length()) {
      int start = i;
      int p = s.charAt(i) == '-' ? i + 1 : i;
      int digitsEnd = skipDigits(s, p);
      int end = -1;
      if (digitsEnd < s.length() - 1 && s.charAt(digitsEnd) == '.' && isDigit(s.charAt(digitsEnd + 1))) {
        end = skipDigits(s, digitsEnd + 1);
      } else if (digitsEnd > p) {
        end = digitsEnd;
      }
      if (end < 0) {
        i = start + 1;
      } else {
        last = s.substring(start, end);
        i = end;
      }
    }
    return last;
  }

  private static int skipDigits(String s, int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) i++;
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
