package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** langdetect.detect with seed 0: the ISO codes IFEval's language checks compare with. */
class LanguageDetectorTest {
  private static final Map<String, String> SAMPLES = Map.of(
      "en", "The quick brown fox jumps over the lazy dog while the children watch from the garden.",
      "fr", "Bonjour tout le monde. Je m'appelle Marie et j'habite à Paris depuis dix ans.",
      "de", "Guten Tag! Ich heiße Hans und wohne seit zehn Jahren in München. Das Wetter ist schön.",
      "ru", "Привет! Меня зовут Иван. Я живу в Москве и очень люблю этот город.",
      "ja", "今日はいい天気ですね。公園に行きましょう。コーヒーを飲みます。",
      "ko", "안녕하세요. 저는 서울에 살고 있습니다. 만나서 반갑습니다.",
      "ar", "مرحبا بكم. أنا أعيش في القاهرة منذ سنوات طويلة.",
      "hi", "नमस्ते। मैं दिल्ली में रहता हूँ। यह एक बड़ा शहर है।");

  @Test
  void detectsCommonLanguages() {
    SAMPLES.forEach((language, text) -> assertEquals(language, LanguageDetector.detect(text), text));
  }

  @Test
  void allCapitalEnglishIsEnglish() {
    assertEquals("en", LanguageDetector.detect("THIS IS AN ENGLISH SENTENCE. EVERY LETTER IS CAPITALIZED!!! AMAZING."));
  }

  @Test
  void textWithoutLettersHasNoFeatures() {
    for (String text : List.of("", "12345 !!!", "\uD83D\uDE00\uD83D\uDE01", "https://example.com/a/b")) {
      assertThrows(LanguageNotDetectableException.class, () -> LanguageDetector.detect(text), text);
    }
    assertThrows(NullPointerException.class, () -> LanguageDetector.detect(null));
  }

  @Test
  void concurrentCallsGiveTheSameAnswersAsSequentialOnes() throws Exception {
    List<String> texts = GoldenCases.CASES.stream().filter(c -> c.lang() != null).limit(200).map(GoldenCases.Case::text)
        .toList();
    List<String> sequential = texts.stream().map(LanguageDetector::detect).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> parallel = texts.stream().map(t -> pool.submit(() -> LanguageDetector.detect(t))).toList();
      for (int i = 0; i < texts.size(); i++) assertEquals(sequential.get(i), parallel.get(i).get());
    } finally {
      pool.shutdownNow();
    }
  }
}
