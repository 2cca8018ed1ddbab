package ai.raif.rewards.ifeval;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code language:response_language}: langdetect finds the given ISO 639-1 language; a response without detectable
 * features (only digits or punctuation) counts as following it, as in the reference.
 */
record ResponseLanguage(String language) implements Instruction {
  static final List<String> KWARGS = List.of("language");

  /** IFEval's LANGUAGE_CODES: build_description fails (KeyError) for any other code. */
  static final Map<String, String> LANGUAGES = Map.ofEntries(
      Map.entry("en", "English"), Map.entry("es", "Spanish"), Map.entry("pt", "Portuguese"),
      Map.entry("ar", "Arabic"), Map.entry("hi", "Hindi"), Map.entry("fr", "French"), Map.entry("ru", "Russian"),
      Map.entry("de", "German"), Map.entry("ja", "Japanese"), Map.entry("it", "Italian"), Map.entry("bn", "Bengali"),
      Map.entry("uk", "Ukrainian"), Map.entry("th", "Thai"), Map.entry("ur", "Urdu"), Map.entry("ta", "Tamil"),
      Map.entry("te", "Telugu"), Map.entry("bg", "Bulgarian"), Map.entry("ko", "Korean"), Map.entry("pl", "Polish"),
      Map.entry("he", "Hebrew"), Map.entry("fa", "Persian"), Map.entry("vi", "Vietnamese"), Map.entry("ne", "Nepali"),
      Map.entry("sw", "Swahili"), Map.entry("kn", "Kannada"), Map.entry("mr", "Marathi"),
      Map.entry("gu", "Gujarati"), Map.entry("pa", "Punjabi"), Map.entry("ml", "Malayalam"),
      Map.entry("fi", "Finnish"));

  static ResponseLanguage from(Kwargs kw) {
    String language = kw.string("language");
    if (!LANGUAGES.containsKey(language)) {
      throw kw.invalid("language",
          "must be one of IFEval's language codes " + new TreeSet<>(LANGUAGES.keySet()) + ", got \"" + language + "\"");
    }
    return new ResponseLanguage(language);
  }

  @Override
  public boolean isFollowedBy(String response) {
    return DetectedLanguage.isOrUndetectable(response, language);
  }
}
