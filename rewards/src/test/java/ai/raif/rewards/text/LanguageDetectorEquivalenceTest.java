package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The optimised {@link LanguageDetector} (packed n-gram keys, primitive tables, scratch factor arrays) against a
 * straightforward port of langdetect's algorithm kept here as the oracle (string-keyed map of sparse rows, the row
 * update exactly as _update_lang_prob): the language probabilities must be identical to the last bit.
 */
class LanguageDetectorEquivalenceTest {

  @Test
  void probabilitiesAreBitIdenticalOnGoldenTexts() {
    int compared = 0;
    for (GoldenCases.Case c : GoldenCases.CASES) {
      assertSameProbabilities(c.text());
      compared++;
    }
    assertEquals(GoldenCases.CASES.size(), compared);
  }

  @Test
  void probabilitiesAreBitIdenticalOnRandomMixedScriptTexts() {
    Random random = new Random(20261123);
    String[] pieces = {"the ", "The ", "THE ", "QUICK ", "fox ", "é", "ß", "ñ", "Привет ", "мир ", "日本語", "の",
        "カタカナ", "한국어 ", "مرحبا ", "नमस्ते ", "ภาษาไทย ", "a\u0300", "e\u0301", "o\u0323", "A\u0309", "ș", "ț",
        "ی", "http://example.com/x?y=1 ", "mail@example.org ", "  ", "\n", ".", "123 ", "'", "İ", "ǅ", "\uD835\uDC00",
        "\uD800", "Ω ", "ｆｕｌｌ ", "ㄅㄆ", "一二三"};
    for (int i = 0; i < 1500; i++) {
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(i % 50 == 0 ? 3000 : 60);
      for (int j = 0; j < n; j++) {
        if (random.nextInt(8) == 0) text.appendCodePoint(random.nextInt(0x3000));
        else text.append(pieces[random.nextInt(pieces.length)]);
      }
      assertSameProbabilities(text.toString());
    }
  }

  @Test
  void mailRemovalEqualsTheRegexReplacement() {
    Random random = new Random(8);
    String[] pieces = {"a", "Z", "0", "-", "_", ".", "@", "@@", " ", "x@y", "me@example.com", "\u00e9", "\n"};
    for (int i = 0; i < 30_000; i++) {
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(i % 100 == 0 ? 400 : 30);
      for (int j = 0; j < n; j++) text.append(pieces[random.nextInt(pieces.length)]);
      String s = text.toString();
      assertEquals(Reference.MAIL.matcher(s).replaceAll(" "), LanguageDetector.removeMails(s), s);
    }
    String long64 = "a".repeat(64) + "@b.c";
    assertEquals(" ", LanguageDetector.removeMails(long64));
    assertEquals("a ", LanguageDetector.removeMails("a" + long64));
  }

  @Test
  void longTextsAreCutAtTenThousandCodePoints() {
    assertSameProbabilities("word and other words in English. ".repeat(1000));
    assertSameProbabilities("mot et autres mots en français. ".repeat(400) + "Wort und andere Wörter. ".repeat(400));
  }

  private static void assertSameProbabilities(String text) {
    double[] expected = Reference.probabilities(text);
    if (expected == null) {
      LanguageNotDetectableException error = null;
      try {
        LanguageDetector.probabilities(text);
      } catch (LanguageNotDetectableException e) {
        error = e;
      }
      assertEquals("No features in text.", error == null ? null : error.getMessage(), text);
      return;
    }
    assertArrayEquals(expected, LanguageDetector.probabilities(text), text);
  }

  /** The unoptimised port: the oracle. Null for "no features". */
  private static final class Reference {
    private static final Pattern URL = Pattern.compile("https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}");
    private static final Pattern MAIL =
        Pattern.compile("[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}");
    private static final LangDetectNormalizer NORMALIZER =
        new LangDetectNormalizer(LanguageProfiles.read("/ai/raif/rewards/data/langdetect/messages.properties"));
    private static final int LANGUAGES = 55;
    private static final Map<String, double[]> NGRAMS = loadDenseRows();

    static double[] probabilities(String text) {
      List<double[]> ngrams = extractNGrams(clean(prepare(text)));
      if (ngrams.isEmpty()) return null;
      double[] total = new double[LANGUAGES];
      PythonRandom random = new PythonRandom(0);
      for (int trial = 0; trial < 7; trial++) {
        double[] prob = new double[LANGUAGES];
        Arrays.fill(prob, 1.0 / LANGUAGES);
        double alpha = 0.5 + random.gauss() * 0.05;
        double weight = alpha / 10_000;
        for (int i = 0; ; i++) {
          double[] p = ngrams.get(random.randBelow(ngrams.size()));
          for (int j = 0; j < LANGUAGES; j++) prob[j] *= weight + p[j];
          if (i % 5 == 0 && (normalize(prob) > 0.99999 || i >= 1000)) break;
        }
        for (int j = 0; j < LANGUAGES; j++) total[j] += prob[j] / 7;
      }
      return total;
    }

    private static double normalize(double[] prob) {
      double sum = 0.0;
      for (double p : prob) sum += p;
      double max = 0.0;
      for (int i = 0; i < prob.length; i++) {
        prob[i] = prob[i] / sum;
        max = Math.max(max, prob[i]);
      }
      return max;
    }

    private static String prepare(String text) {
      String normalized = URL.matcher(text).replaceAll(" ");
      normalized = MAIL.matcher(normalized).replaceAll(" ");
      normalized = NORMALIZER.normalizeVi(normalized);
      StringBuilder kept = new StringBuilder();
      int previous = 0;
      int[] cps = normalized.codePoints().limit(10_000).toArray();
      for (int ch : cps) {
        if (ch != ' ' || previous != ' ') kept.appendCodePoint(ch);
        previous = ch;
      }
      return kept.toString();
    }

    private static String clean(String text) {
      long latin = text.codePoints().filter(ch -> ch >= 'A' && ch <= 'z').count();
      long nonLatin = text.codePoints().filter(ch -> ch >= 0x300).count();
      if (latin * 2 >= nonLatin) return text;
      StringBuilder kept = new StringBuilder();
      text.codePoints().filter(ch -> ch < 'A' || ch > 'z').forEach(kept::appendCodePoint);
      return kept.toString();
    }

    private static List<double[]> extractNGrams(String text) {
      List<double[]> result = new ArrayList<>();
      StringBuilder grams = new StringBuilder(" ");
      boolean capitalWord = false;
      for (int ch : text.codePoints().toArray()) {
        ch = NORMALIZER.normalize(ch);
        int[] held = grams.codePoints().toArray();
        int last = held[held.length - 1];
        if (last == ' ') {
          grams = new StringBuilder(" ");
          capitalWord = false;
          if (ch == ' ') continue;
        } else if (held.length >= 3) {
          grams = new StringBuilder().appendCodePoint(held[1]).appendCodePoint(held[2]);
        }
        grams.appendCodePoint(ch);
        if (Character.isUpperCase(ch)) {
          if (Character.isUpperCase(last)) capitalWord = true;
        } else {
          capitalWord = false;
        }
        if (capitalWord) continue;
        int[] now = grams.codePoints().toArray();
        for (int n = 1; n <= 3 && n <= now.length; n++) {
          if (n == 1 && now[now.length - 1] == ' ') continue;
          double[] row = NGRAMS.get(new String(now, now.length - n, n));
          if (row != null) result.add(row);
        }
      }
      return result;
    }

    private static Map<String, double[]> loadDenseRows() {
      ObjectMapper json = new ObjectMapper();
      List<String> files = LanguageProfiles.read("/ai/raif/rewards/data/langdetect/profiles.txt").lines()
          .filter(line -> !line.isBlank()).toList();
      assertEquals(LANGUAGES, files.size());
      Map<String, double[]> rows = new HashMap<>();
      for (int i = 0; i < files.size(); i++) {
        JsonNode profile;
        try {
          profile = json.readTree(LanguageProfiles.read("/ai/raif/rewards/data/langdetect/profiles/" + files.get(i)));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        JsonNode nWords = profile.get("n_words");
        for (Iterator<Map.Entry<String, JsonNode>> it = profile.get("freq").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          int length = entry.getKey().codePointCount(0, entry.getKey().length());
          if (length < 1 || length > 3) continue;
          rows.computeIfAbsent(entry.getKey(), k -> new double[LANGUAGES])[i] =
              (double) entry.getValue().asLong() / (double) nWords.get(length - 1).asLong();
        }
      }
      return rows;
    }
  }

  @Test
  void profileRowsMatchTheDenseReferenceRows() {
    LanguageProfiles profiles = LanguageProfiles.load();
    int checked = 0;
    for (Map.Entry<String, double[]> e : Reference.NGRAMS.entrySet()) {
      assertArrayEquals(e.getValue(), profiles.probabilities(e.getKey()), e.getKey());
      checked++;
    }
    assertEquals(profiles.ngramCount(), checked);
    assertNull(profiles.probabilities("no such n-gram"));
    assertNull(profiles.probabilities("\uD83D\uDE00"));
  }
}
