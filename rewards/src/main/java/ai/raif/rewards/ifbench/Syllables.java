package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code syllapy.count(word)} of syllapy 0.7.2: the syllable count from its dictionary of 6,392 words, else of each
 * half of a hyphenated compound, else from vowel groups (a, e, i, o, u, y) with its rules for a final "e" and "le".
 * Words with a decimal digit count 0.
 */
final class Syllables {
  private static final String VOWELS = "aeiouy";

  private Syllables() {}

  static int count(String word) {
    word = PyStrings.strip(PyStrings.lower(PythonUnicode.strip(word)), PyStrings.PUNCTUATION);
    if (word.isEmpty() || word.codePoints().anyMatch(Character::isDigit)) return 0;
    Integer known = Dictionary.WORDS.get(word);
    if (known != null) return known;
    // re.match("([^-]+)-(.+)", word): text before the first hyphen, then at least one character up to a newline
    int dash = word.indexOf('-');
    if (dash > 0 && dash + 1 < word.length() && word.charAt(dash + 1) != '\n') {
      int newline = word.indexOf('\n', dash + 1);
      int first = count(word.substring(0, dash));
      int second = count(word.substring(dash + 1, newline < 0 ? word.length() : newline));
      return first == 0 || second == 0 ? 0 : first + second;
    }
    return byVowels(word.codePoints().toArray());
  }

  private static int byVowels(int[] w) {
    int n = isVowel(w[0]) ? 1 : 0;
    for (int i = 1; i < w.length; i++) {
      if (isVowel(w[i]) && !isVowel(w[i - 1])) n++;
    }
    boolean endsWithE = w[w.length - 1] == 'e';
    if (endsWithE) n--;
    if (endsWithE && w.length > 2 && w[w.length - 2] == 'l' && !isVowel(w[w.length - 3])) n++;
    return n == 0 ? 1 : n;
  }

  private static boolean isVowel(int cp) {
    return cp < 0x80 && VOWELS.indexOf(cp) >= 0;
  }

  /** Loaded on first use, so a missing data file surfaces as a clear error at the first call. */
  private static final class Dictionary {
    static final Map<String, Integer> WORDS = load();

    private static Map<String, Integer> load() {
      Map<String, Integer> words = new HashMap<>();
      for (String line : IfbenchData.lines("syllapy/data.csv")) {
        // "word,count" rows without quoting; a later row for the same word wins, as in syllapy's dict
        int comma = line.lastIndexOf(',');
        words.put(line.substring(0, comma), Integer.parseInt(line.substring(comma + 1)));
      }
      return words;
    }
  }
}
