package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code detectable_format:json_format}: after stripping, removing one leading {@code ```json}, {@code ```Json},
 * {@code ```JSON} and {@code ```} (each tried in turn on the previous result) and one trailing {@code ```}, and
 * stripping again, the text parses with Python's {@code json.loads}.
 */
record JsonFormat() implements Instruction {
  static final List<String> KWARGS = List.of();
  private static final List<String> FENCES = List.of("```json", "```Json", "```JSON", "```");

  @Override
  public boolean isFollowedBy(String response) {
    String value = PythonUnicode.strip(response);
    for (String fence : FENCES) {
      if (value.startsWith(fence)) value = value.substring(fence.length());
    }
    if (value.endsWith("```")) value = value.substring(0, value.length() - 3);
    return PyJson.isValid(PythonUnicode.strip(value));
  }
}
