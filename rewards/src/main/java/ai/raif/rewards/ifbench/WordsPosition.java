package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import ai.raif.rewards.text.WordTokenizer;
import java.util.List;

/**
 * {@code words:words_position}: the second NLTK word token and the second-to-last one are keyword (ignoring case); when
 * the last token is punctuation (a substring of string.punctuation, such as "." or "()"), the third-to-last instead.
 */
record WordsPosition(String keyword) implements Instruction {
  static final List<String> KWARGS = List.of("keyword");

  static WordsPosition from(Kwargs kw) {
    return new WordsPosition(PyStrings.lower(PythonUnicode.strip(kw.string("keyword"))));
  }

  @Override
  public boolean isFollowedBy(String response) {
    List<String> tokens = WordTokenizer.tokenize(response);
    int size = tokens.size();
    if (size < 2) return false;
    int fromEnd = PyStrings.PUNCTUATION.contains(tokens.get(size - 1)) ? 3 : 2;
    if (size < fromEnd) return false;
    return PyStrings.lower(tokens.get(1)).equals(keyword)
        && PyStrings.lower(tokens.get(size - fromEnd)).equals(keyword);
  }
}
