package ai.raif.rewards.ifeval;

import java.util.List;

/**
 * {@code detectable_content:number_placeholders}: at least {@code num_placeholders} matches of {@code \[.*?\]}, i.e.
 * bracket pairs on one line ({@code []} and markdown links count). Counted in one linear pass instead of the regex,
 * whose lazy scan is quadratic on a long line full of unclosed brackets.
 */
record Placeholders(long placeholders) implements Instruction {
  static final List<String> KWARGS = List.of("num_placeholders");
  private static final int NONE = Integer.MAX_VALUE;

  static Placeholders from(Kwargs kw) {
    return new Placeholders(kw.count("num_placeholders"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return count(response) >= placeholders;
  }

  /** The number of non-overlapping {@code \[.*?\]} matches ({@code .} excludes only {@code \n}, as in Python). */
  static long count(String text) {
    long n = 0;
    // Next "]" and "\n" after the current "[", cached so that every character is scanned a bounded number of times.
    int close = -1;
    int newline = -1;
    for (int open = text.indexOf('['); open >= 0; ) {
      if (close <= open) close = next(text, ']', open + 1);
      if (newline <= open) newline = next(text, '\n', open + 1);
      if (close < newline) {
        n++;
        open = text.indexOf('[', close + 1);
      } else if (newline != NONE) {
        // No "[" left on this line can be closed on it.
        open = text.indexOf('[', newline + 1);
      } else {
        break;
      }
    }
    return n;
  }

  private static int next(String text, char c, int from) {
    int at = text.indexOf(c, from);
    return at < 0 ? NONE : at;
  }
}
