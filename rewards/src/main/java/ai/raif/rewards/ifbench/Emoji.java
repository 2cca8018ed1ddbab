package ai.raif.rewards.ifbench;

import java.util.Set;

/** {@code emoji.is_emoji(s)} of the emoji package 2.16.0: whether s is exactly one of its emoji (EMOJI_DATA's keys). */
final class Emoji {
  private Emoji() {}

  static boolean is(String s) {
    return Data.EMOJI.contains(s);
  }

  /** Loaded on first use, so a missing data file surfaces as a clear error at the first call. */
  private static final class Data {
    static final Set<String> EMOJI = Set.copyOf(IfbenchData.lines("emoji/emoji.txt"));
  }
}
