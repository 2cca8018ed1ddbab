package ai.raif.trainer.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads the golden files that tools/golden/tokenizer_golden.py wrote under src/test/resources/text/. */
final class Golden {

    static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {}

    static JsonNode json(String name) {
        try (InputStream in = open(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object as plain Java values (Map, List, String, Integer/Long, Double, Boolean), the shape GGUF metadata has. */
    static Map<String, Object> plainMap(String name) {
        try (InputStream in = open(name)) {
            return JSON.readValue(name.endsWith(".gz") ? new GZIPInputStream(in) : in, new TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> plainMap(JsonNode node) {
        return JSON.convertValue(node, new TypeReference<>() {});
    }

    static String resourceText(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    static List<ChatMessage> messages(JsonNode array) {
        List<ChatMessage> messages = new ArrayList<>();
        array.forEach(m -> messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText())));
        return messages;
    }

    private static InputStream open(String name) {
        InputStream in = Golden.class.getResourceAsStream("/text/" + name);
        if (in == null) {
            throw new IllegalStateException("test resource text/" + name + " is missing; run tools/golden/tokenizer_golden.py");
        }
        return in;
    }
}
