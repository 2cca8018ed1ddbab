package ai.raif.trainer.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Typed reads of GGUF metadata values, failing with the key's name when a value is missing or of the wrong type. */
final class GgufTokenizerMetadata {

    private final Map<String, Object> metadata;

    GgufTokenizerMetadata(Map<String, Object> metadata) {
        this.metadata = metadata;
    }

    String requireString(String key) {
        return string(key).orElseThrow(() -> missing(key));
    }

    Optional<String> string(String key) {
        Object value = metadata.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw wrongType(key, "a string", value);
        }
        return Optional.of(text);
    }

    OptionalInt integer(String key) {
        Object value = metadata.get(key);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (!(value instanceof Number number) || number.longValue() != number.doubleValue()) {
            throw wrongType(key, "an integer", value);
        }
        return OptionalInt.of(Math.toIntExact(number.longValue()));
    }

    Optional<Boolean> bool(String key) {
        Object value = metadata.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(key, "a boolean", value);
        }
        return Optional.of(flag);
    }

    List<String> requireStrings(String key) {
        return strings(key).orElseThrow(() -> missing(key));
    }

    Optional<List<String>> strings(String key) {
        return list(key, String.class, "strings");
    }

    Optional<List<Number>> numbers(String key) {
        return list(key, Number.class, "numbers");
    }

    private <T> Optional<List<T>> list(String key, Class<T> elementType, String description) {
        Object value = metadata.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> values)) {
            throw wrongType(key, "a list of " + description, value);
        }
        List<T> typed = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object element = values.get(i);
            if (!elementType.isInstance(element)) {
                throw new TokenizerLoadException("GGUF metadata " + key + "[" + i + "] should be one of " + description
                        + ", got " + describe(element));
            }
            typed.add(elementType.cast(element));
        }
        return Optional.of(typed);
    }

    private static TokenizerLoadException missing(String key) {
        return new TokenizerLoadException("GGUF metadata has no " + key);
    }

    private static TokenizerLoadException wrongType(String key, String expected, Object value) {
        return new TokenizerLoadException("GGUF metadata " + key + " should be " + expected + ", got " + describe(value));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        return value.getClass().getSimpleName() + " " + (text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }
}
