package ai.raif.rewards.ifeval;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code language:response_language}: langdetect finds the given ISO 639-1 language; a response without detectable
 * features (only digits or punctuation) counts as following it, as in the reference.
 */
record ResponseLanguage(String language) implements Instruction {
  static final List<String> KWARGS = List.of("language");

  /** The keys of IFEval's LANGUAGE_CODES: build_description fails (KeyError) for any other code. */
  static final Set<String> LANGUAGES = Set.of("en", "es", "pt", "ar", "hi", "fr", "ru", "de", "ja", "it", "bn", "uk",
      "th", "ur", "ta", "te", "bg", "ko", "pl", "he", "fa", "vi", "ne", "sw", "kn", "mr", "gu", "pa", "ml", "fi");

  static ResponseLanguage from(Kwargs kw) {
    String language = kw.string("language");
    if (!LANGUAGES.contains(language)) {
      throw kw.invalid("language",
          "must be one of IFEval's language codes " + new TreeSet<>(LANGUAGES) + ", got \"" + language + "\"");
    }
    return new ResponseLanguage(language);
  }

  @Override
  public boolean isFollowedBy(String response) {
    return DetectedLanguage.isOrUndetectable(response, language);
  }
}
