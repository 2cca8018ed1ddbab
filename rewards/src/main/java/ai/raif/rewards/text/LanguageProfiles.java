package ai.raif.rewards.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * langdetect 1.0.9's 55 language profiles as its DetectorFactory holds them: the language list, and for every n-gram
 * of the profiles its probability in each language, freq / n_words[n - 1] (0 where the language lacks it). The
 * language order is that of profiles.txt (sorted file names); it fixes the order of floating-point sums and of ties,
 * so it must match the reference run (upstream uses os.listdir order). Immutable.
 */
record LanguageProfiles(List<String> languages, Map<String, NGramRow> ngrams) {
  private static final String DIRECTORY = "/ai/raif/rewards/data/langdetect/";

  /**
   * The non-zero probabilities of one n-gram, by ascending language index. Sparse, because an n-gram occurs in about
   * two of the 55 languages: dense rows would take ~40 MB.
   */
  record NGramRow(int[] languageIndexes, double[] probabilities) {
    /** prob[i] *= weight + p[i] for every language, as langdetect's _update_lang_prob does. */
    void update(double[] prob, double weight) {
      int k = 0;
      for (int i = 0; i < prob.length; i++) {
        double p = k < languageIndexes.length && languageIndexes[k] == i ? probabilities[k++] : 0.0;
        prob[i] *= weight + p;
      }
    }
  }

  LanguageProfiles {
    languages = List.copyOf(languages);
    // a HashMap, not Map.copyOf: the immutable map's linear probing clusters badly on the dense hashes of short strings
    ngrams = Collections.unmodifiableMap(new HashMap<>(ngrams));
  }

  static LanguageProfiles load() {
    String index = read(DIRECTORY + "profiles.txt");
    List<String> files = index.lines().filter(line -> !line.isBlank()).toList();
    if (files.size() < 2) throw new IllegalStateException(DIRECTORY + "profiles.txt lists fewer than 2 profiles");
    ObjectMapper json = new ObjectMapper();
    List<String> languages = new ArrayList<>();
    Map<String, List<double[]>> entries = new HashMap<>(); // n-gram -> {language index, probability} pairs
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
        String word = entry.getKey();
        List<double[]> row = entries.computeIfAbsent(word, w -> new ArrayList<>(2));
        int length = word.codePointCount(0, word.length());
        if (length >= 1 && length <= 3) {
          row.add(new double[] {i, (double) entry.getValue().asLong() / (double) nWords.get(length - 1).asLong()});
        }
      }
    }
    Map<String, NGramRow> ngrams = new HashMap<>(entries.size() * 2);
    entries.forEach((word, row) -> {
      int[] indexes = new int[row.size()];
      double[] probabilities = new double[row.size()];
      for (int k = 0; k < row.size(); k++) {
        indexes[k] = (int) row.get(k)[0];
        probabilities[k] = row.get(k)[1];
      }
      ngrams.put(word, new NGramRow(indexes, probabilities));
    });
    return new LanguageProfiles(languages, ngrams);
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
