package ai.raif.trainer.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How GGUF metadata becomes a tokenizer: the pre-tokenizer chosen by name, and clear errors for what is unsupported. */
class GgufTokenizerConverterTest {

    /**
     * A byte-level vocabulary of single characters plus "34", "12" and "123", with "3 4" the first merge: how digits
     * come out shows how the pre-tokenizer cut them before merging.
     */
    private static Map<String, Object> digitsVocabulary(String pre) {
        Set<String> tokens = new LinkedHashSet<>(List.of("<|endoftext|>"));
        for (String text : List.of("1234 ab", "\u00e9", "e\u0301")) {
            ByteLevelAlphabet.spell(text).codePoints().forEach(cp -> tokens.add(Character.toString(cp)));
        }
        tokens.addAll(List.of("34", "12", "123"));
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("tokenizer.ggml.model", "gpt2");
        metadata.put("tokenizer.ggml.pre", pre);
        metadata.put("tokenizer.ggml.tokens", new ArrayList<>(tokens));
        metadata.put("tokenizer.ggml.merges", List.of("3 4", "1 2", "12 3"));
        metadata.put("tokenizer.ggml.token_type", tokens.stream().map(t -> t.startsWith("<|") ? 3L : 1L).toList());
        metadata.put("tokenizer.ggml.eos_token_id", 0L);
        return metadata;
    }

    private static List<String> pieces(TextTokenizer tokenizer, String text) {
        return pieces(tokenizer, text, false);
    }

    private static List<String> pieces(TextTokenizer tokenizer, String text, boolean addSpecialTokens) {
        List<String> pieces = new ArrayList<>();
        for (int id : tokenizer.encode(text, addSpecialTokens)) {
            pieces.add(tokenizer.tokenText(id));
        }
        return pieces;
    }

    @ParameterizedTest
    @CsvSource({
        "default,   12|34",
        "gpt2,      12|34",
        "llama-bpe, 123|4",
        "qwen2,     1|2|3|4",
        "smollm,    1|2|3|4",
    })
    void cutsDigitsTheWayTheModelFamilyDoes(String pre, String expected) {
        try (TextTokenizer tokenizer = TextTokenizer.fromGgufMetadata(digitsVocabulary(pre))) {
            assertEquals(List.of(expected.split("\\|")), pieces(tokenizer, "1234"));
            assertEquals("1234 ab", tokenizer.decode(tokenizer.encode("1234 ab", false), false));
        }
    }

    @Test
    void qwen2NormalisesToNfcFirst() {
        try (TextTokenizer qwen = TextTokenizer.fromGgufMetadata(digitsVocabulary("qwen2"));
                TextTokenizer smollm = TextTokenizer.fromGgufMetadata(digitsVocabulary("smollm"))) {
            assertArrayEquals(qwen.encode("\u00e9", false), qwen.encode("e\u0301", false));
            assertNotEquals(List.of(pieces(smollm, "\u00e9")), List.of(pieces(smollm, "e\u0301")));
        }
    }

    @Test
    void controlTokensAreMatchedWholeAndSkippable() {
        try (TextTokenizer tokenizer = TextTokenizer.fromGgufMetadata(digitsVocabulary("default"))) {
            assertEquals(List.of("12", "<|endoftext|>", "34"), pieces(tokenizer, "12<|endoftext|>34"));
            assertEquals("1234", tokenizer.decode(tokenizer.encode("12<|endoftext|>34", false), true));
        }
    }

    @Test
    void addsBosAndEosWhenTheFileAsks() {
        Map<String, Object> metadata = digitsVocabulary("default");
        metadata.put("tokenizer.ggml.bos_token_id", 0L);
        metadata.put("tokenizer.ggml.add_bos_token", true);
        metadata.put("tokenizer.ggml.add_eos_token", true);
        try (TextTokenizer tokenizer = TextTokenizer.fromGgufMetadata(metadata)) {
            assertEquals(List.of("<|endoftext|>", "12", "<|endoftext|>"), pieces(tokenizer, "12", true));
            assertEquals(List.of("12"), pieces(tokenizer, "12", false));
        }
    }

    @Test
    void rejectsAnUnknownPreTokenizer() {
        TokenizerLoadException error = assertThrows(TokenizerLoadException.class,
                () -> TextTokenizer.fromGgufMetadata(digitsVocabulary("klingon")));
        assertEquals(true, error.getMessage().startsWith("unsupported tokenizer.ggml.pre 'klingon' (supported: "), error.getMessage());
        assertEquals(true, error.getMessage().contains("smollm"), error.getMessage());
    }

    @Test
    void rejectsAnUnsupportedModel() {
        Map<String, Object> metadata = digitsVocabulary("default");
        metadata.put("tokenizer.ggml.model", "bert");
        TokenizerLoadException error = assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromGgufMetadata(metadata));
        assertEquals("unsupported tokenizer.ggml.model 'bert' (supported: gpt2 = byte-level BPE, "
                + "llama = SentencePiece BPE with byte fallback)", error.getMessage());
    }

    @Test
    void namesMissingAndMistypedKeys() {
        Map<String, Object> noTokens = digitsVocabulary("default");
        noTokens.remove("tokenizer.ggml.tokens");
        assertEquals("GGUF metadata has no tokenizer.ggml.tokens",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromGgufMetadata(noTokens)).getMessage());

        Map<String, Object> noModel = digitsVocabulary("default");
        noModel.remove("tokenizer.ggml.model");
        assertEquals("GGUF metadata has no tokenizer.ggml.model",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromGgufMetadata(noModel)).getMessage());

        Map<String, Object> stringId = digitsVocabulary("default");
        stringId.put("tokenizer.ggml.eos_token_id", "2");
        assertEquals("GGUF metadata tokenizer.ggml.eos_token_id should be an integer, got String 2",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromGgufMetadata(stringId)).getMessage());

        Map<String, Object> outOfRange = digitsVocabulary("default");
        outOfRange.put("tokenizer.ggml.eos_token_id", 9999L);
        assertEquals(true, assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromGgufMetadata(outOfRange))
                .getMessage().startsWith("GGUF metadata tokenizer.ggml.eos_token_id = 9999 is outside the "));

        Map<String, Object> noMerges = digitsVocabulary("default");
        noMerges.remove("tokenizer.ggml.merges");
        assertEquals("GGUF metadata has no tokenizer.ggml.merges, which a gpt2 tokenizer needs",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromGgufMetadata(noMerges)).getMessage());

        Map<String, Object> badMerge = digitsVocabulary("default");
        badMerge.put("tokenizer.ggml.merges", List.of("3 4", "12"));
        assertEquals("GGUF metadata tokenizer.ggml.merges[1] is not two tokens separated by one space: '12'",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromGgufMetadata(badMerge)).getMessage());

        Map<String, Object> bosWithoutId = digitsVocabulary("default");
        bosWithoutId.put("tokenizer.ggml.add_bos_token", true);
        assertEquals("GGUF metadata tokenizer.ggml.add_bos_token is on but tokenizer.ggml.bos_token_id is missing",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromGgufMetadata(bosWithoutId)).getMessage());

        Map<String, Object> shortTypes = digitsVocabulary("default");
        shortTypes.put("tokenizer.ggml.token_type", List.of(3L, 1L));
        assertEquals(true, assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromGgufMetadata(shortTypes))
                .getMessage().startsWith("GGUF metadata tokenizer.ggml.token_type has 2 entries for "));
    }

    @Test
    void aSentencePieceVocabularyNeedsMergesOrScores() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("tokenizer.ggml.model", "llama");
        metadata.put("tokenizer.ggml.tokens", List.of("<unk>", "<s>", "</s>", "a"));
        TokenizerLoadException error = assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromGgufMetadata(metadata));
        assertEquals("GGUF metadata has neither tokenizer.ggml.merges nor tokenizer.ggml.scores; a llama tokenizer needs one of them",
                error.getMessage());
    }
}
