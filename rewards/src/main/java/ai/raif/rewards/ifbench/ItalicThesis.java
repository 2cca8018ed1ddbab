package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;

/**
 * {@code format:thesis}: an {@code <i>} (else {@code <em>}) followed by a closing {@code </i>} (else {@code </em>}),
 * with non-blank text between and after. As in the reference, the text is cut 3 characters after the opening tag and
 * 4 after the closing one whichever tag was found.
 */
enum ItalicThesis implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    int open = response.indexOf("<i>");
    if (open < 0) open = response.indexOf("<em>");
    if (open < 0) return false;
    String text = response.substring(open);
    int close = text.indexOf("</i>");
    if (close < 0) close = text.indexOf("</em>");
    if (close < 0) return false;
    // Every cut falls right after an ASCII tag character, so UTF-16 offsets equal Python's code point offsets.
    String thesis = close <= 3 ? "" : text.substring(3, close);
    return !PyStrings.isBlank(thesis) && !PyStrings.isBlank(text.substring(close + 4));
  }
}
