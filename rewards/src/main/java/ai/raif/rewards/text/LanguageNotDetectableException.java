package ai.raif.rewards.text;

/**
 * langdetect's {@code LangDetectException} "No features in text.": the text has no letter n-gram of any language
 * (empty, digits, punctuation, emoji...). IFEval's language checks count such a response as following the instruction.
 */
public final class LanguageNotDetectableException extends RuntimeException {
  public LanguageNotDetectableException(String message) {
    super(message);
  }
}
