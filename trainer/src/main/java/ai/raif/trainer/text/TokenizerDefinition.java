package ai.raif.trainer.text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything a {@link TextTokenizer} is built from, whatever the source: an HF {@code tokenizer.json} document, its
 * vocabulary, the special ids, the chat template (null when there is none) and whether decoding applies HF's
 * {@code clean_up_tokenization_spaces}. {@code source} names where it came from, for error messages.
 */
record TokenizerDefinition(
        JsonNode tokenizerJson,
        Vocabulary vocabulary,
        SpecialTokens specialTokens,
        String chatTemplate,
        boolean cleanUpTokenizationSpaces,
        String source) {}
