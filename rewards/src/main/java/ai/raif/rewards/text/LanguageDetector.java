package ai.raif.rewards.text;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Language identification exactly as Python {@code langdetect.detect(text)} 1.0.9 with
 * {@code DetectorFactory.seed = 0} (IFEval's setting): the same text cleaning, n-gram extraction, 7 random trials with
 * Python's Mersenne Twister and the same floating-point order, over langdetect's 55 profiles. Deterministic and
 * thread-safe (each call has its own generator). The cached profiles take roughly 15 MB of heap.
 */
public final class LanguageDetector {
  private static final Pattern URL = Pattern.compile("https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}");
  private static final Pattern MAIL =
      Pattern.compile("[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}");
  private static final int MAX_TEXT_LENGTH = 10_000;
  private static final int TRIALS = 7;
  private static final double ALPHA = 0.5;
  private static final double ALPHA_WIDTH = 0.05;
  private static final int ITERATION_LIMIT = 1000;
  private static final double CONVERGENCE_THRESHOLD = 0.99999;
  private static final double PROBABILITY_THRESHOLD = 0.1;
  private static final int BASE_FREQ = 10_000;
  private static final long SEED = 0;

  private LanguageDetector() {}

  /**
   * The ISO code (e.g. "en", "zh-cn") of the most probable language, or "unknown" when none reaches 0.1.
   *
   * @throws LanguageNotDetectableException when the text has no usable n-gram at all
   */
  public static String detect(String text) {
    double[] probabilities = probabilities(text);
    int best = -1;
    for (int i = 0; i < probabilities.length; i++) {
      // ties keep profile order, as langdetect's stable sort does
      if (probabilities[i] > PROBABILITY_THRESHOLD && (best < 0 || probabilities[i] > probabilities[best])) best = i;
    }
    return best < 0 ? "unknown" : Model.PROFILES.languages().get(best);
  }

  /**
   * The probability of each language (in profile order) that langdetect's detect_langs starts from, before it drops
   * those at or under 0.1 and sorts.
   *
   * @throws LanguageNotDetectableException when the text has no usable n-gram at all
   */
  static double[] probabilities(String text) {
    Objects.requireNonNull(text, "text");
    NGrams ngrams = extractNGrams(clean(prepare(text)));
    if (ngrams.size == 0) throw new LanguageNotDetectableException("No features in text.");
    return languageProbabilities(ngrams);
  }

  /** Code points cps[0..length). */
  private record CodePoints(int[] cps, int length) {}

  /** Detector.append: URLs and e-mails out, Vietnamese normalised, the first 10000 characters, no double spaces. */
  private static CodePoints prepare(String text) {
    // the checks skip regex work that cannot match (the mail pattern backtracks over every alphanumeric run)
    String normalized = text.contains("http") ? URL.matcher(text).replaceAll(" ") : text;
    normalized = removeMails(normalized);
    normalized = Model.NORMALIZER.normalizeVi(normalized);
    int[] kept = new int[Math.min(normalized.length(), MAX_TEXT_LENGTH)];
    int length = 0;
    int previous = 0;
    int count = 0;
    for (int i = 0; i < normalized.length() && count < MAX_TEXT_LENGTH; count++) {
      int ch = normalized.codePointAt(i);
      if (ch != ' ' || previous != ' ') kept[length++] = ch;
      previous = ch;
      i += Character.charCount(ch);
    }
    return new CodePoints(kept, length);
  }

  /**
   * MAIL.matcher(text).replaceAll(" "), searching only near each '@': a match holds one within its first 65
   * characters, so none starts more than 64 characters before the next '@' (the regex alone would try every start).
   */
  static String removeMails(String text) {
    Matcher m = MAIL.matcher(text);
    StringBuilder out = null;
    int from = 0;
    for (int at = text.indexOf('@'); at >= 0 && m.find(Math.max(from, at - 64)); at = text.indexOf('@', from)) {
      if (out == null) out = new StringBuilder(text.length());
      out.append(text, from, m.start()).append(' ');
      from = m.end();
    }
    return out == null ? text : out.append(text, from, text.length()).toString();
  }

  /**
   * Detector.cleaning_text: text that is mostly non-Latin loses its Latin letters. ('A'..'z' includes [\]^_`; every
   * code point from U+0300 counts as non-Latin, because langdetect compares a block number with a block name.)
   */
  private static CodePoints clean(CodePoints text) {
    int[] cps = text.cps();
    long latin = 0;
    long nonLatin = 0;
    for (int i = 0; i < text.length(); i++) {
      int ch = cps[i];
      if (ch >= 'A' && ch <= 'z') latin++;
      else if (ch >= 0x300) nonLatin++;
    }
    if (latin * 2 >= nonLatin) return text;
    int[] kept = new int[text.length()];
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      if (cps[i] < 'A' || cps[i] > 'z') kept[length++] = cps[i];
    }
    return new CodePoints(kept, length);
  }

  /** The profile rows of a text's n-grams, in text order (repeats included). */
  private static final class NGrams {
    int[] rows = new int[64];
    int size;

    void add(int row) {
      if (size == rows.length) rows = Arrays.copyOf(rows, size * 2);
      rows[size++] = row;
    }
  }

  /** Detector._extract_ngrams: the 1- to 3-grams known to the profiles, in text order, skipping all-caps words. */
  private static NGrams extractNGrams(CodePoints text) {
    LanguageProfiles profiles = Model.PROFILES;
    LangDetectNormalizer normalizer = Model.NORMALIZER;
    NGrams result = new NGrams();
    int[] grams = {' ', 0, 0};
    int length = 1;
    boolean capitalWord = false;
    int[] cps = text.cps();
    for (int i = 0; i < text.length(); i++) {
      int ch = normalizer.normalize(cps[i]);
      int last = grams[length - 1];
      if (last == ' ') {
        grams[0] = ' ';
        length = 1;
        capitalWord = false;
        if (ch == ' ') continue;
      } else if (length >= 3) {
        grams[0] = grams[1];
        grams[1] = grams[2];
        length = 2;
      }
      grams[length++] = ch;
      if (PythonUnicode.isUpper(ch)) {
        if (PythonUnicode.isUpper(last)) capitalWord = true;
      } else {
        capitalWord = false;
      }
      if (capitalWord) continue;
      for (int n = 1; n <= 3 && n <= length; n++) {
        if (n == 1 && grams[length - 1] == ' ') continue;
        int row = profiles.row(LanguageProfiles.key(grams, length - n, n));
        if (row >= 0) result.add(row);
      }
    }
    return result;
  }

  /** Detector._detect_block after extraction: the average over 7 trials of the converged language probabilities. */
  private static double[] languageProbabilities(NGrams ngrams) {
    LanguageProfiles profiles = Model.PROFILES;
    int languages = profiles.languages().size();
    double[] total = new double[languages];
    double[] prob = new double[languages];
    double[] factors = new double[languages];
    int[] rows = ngrams.rows;
    int size = ngrams.size;
    PythonRandom random = new PythonRandom(SEED);
    for (int trial = 0; trial < TRIALS; trial++) {
      Arrays.fill(prob, 1.0 / languages);
      double alpha = ALPHA + random.gauss() * ALPHA_WIDTH;
      double weight = alpha / BASE_FREQ;
      Arrays.fill(factors, weight);
      for (int i = 0; ; i++) {
        profiles.update(prob, rows[random.randBelow(size)], weight, factors);
        if (i % 5 == 0 && (normalize(prob) > CONVERGENCE_THRESHOLD || i >= ITERATION_LIMIT)) break;
      }
      for (int j = 0; j < languages; j++) total[j] += prob[j] / TRIALS;
    }
    return total;
  }

  /** Scales prob to sum 1 (summing left to right, as Python 3.11's sum() does) and returns the largest value. */
  private static double normalize(double[] prob) {
    double sum = 0.0;
    for (double p : prob) sum += p;
    for (int i = 0; i < prob.length; i++) prob[i] /= sum;
    double max = 0.0;
    for (double p : prob) {
      if (max < p) max = p;
    }
    return max;
  }

  /** Loaded on first use; a missing data file then surfaces as a clear error at the first call. */
  private static final class Model {
    static final LanguageProfiles PROFILES = LanguageProfiles.load();
    static final LangDetectNormalizer NORMALIZER =
        new LangDetectNormalizer(LanguageProfiles.read("/ai/raif/rewards/data/langdetect/messages.properties"));
  }
}
