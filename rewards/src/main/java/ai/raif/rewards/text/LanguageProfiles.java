package ai.raif.rewards.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * langdetect 1.0.9's 55 language profiles as its DetectorFactory holds them: the language list, and for every n-gram
 * of the profiles its probability in each language, freq / n_words[n - 1] (0 where the language lacks it). The
 * language order is that of profiles.txt (sorted file names); it fixes the order of floating-point sums and of ties,
 * so it must match the reference run (upstream uses os.listdir order). Immutable.
 *
 * <p>Laid out for the detector's inner loops: an n-gram (1 to 3 code points) is a {@link #key} (its code points packed
 * into a long), found by open addressing in a primitive table, and its probabilities are one row of a compressed sparse
 * table (an n-gram occurs in about two of the 55 languages: dense rows would take ~40 MB).
 */
final class LanguageProfiles {
  private static final String DIRECTORY = "/ai/raif/rewards/data/langdetect/";
  private static final int BITS = 21; // Character.MAX_CODE_POINT + 1 < 2^21

  private final List<String> languages;
  /** Open addressing with linear probing: at 2s a key (0 = free slot), at 2s + 1 its row number. */
  private final long[] slots;
  private final int mask;
  /** Row r holds entries rowStart[r] until rowStart[r + 1]: ascending language indexes and their probabilities. */
  private final int[] rowStart;
  private final int[] languageIndexes;
  private final double[] probabilities;

  private LanguageProfiles(List<String> languages, Map<Long, List<double[]>> rows) {
    this.languages = List.copyOf(languages);
    int capacity = Integer.highestOneBit(Math.max(2, rows.size()) * 2 - 1) << 1; // load factor at most 1/2
    slots = new long[2 * capacity];
    mask = capacity - 1;
    rowStart = new int[rows.size() + 1];
    int entries = rows.values().stream().mapToInt(List::size).sum();
    languageIndexes = new int[entries];
    probabilities = new double[entries];
    int row = 0;
    int entry = 0;
    for (Map.Entry<Long, List<double[]>> e : rows.entrySet()) {
      rowStart[row] = entry;
      for (double[] pair : e.getValue()) {
        languageIndexes[entry] = (int) pair[0];
        probabilities[entry++] = pair[1];
      }
      int slot = slot(e.getKey());
      while (slots[2 * slot] != 0) slot = (slot + 1) & mask;
      slots[2 * slot] = e.getKey();
      slots[2 * slot + 1] = row++;
    }
    rowStart[row] = entry;
  }

  List<String> languages() {
    return languages;
  }

  /** The number of n-grams of the profiles. */
  int ngramCount() {
    return rowStart.length - 1;
  }

  /**
   * The key of the n code points cps[from..from+n) (1 ≤ n ≤ 3): each code point + 1 in 21 bits, the first one highest,
   * so keys of different lengths differ and no key is 0.
   */
  static long key(int[] cps, int from, int n) {
    long key = 0;
    for (int i = from; i < from + n; i++) key = (key << BITS) | (cps[i] + 1L);
    return key;
  }

  /** The row of the n-gram with this {@link #key}, or -1 when no profile has it. */
  int row(long key) {
    int slot = slot(key);
    while (true) {
      long k = slots[2 * slot];
      if (k == key) return (int) slots[2 * slot + 1];
      if (k == 0) return -1;
      slot = (slot + 1) & mask;
    }
  }

  /** The row of an n-gram given as a string of 1 to 3 code points, or -1. */
  int row(String ngram) {
    int[] cps = ngram.codePoints().toArray();
    return cps.length < 1 || cps.length > 3 ? -1 : row(key(cps, 0, cps.length));
  }

  /** The probability of the n-gram of {@code row} in each language, 0 where the language lacks it. */
  double[] probabilities(int row) {
    double[] dense = new double[languages.size()];
    for (int k = rowStart[row]; k < rowStart[row + 1]; k++) dense[languageIndexes[k]] = probabilities[k];
    return dense;
  }

  /**
   * prob[i] *= weight + p[i] for every language, as langdetect's _update_lang_prob does, with p the probabilities of
   * {@code row}. {@code factors} is scratch of the languages' size holding {@code weight} everywhere, and is left so:
   * the product with weight + 0.0 is the product with weight, so only the row's few entries need setting.
   */
  void update(double[] prob, int row, double weight, double[] factors) {
    int from = rowStart[row];
    int to = rowStart[row + 1];
    for (int k = from; k < to; k++) factors[languageIndexes[k]] = weight + probabilities[k];
    for (int i = 0; i < prob.length; i++) prob[i] *= factors[i];
    for (int k = from; k < to; k++) factors[languageIndexes[k]] = weight;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  static LanguageProfiles load() {
    String index = read(DIRECTORY + "profiles.txt");
    List<String> files = index.lines().filter(line -> !line.isBlank()).toList();
    if (files.size() < 2) throw new IllegalStateException(DIRECTORY + "profiles.txt lists fewer than 2 profiles");
    ObjectMapper json = new ObjectMapper();
    List<String> languages = new ArrayList<>();
    Map<Long, List<double[]>> entries = new HashMap<>(); // n-gram key -> {language index, probability} pairs
    for (int i = 0; i < files.size(); i++) {
      String resource = DIRECTORY + "profiles/" + files.get(i);
      JsonNode profile;
      try {
        profile = json.readTree(read(resource));
      } catch (IOException e) {
        throw new UncheckedIOException("langdetect profile " + resource + " is not valid JSON", e);
      }
      String language = profile.path("name").asText(null);
      JsonNode nWords = profile.get("n_words");
      JsonNode freq = profile.get("freq");
      if (language == null || nWords == null || nWords.size() != 3 || freq == null || !freq.isObject()) {
        throw new IllegalStateException("langdetect profile " + resource + " lacks name, n_words[3] or freq");
      }
      if (languages.contains(language)) {
        throw new IllegalStateException("langdetect profile " + resource + " repeats language '" + language + "'");
      }
      languages.add(language);
      for (Iterator<Map.Entry<String, JsonNode>> it = freq.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        int[] cps = entry.getKey().codePoints().toArray();
        // langdetect keeps other lengths in its map too, but the detector never looks them up
        if (cps.length < 1 || cps.length > 3) continue;
        List<double[]> row = entries.computeIfAbsent(key(cps, 0, cps.length), w -> new ArrayList<>(2));
        row.add(new double[] {i, (double) entry.getValue().asLong() / (double) nWords.get(cps.length - 1).asLong()});
      }
    }
    return new LanguageProfiles(languages, entries);
  }

  /** For tests: the dense probabilities of an n-gram, or null when no profile has it. */
  double[] probabilities(String ngram) {
    int row = row(ngram);
    return row < 0 ? null : probabilities(row);
  }

  static String read(String resource) {
    try (InputStream in = LanguageProfiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("langdetect data " + resource + " is not on the classpath; the rewards build "
            + "puts it there with bin/fetch-rewards-data (mvn generate-resources)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read langdetect data " + resource, e);
    }
  }
}
