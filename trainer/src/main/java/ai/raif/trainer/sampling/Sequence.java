package ai.raif.trainer.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The growing output of one request: its tokens, their log-probs, and why it ended. */
final class Sequence {
  final int promptTokens;
  final int[] tokens;
  final float[] sampled;
  final float[] model;
  final TopLogprobs[] top;
  int n;
  FinishReason finish;
  String text;

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
    if (!p.stopStrings().isEmpty()) {
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
