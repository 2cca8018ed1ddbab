package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code detectable_content:postscript}: the lower-cased response contains the marker anywhere (not only at a line
 * start: "a step. S. said" passes for "P.S."). "P.P.S" and "P.S." allow one whitespace character after each dot;
 * "P.S." needs its final dot. The reference wraps the pattern in {@code \s*...*$}, which cannot change whether a match
 * exists, so only the core is searched (the leading {@code \s*} would make the scan quadratic on long blank runs).
 * Any other marker is searched literally, where the reference uses it unescaped (the same for markers without regex
 * metacharacters; IFEval's data uses only the two above).
 */
record Postscript(Pattern marker) implements Instruction {
  static final List<String> KWARGS = List.of("postscript_marker");
  private static final String WS = PyRegex.SPACE + "?";

  static Postscript from(Kwargs kw) {
    String marker = PythonUnicode.strip(kw.string("postscript_marker"));
    return new Postscript(switch (marker) {
      case "P.P.S" -> Pattern.compile("p\\." + WS + "p\\." + WS + "s");
      case "P.S." -> Pattern.compile("p\\." + WS + "s\\.");
      default -> Pattern.compile(Pattern.quote(PyStrings.lower(marker)));
    });
  }

  @Override
  public boolean isFollowedBy(String response) {
    return marker.matcher(PyStrings.lower(response)).find();
  }
}
