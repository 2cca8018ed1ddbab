package ai.raif.trainer.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The embedded model's tokenizer (SmolLM2-135M-Instruct GGUF), rebuilt from its GGUF metadata, against what
 * transformers makes of the same GGUF. The metadata is a test resource, so no model file is needed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmolLm2GgufTokenizerTest {

    private final JsonNode golden = Golden.json("smollm2_tokenizer_golden.json");
    private TextTokenizer tokenizer;

    @BeforeAll
    void load() {
        tokenizer = TextTokenizer.fromGgufMetadata(Golden.plainMap("smollm2_gguf_tokenizer_metadata.json.gz"));
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

    Stream<JsonNode> chats() {
        return StreamSupport.stream(golden.get("chats").spliterator(), false);
    }

    @Test
    void specialTokensAndSizeMatchTransformers() {
        assertEquals(golden.get("vocab_size").asInt(), tokenizer.vocabSize());
        assertEquals(OptionalInt.of(golden.get("bos_token_id").asInt()), tokenizer.bosId());
        assertEquals(OptionalInt.of(golden.get("eos_token_id").asInt()), tokenizer.eosId());
        assertEquals(OptionalInt.of(golden.get("pad_token_id").asInt()), tokenizer.padId());
        assertEquals(OptionalInt.of(golden.get("unk_token_id").asInt()), tokenizer.unkId());
        assertEquals(golden.get("bos_token").asText(), tokenizer.bosToken());
        assertEquals(golden.get("eos_token").asText(), tokenizer.eosToken());
        assertEquals(List.of(golden.get("eos_token_id").asInt()), tokenizer.stopIds());
        assertEquals(golden.get("chat_template").asText(), tokenizer.chatTemplate());
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void encodesLikeTransformers(JsonNode c) {
        String text = c.get("text").asText();
        assertArrayEquals(Golden.ints(c.get("ids")), tokenizer.encode(text, false), () -> "ids of " + text);
        assertArrayEquals(Golden.ints(c.get("ids_with_special")), tokenizer.encode(text, true), () -> "ids with specials of " + text);
        List<String> tokens = new ArrayList<>();
        for (int id : tokenizer.encode(text, false)) {
            tokens.add(tokenizer.tokenText(id));
        }
        List<String> expectedTokens = new ArrayList<>();
        c.get("tokens").forEach(t -> expectedTokens.add(t.asText()));
        assertEquals(expectedTokens, tokens);
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void decodesLikeTransformers(JsonNode c) {
        int[] ids = Golden.ints(c.get("ids"));
        assertEquals(c.get("decoded").asText(), tokenizer.decode(ids, false));
        assertEquals(c.get("decoded_skip_special").asText(), tokenizer.decode(ids, true));
    }

    @ParameterizedTest
    @MethodSource("decodeOnly")
    void decodesPartialSequencesLikeTransformers(JsonNode c) {
        int[] ids = Golden.ints(c.get("ids"));
        assertEquals(c.get("decoded").asText(), tokenizer.decode(ids, false));
        assertEquals(c.get("decoded_skip_special").asText(), tokenizer.decode(ids, true));
    }

    @ParameterizedTest
    @MethodSource("chats")
    void rendersAndEncodesChatsLikeApplyChatTemplate(JsonNode c) {
        String rendered = ChatTemplate.forTokenizer(tokenizer)
                .render(Golden.messages(c.get("messages")), c.get("add_generation_prompt").asBoolean());
        assertEquals(c.get("rendered").asText(), rendered);
        assertArrayEquals(Golden.ints(c.get("ids")), tokenizer.encode(rendered, false));
    }

    @Test
    void looksTokensUpBothWays() {
        assertEquals(OptionalInt.of(2), tokenizer.idOf("<|im_end|>"));
        assertEquals("<|im_end|>", tokenizer.tokenText(2));
        assertEquals(OptionalInt.empty(), tokenizer.idOf("no such token"));
        int space = tokenizer.idOf("\u0120world").orElseThrow();
        assertEquals(" world", tokenizer.decode(new int[] {space}, false));
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tokenizer.decode(new int[] {5, tokenizer.vocabSize()}, false));
        assertEquals("cannot decode token id 49152 at position 1: vocabulary size is 49152", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tokenizer.tokenText(-1));
    }

    @Test
    void doesNotTruncateLongInputs() {
        // DJL truncates to 512 tokens unless told not to
        String longText = "word" + " word".repeat(1999);
        int[] ids = tokenizer.encode(longText, false);
        assertEquals(2000, ids.length);
        assertEquals(longText, tokenizer.decode(ids, false));
    }

    @Test
    void encodesAndDecodesConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int worker = 0; worker < 8; worker++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        for (JsonNode c : (Iterable<JsonNode>) encodings()::iterator) {
                            int[] ids = tokenizer.encode(c.get("text").asText(), false);
                            if (!Arrays.equals(Golden.ints(c.get("ids")), ids)
                                    || !c.get("decoded").asText().equals(tokenizer.decode(ids, false))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertEquals(true, result.get(), "a worker saw a result different from transformers");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hasNoChatTemplateOnlyWhenTheMetadataHasNone() {
        var metadata = Golden.plainMap("smollm2_gguf_tokenizer_metadata.json.gz");
        metadata.remove("tokenizer.chat_template");
        try (TextTokenizer bare = TextTokenizer.fromGgufMetadata(metadata)) {
            assertNull(bare.chatTemplate());
            assertThrows(IllegalArgumentException.class, () -> ChatTemplate.forTokenizer(bare));
        }
    }
}
