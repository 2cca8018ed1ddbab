package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code length_constraints:nth_paragraph_first_word}: paragraphs are split on {@code "\n\n"}; the number of non-blank
 * ones must equal {@code num_paragraphs}, and the first word of paragraph {@code nth_paragraph} (leading quotes
 * removed, cut at the first {@code . , ? ! ' "}, lower-cased) must be {@code first_word}.
 *
 * <p>Reproduces the reference's indexing quirk: the count skips blank paragraphs but the nth paragraph is taken from
 * the unfiltered split, so a leading blank paragraph shifts the index.
 */
record NthParagraphFirstWord(long paragraphs, long nth, String firstWord) implements Instruction {
  static final List<String> KWARGS = List.of("num_paragraphs", "nth_paragraph", "first_word");
  private static final String WORD_END = ".,?!'\"";

  static NthParagraphFirstWord from(Kwargs kw) {
    long paragraphs = kw.count("num_paragraphs");
    long nth = kw.integer("nth_paragraph");
    if (nth <= 0 || nth > paragraphs) {
      throw kw.invalid("nth_paragraph",
          "must be between 1 and num_paragraphs (" + paragraphs + "), got " + nth
              + " (IFEval would substitute a random value)");
    }
    return new NthParagraphFirstWord(paragraphs, nth, PyStrings.lower(kw.string("first_word")));
  }

  @Override
  public boolean isFollowedBy(String response) {
    List<String> parts = PyStrings.split(response, "\n\n");
    long nonBlank = parts.stream().filter(p -> !PythonUnicode.strip(p).isEmpty()).count();
    if (nth > nonBlank) return false;
    String paragraph = PythonUnicode.strip(parts.get((int) nth - 1));
    if (paragraph.isEmpty()) return false;
    return nonBlank == paragraphs && firstWord(paragraph).equals(firstWord);
  }

  private static String firstWord(String paragraph) {
    String word = PyStrings.lstrip(PyStrings.lstrip(PyStrings.firstWord(paragraph), '\''), '"');
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      if (WORD_END.indexOf(cp) >= 0) break;
      // Lower-cased one character at a time, as the reference does (no final-sigma context).
      out.append(PyStrings.lower(Character.toString(cp)));
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
