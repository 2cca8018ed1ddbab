package ai.raif.trainer.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/** Loading a Hugging Face model directory: tokenizer.json, tokenizer_config.json, generation_config.json. */
class HfDirectoryTokenizerTest {

    /** A SentencePiece-style BPE that knows "hello" and "world"; BOS is added by the post-processor. */
    private static final String TOKENIZER_JSON = """
            {
              "version": "1.0",
              "truncation": {"direction": "Right", "max_length": 3, "strategy": "LongestFirst", "stride": 0},
              "padding": null,
              "added_tokens": [
                {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 23, "content": "<|im_end|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
              ],
              "normalizer": null,
              "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true},
              "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                         {"Sequence": {"id": "B", "type_id": 1}}],
                "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}
              },
              "decoder": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true},
              "model": {
                "type": "BPE", "dropout": null, "unk_token": "<unk>", "continuing_subword_prefix": null,
                "end_of_word_suffix": null, "fuse_unk": true, "byte_fallback": false, "ignore_merges": false,
                "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "▁": 3, "h": 4, "e": 5, "l": 6, "o": 7, "w": 8, "r": 9,
                          "d": 10, ".": 11, "▁h": 12, "▁he": 13, "ll": 14, "llo": 15, "▁hello": 16, "▁w": 17,
                          "or": 18, "▁wor": 19, "▁worl": 20, "▁world": 21, "'": 22},
                "merges": [["▁", "h"], ["▁h", "e"], ["l", "l"], ["ll", "o"], ["▁he", "llo"],
                           ["▁", "w"], ["o", "r"], ["▁w", "or"], ["▁wor", "l"], ["▁worl", "d"]]
              }
            }
            """;

    private static final String CONFIG_JSON = """
            {
              "bos_token": {"content": "<s>", "lstrip": false, "normalized": false, "rstrip": false, "single_word": false},
              "eos_token": "</s>",
              "pad_token": null,
              "unk_token": "<unk>",
              "chat_template": [
                {"name": "tool_use", "template": "TOOLS {{ messages[0].content }}"},
                {"name": "default", "template": "{{ bos_token }}{% for m in messages %}{{ m.role }}: {{ m.content }}{{ eos_token }}{% endfor %}"}
              ]
            }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private void writeTinyModel() throws IOException {
        write("tokenizer.json", TOKENIZER_JSON);
        write("tokenizer_config.json", CONFIG_JSON);
    }

    @Test
    void roundTripsTextThroughATinyBpe() throws IOException {
        writeTinyModel();
        try (TextTokenizer tokenizer = TextTokenizer.fromHfDirectory(dir)) {
            assertArrayEquals(new int[] {16, 21}, tokenizer.encode("hello world", false));
            assertArrayEquals(new int[] {1, 16, 21}, tokenizer.encode("hello world", true));
            assertArrayEquals(new int[] {16, 3, 0, 21}, tokenizer.encode("hello z world", false), "unknown letters map to <unk>");
            assertEquals("hello world", tokenizer.decode(tokenizer.encode("hello world", true), true));
            assertEquals("<s> hello world", tokenizer.decode(tokenizer.encode("hello world", true), false));
            assertEquals("hello", tokenizer.decode(tokenizer.encode("hello<|im_end|>", false), true));
            assertEquals(24, tokenizer.vocabSize());
            assertEquals(OptionalInt.of(16), tokenizer.idOf("▁hello"));
            assertEquals("▁world", tokenizer.tokenText(21));
        }
    }

    @Test
    void ignoresTheTruncationAndPaddingOfTokenizerJson() throws IOException {
        writeTinyModel();
        try (TextTokenizer tokenizer = TextTokenizer.fromHfDirectory(dir)) {
            // tokenizer.json above truncates to 3 tokens; HF's tokenizer(text) does not apply that unless asked either
            assertEquals(8, tokenizer.encode("hello world hello world hello world hello world", false).length);
        }
    }

    @Test
    void readsSpecialTokensAndTheDefaultChatTemplate() throws IOException {
        writeTinyModel();
        try (TextTokenizer tokenizer = TextTokenizer.fromHfDirectory(dir)) {
            assertEquals(OptionalInt.of(1), tokenizer.bosId());
            assertEquals(OptionalInt.of(2), tokenizer.eosId());
            assertEquals(OptionalInt.empty(), tokenizer.padId());
            assertEquals(OptionalInt.of(0), tokenizer.unkId());
            assertEquals(List.of(2), tokenizer.stopIds());
            assertEquals("<s>user: hi</s>",
                    ChatTemplate.forTokenizer(tokenizer).render(List.of(new ChatMessage("user", "hi")), false));
        }
    }

    @Test
    void addsGenerationConfigEosIdsToTheStopIds() throws IOException {
        writeTinyModel();
        write("generation_config.json", "{\"bos_token_id\": 1, \"eos_token_id\": [23, 2]}");
        try (TextTokenizer tokenizer = TextTokenizer.fromHfDirectory(dir)) {
            assertEquals(List.of(2, 23), tokenizer.stopIds());
        }
    }

    @Test
    void prefersChatTemplateJinjaOverTheConfig() throws IOException {
        writeTinyModel();
        write("chat_template.jinja", "{% for m in messages %}[{{ m.content }}]{% endfor %}");
        try (TextTokenizer tokenizer = TextTokenizer.fromHfDirectory(dir)) {
            assertEquals("{% for m in messages %}[{{ m.content }}]{% endfor %}", tokenizer.chatTemplate());
        }
    }

    @Test
    void cleansUpSpacesBeforePunctuationWhenTheConfigSaysSo() throws IOException {
        writeTinyModel();
        try (TextTokenizer plain = TextTokenizer.fromHfDirectory(dir)) {
            assertEquals("hello . world ' hello", plain.decode(plain.encode("hello . world ' hello", false), false));
        }
        write("tokenizer_config.json", "{\"clean_up_tokenization_spaces\": true, \"chat_template\": \"x\"}");
        try (TextTokenizer cleaning = TextTokenizer.fromHfDirectory(dir)) {
            assertEquals("hello. world'hello", cleaning.decode(cleaning.encode("hello . world ' hello", false), false));
            assertEquals(OptionalInt.empty(), cleaning.bosId());
        }
    }

    @Test
    void namesTheMissingFile() throws IOException {
        TokenizerLoadException noTokenizer = assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromHfDirectory(dir));
        assertEquals("tokenizer.json not found in " + dir, noTokenizer.getMessage());

        write("tokenizer.json", TOKENIZER_JSON);
        TokenizerLoadException noConfig = assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromHfDirectory(dir));
        assertEquals("tokenizer_config.json not found in " + dir, noConfig.getMessage());

        Path missing = dir.resolve("nope");
        assertEquals("tokenizer directory " + missing + " does not exist or is not a directory",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromHfDirectory(missing)).getMessage());
    }

    @Test
    void namesTheBadField() throws IOException {
        write("tokenizer.json", TOKENIZER_JSON);
        Path config = write("tokenizer_config.json", "{\"eos_token\": \"<|eot|>\"}");
        assertEquals(config + ": eos_token '<|eot|>' is not in the vocabulary of tokenizer.json",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromHfDirectory(dir)).getMessage());

        write("tokenizer_config.json", "{\"bos_token\": 5}");
        assertEquals(config + ": bos_token must be a string or an object with a string content, got 5",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromHfDirectory(dir)).getMessage());

        write("tokenizer_config.json", "{\"chat_template\": [{\"name\": \"rag\", \"template\": \"x\"}]}");
        assertEquals(config + ": chat_template is a list without a \"default\" entry",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromHfDirectory(dir)).getMessage());

        write("tokenizer_config.json", "{}");
        Path generation = write("generation_config.json", "{\"eos_token_id\": \"2\"}");
        assertEquals(generation + ": eos_token_id must be an integer or a list of integers, got \"2\"",
                assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromHfDirectory(dir)).getMessage());
    }

    @Test
    void reportsATokenizerJsonTheLibraryRejects() throws IOException {
        write("tokenizer.json", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": [[\"a\", \"b\"]]}}");
        write("tokenizer_config.json", "{}");
        TokenizerLoadException error = assertThrows(TokenizerLoadException.class, () -> TextTokenizer.fromHfDirectory(dir));
        assertEquals(true, error.getMessage().startsWith(dir + ": HF tokenizers rejected the tokenizer: "), error.getMessage());
    }
}
