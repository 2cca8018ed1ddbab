package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import java.text.Normalizer;
import java.util.List;

/** The Python idioms IFBench's checkers repeat, spelled once. */
final class Py {
  /** {@code string.punctuation + ' '}, which many checkers strip from words. */
  static final String PUNCTUATION_SPACE = PyStrings.PUNCTUATION + " ";

  private Py() {}

  /** {@code s.translate(str.maketrans('', '', string.punctuation))}. */
  static String withoutPunctuation(String s) {
    return PyStrings.delete(s, PyStrings.PUNCTUATION);
  }

  /** {@code s.split()}. */
  static List<String> words(String s) {
    return PythonUnicode.split(s);
  }

  /** {@code s.strip(string.punctuation + ' ')}. */
  static String stripPunctuation(String s) {
    return PyStrings.strip(s, PUNCTUATION_SPACE);
  }

  /** {@code a[0] == b[0]} for non-empty strings: the same first code point. */
  static boolean sameFirst(String a, String b) {
    return a.codePointAt(0) == b.codePointAt(0);
  }

  /** {@code re.findall(r"\d+", text)}: the maximal runs of Unicode decimal digits. */
  static List<String> digitRuns(String text) {
    return PythonUnicode.runs(text, Character::isDigit);
  }

  /** {@code unicodedata.normalize('NFKD', s).encode('ASCII', 'ignore').decode('ASCII')}: "São Tomé" -> "Sao Tome". */
  static String asciiFold(String s) {
    String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
    StringBuilder ascii = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      if (decomposed.charAt(i) < 0x80) ascii.append(decomposed.charAt(i));
    }
    return ascii.toString();
  }
}
