package ai.raif.jobs.serve;

import java.util.function.Function;

/**
 * Turns the growing token ids of one answer into text deltas that are never taken back: the last {@code holdBack}
 * characters wait (they may still become a stop string, which is cut from the text), and so does a trailing partial
 * character (a token may end inside a UTF-8 sequence, which decodes to U+FFFD until the next token completes it).
 */
final class TextDeltas {
  private final Function<int[], String> decode;
  private final int holdBack;
  private String sent = "";

  TextDeltas(Function<int[], String> decode, int holdBack) {
    this.decode = decode;
    this.holdBack = holdBack;
  }

  /** New text since the last call, given all tokens so far. */
  String next(int[] tokenIds) {
    String text = decode.apply(tokenIds);
    int safe = text.length();
    while (safe > 0 && text.charAt(safe - 1) == '\uFFFD') safe--;
    safe = Math.min(safe, text.length() - holdBack);
    if (safe > 0 && Character.isHighSurrogate(text.charAt(safe - 1))) safe--;
    return emit(text, safe);
  }

  /** The rest of the answer, given its final text (stop strings already cut). */
  String finish(String finalText) {
    return emit(finalText, finalText.length());
  }

  private String emit(String text, int upTo) {
    if (upTo <= sent.length() || !text.startsWith(sent)) return "";
    String delta = text.substring(sent.length(), upTo);
    sent = text.substring(0, upTo);
    return delta;
  }
}
