package ai.raif.trainer.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A tiny SentencePiece ("llama") GGUF vocabulary without merges: the merges come from the scores, bytes missing from
 * the vocabulary fall back to {@code <0xXX>} tokens, and BOS is added. Checked against transformers' GGUF loader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentencePieceGgufTokenizerTest {

    private final JsonNode golden = Golden.json("spm_tokenizer_golden.json");
    private TextTokenizer tokenizer;

    @BeforeAll
    void load() {
        tokenizer = TextTokenizer.fromGgufMetadata(Golden.plainMap(golden.get("metadata")));
    }

    @AfterAll
    void close() {
        tokenizer.close();
    }

    Stream<JsonNode> encodings() {
        return StreamSupport.stream(golden.get("encodings").spliterator(), false);
    }

    Stream<JsonNode> decodeOnly() {
        return StreamSupport.stream(golden.get("decode_only").spliterator(), false);
    }

    @Test
    void hasTheSpecialTokensOfTheMetadata() {
        assertEquals(golden.get("vocab_size").asInt(), tokenizer.vocabSize());
        assertEquals(OptionalInt.of(1), tokenizer.bosId());
        assertEquals(OptionalInt.of(2), tokenizer.eosId());
        assertEquals(OptionalInt.of(0), tokenizer.unkId());
        assertEquals(OptionalInt.empty(), tokenizer.padId());
        assertEquals("<s>", tokenizer.bosToken());
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void encodesAndDecodesLikeTransformers(JsonNode c) {
        String text = c.get("text").asText();
        int[] ids = Golden.ints(c.get("ids"));
        assertArrayEquals(ids, tokenizer.encode(text, false), () -> "ids of " + text);
        assertArrayEquals(Golden.ints(c.get("ids_with_special")), tokenizer.encode(text, true), () -> "ids with BOS of " + text);
        assertEquals(c.get("decoded").asText(), tokenizer.decode(ids, false));
        assertEquals(c.get("decoded_skip_special").asText(), tokenizer.decode(ids, true));
    }

    @ParameterizedTest
    @MethodSource("decodeOnly")
    void decodesByteFallbackLikeTransformers(JsonNode c) {
        int[] ids = Golden.ints(c.get("ids"));
        assertEquals(c.get("decoded").asText(), tokenizer.decode(ids, false));
        assertEquals(c.get("decoded_skip_special").asText(), tokenizer.decode(ids, true));
    }
}
