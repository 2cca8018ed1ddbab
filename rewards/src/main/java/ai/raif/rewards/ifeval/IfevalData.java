package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads IFEval's JSONL files ({@code input_data.jsonl} and a response file of {@code {"prompt", "response"}} rows).
 * Blank lines are skipped; anything else that is not the expected JSON object is an {@link IfevalDataException}
 * naming the file and line.
 */
public final class IfevalData {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private IfevalData() {}

  public static List<IfevalInput> readInputs(Path file) {
    List<IfevalInput> inputs = new ArrayList<>();
    forEachObject(file, (row, where) -> {
      if (!row.has("key")) throw new IfevalDataException(where + ": missing \"key\"");
      String key = row.get("key").toString();
      String at = where + " (key " + key + ")";
      List<String> ids = new ArrayList<>();
      for (JsonNode id : array(row, "instruction_id_list", at)) {
        if (!id.isTextual()) throw new IfevalDataException(at + ": \"instruction_id_list\" must hold strings");
        ids.add(id.asText());
      }
      List<Map<String, Object>> kwargs = new ArrayList<>();
      for (JsonNode k : array(row, "kwargs", at)) {
        if (!k.isObject()) throw new IfevalDataException(at + ": \"kwargs\" must hold objects");
        kwargs.add(toMap(k));
      }
      if (kwargs.size() != ids.size()) {
        throw new IfevalDataException(at + ": " + ids.size() + " instruction ids but " + kwargs.size() + " kwargs");
      }
      inputs.add(new IfevalInput(key, text(row, "prompt", at), ids, kwargs));
    });
    return inputs;
  }

  /** Prompt to response; a prompt given twice keeps its last response, as the reference's dict does. */
  public static Map<String, String> readResponses(Path file) {
    return readResponses(file, false);
  }

  /** As {@link #readResponses(Path)}; with {@code alsoStripped} each row is also indexed by its stripped prompt. */
  static Map<String, String> readResponses(Path file, boolean alsoStripped) {
    Map<String, String> responses = new HashMap<>();
    forEachObject(file, (row, where) -> {
      String prompt = text(row, "prompt", where);
      String response = text(row, "response", where);
      responses.put(prompt, response);
      if (alsoStripped) responses.put(PythonUnicode.strip(prompt), response);
    });
    return responses;
  }

  private static void forEachObject(Path file, BiConsumer<JsonNode, String> action) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (PyStrings.isBlank(line)) continue;
        String where = file + " line " + lineNumber;
        JsonNode row;
        try {
          row = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw new IfevalDataException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!row.isObject()) throw new IfevalDataException(where + ": expected a JSON object");
        action.accept(row, where);
      }
    } catch (CharacterCodingException e) {
      throw new IfevalDataException(file + ": not valid UTF-8", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String text(JsonNode row, String field, String where) {
    JsonNode v = row.get(field);
    if (v == null || !v.isTextual()) throw new IfevalDataException(where + ": \"" + field + "\" must be a string");
    return v.asText();
  }

  private static JsonNode array(JsonNode row, String field, String where) {
    JsonNode v = row.get(field);
    if (v == null || !v.isArray()) throw new IfevalDataException(where + ": \"" + field + "\" must be a list");
    return v;
  }

  private static Map<String, Object> toMap(JsonNode object) {
    Map<String, Object> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
    return map;
  }
}
