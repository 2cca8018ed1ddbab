package ai.raif.trainer.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The tokenizer the rest of the trainer uses: HF's Rust tokenizers (through DJL) running a {@code tokenizer.json},
 * from an HF model directory or rebuilt from GGUF metadata. Encoding and decoding are safe to call from several
 * threads at once; {@link #close()} frees the native tokenizer and must come after all use.
 */
public final class TextTokenizer implements AutoCloseable {

    /**
     * DJL otherwise adds special tokens by default, truncates to 512 tokens ("modelMaxLength") and pads batches; we
     * want exactly what the {@code tokenizer.json} says, with special tokens only when a caller asks.
     */
    private static final Map<String, String> DJL_OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final Vocabulary vocabulary;
    private final SpecialTokens specialTokens;
    private final String chatTemplate;
    private final boolean cleanUpTokenizationSpaces;
    private final com.fasterxml.jackson.databind.JsonNode tokenizerJson;

    TextTokenizer(TokenizerDefinition definition) {
        this.vocabulary = definition.vocabulary();
        this.specialTokens = definition.specialTokens();
        this.chatTemplate = definition.chatTemplate();
        this.cleanUpTokenizationSpaces = definition.cleanUpTokenizationSpaces();
        this.tokenizerJson = definition.tokenizerJson();
        byte[] json = definition.tokenizerJson().toString().getBytes(StandardCharsets.UTF_8);
        try (InputStream in = new ByteArrayInputStream(json)) {
            // no TokenizerConfig: DJL would apply its own variant of the space clean-up and prefix-space handling
            this.tokenizer = HuggingFaceTokenizer.newInstance(in, DJL_OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerLoadException(definition.source() + ": HF tokenizers rejected the tokenizer: " + e.getMessage(), e);
        }
    }

    /** Loads {@code tokenizer.json}, {@code tokenizer_config.json} and, if present, {@code generation_config.json} from {@code dir}. */
    public static TextTokenizer fromHfDirectory(Path dir) {
        return new TextTokenizer(HfTokenizerDirectory.read(dir));
    }

    /**
     * Builds the tokenizer a GGUF file describes from its metadata ({@code tokenizer.ggml.*} keys; integers as Long,
     * floats as Double, arrays as List).
     */
    public static TextTokenizer fromGgufMetadata(Map<String, Object> metadata) {
        return new TextTokenizer(GgufTokenizerConverter.convert(metadata));
    }

    /** The token ids of {@code text}; {@code addSpecialTokens} adds what the tokenizer's post-processor adds (e.g. BOS). */
    public int[] encode(String text, boolean addSpecialTokens) {
        Objects.requireNonNull(text, "text");
        long[] ids = tokenizer.encode(text, addSpecialTokens, false).getIds();
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = (int) ids[i];
        }
        return result;
    }

    /** The text of {@code ids}; incomplete UTF-8 byte sequences come out as U+FFFD, as in HF. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] longIds = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabulary.size()) {
                throw new IllegalArgumentException(
                        "cannot decode token id " + ids[i] + " at position " + i + ": vocabulary size is " + vocabulary.size());
            }
            longIds[i] = ids[i];
        }
        String text = tokenizer.decode(longIds, skipSpecialTokens);
        return cleanUpTokenizationSpaces ? cleanUpTokenizationSpaces(text) : text;
    }

    /** Number of ids, added tokens included (HF's {@code len(tokenizer)}). */
    public int vocabSize() {
        return vocabulary.size();
    }

    /** The id of a token given as it is spelled in the vocabulary (e.g. "Ġthe", "<|im_end|>"). */
    public OptionalInt idOf(String tokenText) {
        return vocabulary.idOf(tokenText);
    }

    /** The vocabulary spelling of {@code id}. */
    public String tokenText(int id) {
        return vocabulary.tokenText(id);
    }

    public OptionalInt bosId() {
        return specialTokens.bos();
    }

    public OptionalInt eosId() {
        return specialTokens.eos();
    }

    public OptionalInt padId() {
        return specialTokens.pad();
    }

    public OptionalInt unkId() {
        return specialTokens.unk();
    }

    /** The bos token's text (as chat templates see {@code bos_token}), or null when there is none. */
    public String bosToken() {
        return specialTokens.bos().isPresent() ? tokenText(specialTokens.bos().getAsInt()) : null;
    }

    /** The eos token's text (as chat templates see {@code eos_token}), or null when there is none. */
    public String eosToken() {
        return specialTokens.eos().isPresent() ? tokenText(specialTokens.eos().getAsInt()) : null;
    }

    /**
     * Ids that end generation, without repeats: eos first, then the extra ones from {@code generation_config.json}
     * (or a GGUF's end-of-turn ids).
     */
    public List<Integer> stopIds() {
        return specialTokens.stopIds();
    }

    /** The Jinja chat template, or null when the model has none. */
    public String chatTemplate() {
        return chatTemplate;
    }

    /**
     * Writes the tokenizer as a Hugging Face directory ({@code tokenizer.json}, {@code tokenizer_config.json}), which
     * {@link #fromHfDirectory} and {@code transformers.AutoTokenizer} read back to the same tokens and chat template.
     * A tokenizer built from GGUF metadata is saved in the HF form it was converted to.
     */
    public void save(java.nio.file.Path dir) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("tokenizer.json"), json.writeValueAsString(tokenizerJson));
        com.fasterxml.jackson.databind.node.ObjectNode config = json.createObjectNode();
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        putToken(config, "bos_token", specialTokens.bos());
        putToken(config, "eos_token", specialTokens.eos());
        putToken(config, "pad_token", specialTokens.pad());
        putToken(config, "unk_token", specialTokens.unk());
        config.put("clean_up_tokenization_spaces", cleanUpTokenizationSpaces);
        // transformers adds BOS itself only through tokenizer.json's post-processor, as we do
        config.put("add_bos_token", false);
        if (chatTemplate != null) config.put("chat_template", chatTemplate);
        java.nio.file.Files.writeString(dir.resolve("tokenizer_config.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    }

    private void putToken(com.fasterxml.jackson.databind.node.ObjectNode config, String field, OptionalInt id) {
        if (id.isPresent()) config.put(field, tokenText(id.getAsInt()));
        else config.putNull(field);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** transformers' {@code clean_up_tokenization}: removes the space that word-level decoders put before punctuation. */
    private static String cleanUpTokenizationSpaces(String text) {
        return text.replace(" .", ".")
                .replace(" ?", "?")
                .replace(" !", "!")
                .replace(" ,", ",")
                .replace(" ' ", "'")
                .replace(" n't", "n't")
                .replace(" 'm", "'m")
                .replace(" 's", "'s")
                .replace(" 've", "'ve")
                .replace(" 're", "'re");
    }
}
