package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.LanguageDetector;
import ai.raif.rewards.text.LanguageNotDetectableException;

/** langdetect as IFEval's checkers use it: a text without detectable features counts as following the instruction. */
final class DetectedLanguage {
  private DetectedLanguage() {}

  static boolean isOrUndetectable(String text, String language) {
    try {
      return language.equals(LanguageDetector.detect(text));
    } catch (LanguageNotDetectableException noFeatures) {
      return true;
    }
  }
}
