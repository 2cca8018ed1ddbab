package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code detectable_format:multiple_sections}: the number of splits by {@code \s?SPLITTER\s?\d+\s?} is at least
 * {@code num_sections}. Case-sensitive, anywhere in the text ("See Section 3" counts), digits may follow directly
 * ("SECTION1") and {@code \d} is any Unicode decimal digit. The splitter is quoted where the reference inserts it
 * unescaped (the same for splitters without regex metacharacters; IFEval's are words like "Section" and "Day").
 */
record MultipleSections(Pattern splitter, long sections) implements Instruction {
  static final List<String> KWARGS = List.of("section_spliter", "num_sections");

  static MultipleSections from(Kwargs kw) {
    String splitter = PythonUnicode.strip(kw.string("section_spliter"));
    String ws = PyRegex.SPACE + "?";
    return new MultipleSections(
        Pattern.compile(ws + Pattern.quote(splitter) + ws + PyRegex.DIGIT + "+" + ws), kw.count("num_sections"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    // len(re.split(p, s)) - 1 is the number of non-overlapping matches of p (it cannot match the empty string).
    Matcher m = splitter.matcher(response);
    long splits = 0;
    while (m.find()) splits++;
    return splits >= sections;
  }
}
