package ai.raif.trainer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Reads the tokenizer files of a Hugging Face model directory. */
final class HfTokenizerDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HfTokenizerDirectory() {}

    /**
     * {@code tokenizer.json} and {@code tokenizer_config.json} are required; {@code generation_config.json} (extra stop
     * ids) and {@code chat_template.jinja} (which newer transformers save instead of the config field, and which wins
     * over it) are optional.
     */
    static TokenizerDefinition read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TokenizerLoadException("tokenizer directory " + dir + " does not exist or is not a directory");
        }
        Path tokenizerFile = requireFile(dir, "tokenizer.json");
        Path configFile = requireFile(dir, "tokenizer_config.json");
        JsonNode tokenizerJson = readJson(tokenizerFile);
        JsonNode config = readJson(configFile);
        Vocabulary vocabulary = Vocabulary.fromTokenizerJson(tokenizerJson, tokenizerFile.toString());

        Path generationFile = dir.resolve("generation_config.json");
        List<Integer> extraStops = Files.isRegularFile(generationFile)
                ? eosIds(readJson(generationFile), generationFile)
                : List.of();
        SpecialTokens specials = SpecialTokens.of(
                specialId(config, "bos_token", vocabulary, configFile),
                specialId(config, "eos_token", vocabulary, configFile),
                specialId(config, "pad_token", vocabulary, configFile),
                specialId(config, "unk_token", vocabulary, configFile),
                extraStops);
        JsonNode cleanUp = config.path("clean_up_tokenization_spaces");
        if (!cleanUp.isMissingNode() && !cleanUp.isNull() && !cleanUp.isBoolean()) {
            throw new TokenizerLoadException(configFile + ": clean_up_tokenization_spaces must be true or false, got " + cleanUp);
        }
        return new TokenizerDefinition(
                tokenizerJson, vocabulary, specials, chatTemplate(dir, config, configFile), cleanUp.asBoolean(false), dir.toString());
    }

    private static Path requireFile(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new TokenizerLoadException(name + " not found in " + dir);
        }
        return file;
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new TokenizerLoadException(file + ": expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new TokenizerLoadException(file + ": cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** A special token is a string, an AddedToken object {"content": ...}, or null/absent. */
    private static OptionalInt specialId(JsonNode config, String field, Vocabulary vocabulary, Path configFile) {
        JsonNode value = config.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return OptionalInt.empty();
        }
        JsonNode content = value.isObject() ? value.path("content") : value;
        if (!content.isTextual()) {
            throw new TokenizerLoadException(configFile + ": " + field + " must be a string or an object with a string content, got " + value);
        }
        OptionalInt id = vocabulary.idOf(content.asText());
        if (id.isEmpty()) {
            throw new TokenizerLoadException(configFile + ": " + field + " '" + content.asText() + "' is not in the vocabulary of tokenizer.json");
        }
        return id;
    }

    /** {@code chat_template.jinja}, else the config's {@code chat_template}: a string, or a list of {name, template} of which "default" is used. */
    private static String chatTemplate(Path dir, JsonNode config, Path configFile) {
        Path jinjaFile = dir.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinjaFile)) {
            try {
                return Files.readString(jinjaFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TokenizerLoadException(jinjaFile + ": cannot read: " + e.getMessage(), e);
            }
        }
        JsonNode template = config.path("chat_template");
        if (template.isMissingNode() || template.isNull()) {
            return null;
        }
        if (template.isTextual()) {
            return template.asText();
        }
        if (template.isArray()) {
            for (JsonNode named : template) {
                if ("default".equals(named.path("name").asText()) && named.path("template").isTextual()) {
                    return named.get("template").asText();
                }
            }
            throw new TokenizerLoadException(configFile + ": chat_template is a list without a \"default\" entry");
        }
        throw new TokenizerLoadException(configFile + ": chat_template must be a string or a list of {name, template}, got " + template.getNodeType());
    }

    private static List<Integer> eosIds(JsonNode generationConfig, Path file) {
        JsonNode eos = generationConfig.path("eos_token_id");
        List<Integer> ids = new ArrayList<>();
        if (eos.isMissingNode() || eos.isNull()) {
            return ids;
        }
        for (JsonNode id : eos.isArray() ? eos : List.of(eos)) {
            if (!id.isIntegralNumber()) {
                throw new TokenizerLoadException(file + ": eos_token_id must be an integer or a list of integers, got " + eos);
            }
            ids.add(id.asInt());
        }
        return ids;
    }
}
