package ai.raif.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a {@link RaifConfig}: the bundled defaults (conf/local.yaml), overlaid by each {@code --conf} file in order,
 * then by each {@code --set key=value}. Binding is strict: an unknown or ill-typed key is an error naming it.
 */
public final class ConfigLoader {
  static final String DEFAULTS = "/ai/raif/conf/local.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private ConfigLoader() {}

  public static RaifConfig load(List<Path> files, List<String> overrides) {
    return load(null, files, overrides);
  }

  /**
   * As {@link #load(List, List)} with a bundled profile ({@code conf/<profile>.yaml}, e.g. {@code demo}) between the
   * defaults and the user's files; null for none.
   */
  public static RaifConfig load(String profile, List<Path> files, List<String> overrides) {
    ObjectNode tree = defaults();
    if (profile != null) merge(tree, bundled(profile), profile + ".yaml", "");
    for (Path f : files) merge(tree, readFile(f), f.toString(), "");
    for (String o : overrides) applySet(tree, o);
    return bind(tree, files.isEmpty() ? "configuration" : "configuration (" + files + ")").validate();
  }

  /** {@code config} with {@code overrides} applied as {@code --set}s would be (e.g. a derived evaluation run). */
  public static RaifConfig with(RaifConfig config, List<String> overrides) {
    ObjectNode tree = YAML.valueToTree(config);
    for (String o : overrides) applySet(tree, o);
    return bind(tree, "configuration").validate();
  }

  private static ObjectNode defaults() {
    return bundled("local");
  }

  private static ObjectNode bundled(String name) {
    String resource = "/ai/raif/conf/" + name + ".yaml";
    try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("bundled config " + resource + " missing from the classpath");
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled config " + resource, e);
    }
  }

  private static JsonNode readFile(Path f) {
    if (!Files.isRegularFile(f)) throw new ConfigException("config file not found: " + f);
    try {
      JsonNode n = YAML.readTree(f.toFile());
      if (n == null || n.isMissingNode() || n.isNull()) return YAML.createObjectNode();
      if (!n.isObject()) throw new ConfigException(f + ": top level must be a mapping of sections");
      return n;
    } catch (JsonProcessingException e) {
      throw new ConfigException(f + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException(f + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Deep-merges {@code over} into {@code base}: mappings merge key by key, anything else replaces. */
  private static void merge(ObjectNode base, JsonNode over, String file, String prefix) {
    Iterator<Map.Entry<String, JsonNode>> it = over.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = base.get(e.getKey());
      if (e.getValue().isNull()) {
        // "train:" with nothing under it is an empty section: nothing to override. A key without a value is a mistake,
        // unless null is its default (an optional setting such as judge.api_key_env)
        if (existing instanceof ObjectNode) continue;
        if (existing != null && !existing.isNull()) {
          throw new ConfigException(file + ": '" + prefix + e.getKey() + "' has no value; give it one or remove the key");
        }
      }
      if (existing instanceof ObjectNode o && e.getValue().isObject()) {
        merge(o, e.getValue(), file, prefix + e.getKey() + ".");
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }

  /** {@code a.b.c=value}; the value is read as a YAML scalar so numbers and booleans keep their types. */
  static void applySet(ObjectNode tree, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) throw new ConfigException("--set expects key=value, got '" + assignment + "'");
    String key = assignment.substring(0, eq).trim();
    String raw = assignment.substring(eq + 1);
    JsonNode value;
    try {
      value = raw.isEmpty() ? YAML.getNodeFactory().textNode("") : YAML.readTree(raw);
      if (value == null || value.isMissingNode()) value = YAML.getNodeFactory().textNode(raw);
    } catch (JsonProcessingException e) {
      value = YAML.getNodeFactory().textNode(raw);
    }
    String[] parts = key.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null) throw unknown(String.join(".", List.of(parts).subList(0, i + 1)), node);
      if (!(child instanceof ObjectNode o)) {
        throw new ConfigException("--set " + key + ": '" + String.join(".", List.of(parts).subList(0, i + 1))
            + "' is a value, not a section");
      }
      node = o;
    }
    String leaf = parts[parts.length - 1];
    if (!node.has(leaf)) throw unknown(key, node);
    if (node.get(leaf).isObject()) throw new ConfigException("--set " + key + ": is a section; set one of its keys");
    if (value.isNull() && !node.get(leaf).isNull()) {
      throw new ConfigException("--set " + key + ": has no value (null); give it one");
    }
    node.set(leaf, value);
  }

  private static ConfigException unknown(String key, ObjectNode siblings) {
    List<String> known = iterable(siblings.fieldNames());
    return new ConfigException("unknown configuration key '" + key + "' (known here: " + String.join(", ", known) + ")");
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static RaifConfig bind(ObjectNode tree, String where) {
    try {
      return YAML.treeToValue(tree, RaifConfig.class);
    } catch (UnrecognizedPropertyException e) {
      String key = dotted(e);
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw new ConfigException(where + ": unknown key '" + key + "' (known here: " + known + ")", e);
    } catch (JsonMappingException e) {
      throw new ConfigException(where + ": bad value for '" + dotted(e) + "': " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(where + ": " + e.getOriginalMessage(), e);
    }
  }

  private static String dotted(JsonMappingException e) {
    return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .map(s -> snake(s)).collect(Collectors.joining("."));
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
