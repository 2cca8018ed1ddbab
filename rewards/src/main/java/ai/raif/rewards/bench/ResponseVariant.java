package ai.raif.rewards.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The texts a benchmark response is checked as, in this order. They are simple and deterministic so that the Python
 * reference run ({@code tools/bench/ifeval_reference_bench.py}) builds exactly the same ones, and they shift verdicts
 * (case, paragraph and length instructions) so the checkers do not see one response only.
 */
public enum ResponseVariant {
  /** The response itself. */
  RESPONSE {
    @Override
    public String apply(String response) {
      return response;
    }
  },
  /** ASCII letters upper-cased, everything else kept (locale-free, so identical to Python's translate table). */
  UPPER_CASED {
    @Override
    public String apply(String response) {
      char[] chars = response.toCharArray();
      for (int i = 0; i < chars.length; i++) {
        if (chars[i] >= 'a' && chars[i] <= 'z') chars[i] = (char) (chars[i] - ('a' - 'A'));
      }
      return new String(chars);
    }
  },
  /** The text after the first blank line ({@code "\n\n"}); a response without one is kept whole. */
  FIRST_PARAGRAPH_DROPPED {
    @Override
    public String apply(String response) {
      int cut = response.indexOf("\n\n");
      return cut < 0 ? response : response.substring(cut + 2);
    }
  },
  /** The response twice, joined by a blank line. */
  DOUBLED {
    @Override
    public String apply(String response) {
      return response + "\n\n" + response;
    }
  };

  public abstract String apply(String response);

  /**
   * The first {@code n} variants.
   *
   * @throws IllegalArgumentException unless 1 ≤ n ≤ the number of variants
   */
  public static List<ResponseVariant> first(int n) {
    ResponseVariant[] all = values();
    if (n < 1 || n > all.length) {
      throw new IllegalArgumentException("variants must be between 1 and " + all.length + ", got " + n);
    }
    return List.of(Arrays.copyOf(all, n));
  }

  /** Lower-case words, e.g. "first paragraph dropped", for reports. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
