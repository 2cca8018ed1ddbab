package ai.raif.trainer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a byte-level BPE vocabulary cuts text before merging, keyed by the {@code tokenizer.ggml.pre} names llama.cpp
 * writes. Each entry reproduces the normalizer and pre-tokenizer of the model family's own {@code tokenizer.json}
 * (the regexes are the ones llama.cpp's llama-vocab.cpp uses for the same names), and whether its BPE model looks
 * whole words up before merging ({@code ignore_merges}, as Llama 3 does).
 */
enum GgufPreTokenizer {

    /** GPT-2's own regex inside ByteLevel. */
    GPT2(List.of("default", "gpt2"), null, byteLevel(true, true), false),

    /** SmolLM / StarCoder: every digit on its own, then GPT-2's regex. */
    SMOLLM(List.of("smollm", "starcoder", "refact", "codeshell"),
            null,
            sequence(node("Digits").put("individual_digits", true), byteLevel(true, true)),
            false),

    /** Llama 3: numbers in groups of up to three, case-insensitive contractions, newlines kept apart. */
    LLAMA3(List.of("llama-bpe", "llama3", "llama-v3"),
            null,
            sequence(split("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
                    + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"), byteLevel(true, false)),
            true),

    /** Qwen2 / Qwen2.5: like Llama 3 but single digits, and NFC-normalised first. */
    QWEN2(List.of("qwen2", "deepseek-r1-qwen"),
            node("NFC"),
            sequence(split("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
                    + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"), byteLevel(false, false)),
            false);

    private static final Map<String, GgufPreTokenizer> BY_NAME = Arrays.stream(values())
            .flatMap(pre -> pre.names.stream().map(name -> Map.entry(name, pre)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    private final List<String> names;
    private final JsonNode normalizer;
    private final JsonNode preTokenizer;
    private final boolean ignoreMerges;

    GgufPreTokenizer(List<String> names, JsonNode normalizer, JsonNode preTokenizer, boolean ignoreMerges) {
        this.names = names;
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.ignoreMerges = ignoreMerges;
    }

    /** The entry for a {@code tokenizer.ggml.pre} value; an absent value means llama.cpp's default (GPT-2). */
    static GgufPreTokenizer forName(String name) {
        if (name == null) {
            return GPT2;
        }
        GgufPreTokenizer pre = BY_NAME.get(name);
        if (pre == null) {
            throw new TokenizerLoadException("unsupported tokenizer.ggml.pre '" + name + "' (supported: "
                    + BY_NAME.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
        }
        return pre;
    }

    /** The normalizer JSON, or null for none. */
    JsonNode normalizer() {
        return normalizer == null ? null : normalizer.deepCopy();
    }

    JsonNode preTokenizer() {
        return preTokenizer.deepCopy();
    }

    boolean ignoreMerges() {
        return ignoreMerges;
    }

    private static ObjectNode node(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static ObjectNode byteLevel(boolean trimOffsets, boolean useRegex) {
        return node("ByteLevel").put("add_prefix_space", false).put("trim_offsets", trimOffsets).put("use_regex", useRegex);
    }

    private static ObjectNode split(String regex) {
        ObjectNode split = node("Split");
        split.putObject("pattern").put("Regex", regex);
        return split.put("behavior", "Isolated").put("invert", false);
    }

    private static ObjectNode sequence(ObjectNode... steps) {
        ObjectNode sequence = node("Sequence");
        Stream.of(steps).forEach(sequence.putArray("pretokenizers")::add);
        return sequence;
    }
}
