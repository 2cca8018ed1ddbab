package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import ai.raif.rewards.text.SentenceSplitter;
import java.util.List;

/**
 * {@code format:emoji}: every Punkt sentence, with punctuation removed and stripped, ends with an emoji in its last or
 * second-last code point, or else the next sentence starts with one (an emoji that Punkt moved past the period).
 * Emoji are those of the emoji package 2.16.0, one code point each here.
 */
enum EmojiSentences implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    List<String> sentences = SentenceSplitter.split(response);
    for (int i = 0; i < sentences.size(); i++) {
      int[] text = bare(sentences.get(i));
      if (text.length == 0) return false;
      int last = text[text.length - 1];
      int secondLast = text.length > 1 ? text[text.length - 2] : last;
      if (isEmoji(last) || isEmoji(secondLast)) continue;
      if (i == sentences.size() - 1) return false;
      int[] next = bare(sentences.get(i + 1));
      if (next.length == 0 || !isEmoji(next[0])) return false;
    }
    return true;
  }

  private static int[] bare(String sentence) {
    return PythonUnicode.strip(Py.withoutPunctuation(sentence)).codePoints().toArray();
  }

  private static boolean isEmoji(int cp) {
    return Emoji.is(new String(Character.toChars(cp)));
  }
}
