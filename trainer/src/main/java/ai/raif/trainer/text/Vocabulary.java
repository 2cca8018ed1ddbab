package ai.raif.trainer.text;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Token text to id and back, read from a {@code tokenizer.json}: the model's vocabulary plus its added tokens. DJL's
 * wrapper does not expose these lookups, so they are kept here.
 */
final class Vocabulary {

    private final Map<String, Integer> idsByToken;
    private final String[] tokensById;

    private Vocabulary(Map<String, Integer> idsByToken, String[] tokensById) {
        this.idsByToken = idsByToken;
        this.tokensById = tokensById;
    }

    /** Reads {@code model.vocab} (a map for BPE/WordPiece/WordLevel, a list of [piece, score] for Unigram) and {@code added_tokens}. */
    static Vocabulary fromTokenizerJson(JsonNode tokenizerJson, String source) {
        Map<String, Integer> modelIds = new LinkedHashMap<>();
        JsonNode vocab = tokenizerJson.path("model").path("vocab");
        if (vocab.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                modelIds.put(entry.getKey(), entry.getValue().asInt());
            }
        } else if (vocab.isArray()) {
            for (int id = 0; id < vocab.size(); id++) {
                modelIds.put(vocab.get(id).path(0).asText(), id);
            }
        } else {
            throw new TokenizerLoadException(source + ": model.vocab is missing or neither an object nor a list");
        }
        Map<String, Integer> addedIds = new LinkedHashMap<>();
        for (JsonNode added : tokenizerJson.path("added_tokens")) {
            if (!added.hasNonNull("id") || !added.hasNonNull("content")) {
                throw new TokenizerLoadException(source + ": an added_tokens entry lacks id or content: " + added);
            }
            addedIds.put(added.get("content").asText(), added.get("id").asInt());
        }
        Map<String, Integer> ids = new HashMap<>(modelIds);
        ids.putAll(addedIds);
        int size = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] tokens = new String[size];
        // added tokens are written last: one that shares an id with a vocabulary entry wins, as in HF
        for (Map<String, Integer> layer : List.of(modelIds, addedIds)) {
            layer.forEach((token, id) -> {
                if (id < 0) {
                    throw new TokenizerLoadException(source + ": token " + token + " has negative id " + id);
                }
                tokens[id] = token;
            });
        }
        return new Vocabulary(ids, tokens);
    }

    int size() {
        return tokensById.length;
    }

    OptionalInt idOf(String token) {
        Integer id = idsByToken.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    String tokenText(int id) {
        if (id < 0 || id >= tokensById.length || tokensById[id] == null) {
            throw new IllegalArgumentException("token id " + id + " is not in the vocabulary (size " + tokensById.length + ")");
        }
        return tokensById[id];
    }
}
