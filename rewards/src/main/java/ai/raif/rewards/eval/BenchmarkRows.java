package ai.raif.rewards.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a benchmark file, JSONL or one JSON array (ComplexBench ships an array, InfoBench and FollowBench
 * exports are often JSONL), each with a {@code where} ("file row N") for error messages, and typed field readers.
 */
public final class BenchmarkRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @param where "file row N", the prefix of every error about this row */
  public record Row(JsonNode node, String where) {
    public String text(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) throw error(field, "missing");
      if (!v.isTextual()) throw error(field, "expected a string, got " + v.getNodeType());
      return v.asText();
    }

    public String optionalText(String field, String fallback) {
      JsonNode v = node.get(field);
      return v == null || v.isNull() ? fallback : text(field);
    }

    /** A string or an integer (benchmark ids are either), as text. */
    public String id(String field) {
      JsonNode v = node.get(field);
      if (v != null && v.isIntegralNumber()) return v.asText();
      return text(field);
    }

    public int integer(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) throw error(field, "missing");
      // exports through pandas/parquet turn integers into floats (5.0): accept those, reject 5.5
      if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble())) throw error(field, "expected an integer, got " + v);
      return v.asInt();
    }

    public List<Row> objects(String field) {
      List<Row> out = new ArrayList<>();
      JsonNode list = array(field);
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).isObject()) throw error(field + "[" + i + "]", "expected an object");
        out.add(new Row(list.get(i), where + " " + field + "[" + i + "]"));
      }
      return out;
    }

    /** A list of strings; a single string counts as a list of one (ComplexBench writes both). */
    public List<String> texts(String field) {
      JsonNode v = node.get(field);
      if (v != null && v.isTextual()) return List.of(v.asText());
      List<String> out = new ArrayList<>();
      JsonNode list = array(field);
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).isTextual()) throw error(field + "[" + i + "]", "expected a string");
        out.add(list.get(i).asText());
      }
      return out;
    }

    public List<Integer> integers(String field) {
      List<Integer> out = new ArrayList<>();
      JsonNode list = array(field);
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).canConvertToExactIntegral()) throw error(field + "[" + i + "]", "expected an integer");
        out.add(list.get(i).asInt());
      }
      return out;
    }

    public BenchmarkDataException error(String field, String reason) {
      return new BenchmarkDataException(where + ": field " + field + ": " + reason);
    }

    private JsonNode array(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) return JSON.createArrayNode();
      if (!v.isArray()) throw error(field, "expected a list, got " + v.getNodeType());
      return v;
    }
  }

  private BenchmarkRows() {}

  /** @throws BenchmarkDataException when the file is unreadable, or a row is not valid JSON or not an object */
  public static List<Row> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read benchmark file " + file, e);
    }
    List<Row> rows = new ArrayList<>();
    if (text.stripLeading().startsWith("[")) {
      JsonNode all = parse(text, file + ": the JSON array");
      for (int i = 0; i < all.size(); i++) rows.add(object(all.get(i), file + " row " + (i + 1)));
      return rows;
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) continue;
      String where = file + " line " + (i + 1);
      rows.add(object(parse(lines[i], where), where));
    }
    return rows;
  }

  private static JsonNode parse(String json, String where) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BenchmarkDataException(where + ": not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static Row object(JsonNode node, String where) {
    if (!node.isObject()) throw new BenchmarkDataException(where + ": expected a JSON object");
    return new Row(node, where);
  }
}
