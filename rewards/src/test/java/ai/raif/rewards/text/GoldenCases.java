package ai.raif.rewards.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The cases of text/text_golden.json.gz, written by tools/golden/text_golden.py with the Python reference. */
final class GoldenCases {
  /** kind is "verdict" (IFEval/IFBench texts), "hand" (hand-written) or "random" (seeded random strings). */
  record Case(String id, String kind, String text, List<String> sentences, List<String> words, int countRe,
              int countNltk, String lang) {}

  static final JsonNode ROOT = readGzipJson("/text/text_golden.json.gz");
  static final List<Case> CASES = parse(ROOT.get("cases"));

  private GoldenCases() {}

  static JsonNode readGzipJson(String resource) {
    try (InputStream in = GoldenCases.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("test resource " + resource + " is missing");
      return new ObjectMapper().readTree(new GZIPInputStream(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Case> parse(JsonNode cases) {
    List<Case> result = new ArrayList<>();
    for (JsonNode c : cases) {
      result.add(new Case(c.get("id").asText(), c.get("kind").asText(), c.get("text").asText(),
          strings(c.get("sentences")), strings(c.get("words")), c.get("count_re").asInt(), c.get("count_nltk").asInt(),
          c.get("lang").isNull() ? null : c.get("lang").asText()));
    }
    return List.copyOf(result);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
