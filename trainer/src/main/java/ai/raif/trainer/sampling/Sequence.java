package ai.raif.trainer.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The growing output of one request: its tokens, their log-probs, and why it ended. Stop strings are looked for in
 * text decoded incrementally, as vLLM does: each token decodes only the few tokens since the last complete text
 * (with the chunk before them for context), and only the tail a new stop string could end in is searched. Decoding
 * the whole answer at every token cost time quadratic in its length.
 */
final class Sequence {
  final int promptTokens;
  final int[] tokens;
  final float[] sampled;
  final float[] model;
  final TopLogprobs[] top;
  int n;
  FinishReason finish;
  String text;
  /** Text of tokens [0, readOffset); tokens [prefixOffset, readOffset) are the context of the next decode. */
  private final StringBuilder decoded = new StringBuilder();
  private int prefixOffset;
  private int readOffset;

  Sequence(int promptTokens, int max) {
    this.promptTokens = promptTokens;
    tokens = new int[max];
    sampled = new float[max];
    model = new float[max];
    top = new TopLogprobs[max];
  }

  void accept(int token, float sampledLp, float modelLp, TopLogprobs tops, SamplingParams p,
              Function<int[], String> decoder) {
    tokens[n] = token;
    sampled[n] = sampledLp;
    model[n] = modelLp;
    top[n] = tops;
    n++;
    if (p.stopTokenIds().contains(token)) {
      finish = FinishReason.STOP;
      text = decoder.apply(Arrays.copyOf(tokens, n - 1));
      return;
    }
    if (!p.stopStrings().isEmpty() && stopInNewText(p.stopStrings(), decoder)) {
      // confirmed on the whole decode, which is what the answer's text is
      String sofar = decoder.apply(Arrays.copyOf(tokens, n));
      int cut = firstStop(sofar, p.stopStrings());
      if (cut >= 0) {
        finish = FinishReason.STOP;
        text = sofar.substring(0, cut);
        return;
      }
    }
    if (n == tokens.length) finish = FinishReason.LENGTH;
  }

  /**
   * Decodes the new token into {@link #decoded} and tells whether a stop string now occurs that did not before. A
   * token that ends inside a character (a replacement character at the end) waits for the tokens that complete it,
   * but the whole characters before it are searched at once: a stop string may end in that very token.
   */
  private boolean stopInNewText(List<String> stops, Function<int[], String> decoder) {
    String context = decoder.apply(Arrays.copyOfRange(tokens, prefixOffset, readOffset));
    String withNew = decoder.apply(Arrays.copyOfRange(tokens, prefixOffset, n));
    int before = decoded.length();
    if (withNew.endsWith("\uFFFD")) {
      String whole = withNew.replaceFirst("\uFFFD+$", "");
      if (whole.length() <= context.length() || !whole.startsWith(context)) return false;
      return found(stops, new StringBuilder(decoded).append(whole, context.length(), whole.length()), before);
    }
    if (withNew.length() <= context.length()) return false;
    if (withNew.startsWith(context)) {
      decoded.append(withNew, context.length(), withNew.length());
      prefixOffset = readOffset;
    } else {  // a window that decodes differently from its start (rare): take the whole text once, then go on
      before = 0;
      decoded.setLength(0);
      decoded.append(decoder.apply(Arrays.copyOf(tokens, n)));
      prefixOffset = Math.max(0, n - 4);
    }
    readOffset = n;
    return found(stops, decoded, before);
  }

  /** Whether a stop string occurs in {@code text} ending after its first {@code before} characters. */
  private static boolean found(List<String> stops, CharSequence text, int before) {
    int longest = 0;
    for (String stop : stops) longest = Math.max(longest, stop.length());
    String tail = text.subSequence(Math.max(0, before - longest + 1), text.length()).toString();
    for (String stop : stops) if (tail.contains(stop)) return true;
    return false;
  }

  int[] tokenIds() {
    return Arrays.copyOf(tokens, n);
  }

  Generation toGeneration(Function<int[], String> decoder) {
    int[] ids = tokenIds();
    String t = text != null ? text : decoder.apply(ids);
    List<TopLogprobs> tops = top[0] == null ? List.of() : Arrays.asList(Arrays.copyOf(top, n));
    return new Generation(t, ids, finish, Arrays.copyOf(sampled, n), Arrays.copyOf(model, n), promptTokens, tops);
  }

  static int firstStop(String text, List<String> stops) {
    int best = -1;
    for (String s : stops) {
      int at = text.indexOf(s);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  }
}
