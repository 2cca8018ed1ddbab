package ai.raif.trainer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds the HF {@code tokenizer.json} a GGUF file's tokenizer metadata describes, following transformers' GGUF
 * loader ({@code integrations/gguf}) for the vocabulary, merges and added tokens, and the model family's own
 * {@code tokenizer.json} for how text is cut before merging (see {@link GgufPreTokenizer}).
 */
final class GgufTokenizerConverter {

    /** llama.cpp token types: a control token (e.g. {@code <|im_end|>}) is special; a user-defined one is matched whole but is not special. */
    private static final int CONTROL = 3;
    private static final int USER_DEFINED = 4;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The model-specific parts of the tokenizer.json, and whether BOS is added by default when the file does not say. */
    private record Model(ObjectNode bpe, JsonNode normalizer, JsonNode preTokenizer, JsonNode decoder, boolean addBosByDefault) {}

    private GgufTokenizerConverter() {}

    static TokenizerDefinition convert(Map<String, Object> metadata) {
        GgufTokenizerMetadata meta = new GgufTokenizerMetadata(metadata);
        String modelType = meta.requireString("tokenizer.ggml.model");
        List<String> tokens = meta.requireStrings("tokenizer.ggml.tokens");
        List<Integer> types = tokenTypes(meta, tokens.size());
        Model model = switch (modelType) {
            case "gpt2" -> byteLevel(meta, tokens);
            case "llama" -> sentencePiece(meta, tokens);
            default -> throw new TokenizerLoadException("unsupported tokenizer.ggml.model '" + modelType
                    + "' (supported: gpt2 = byte-level BPE, llama = SentencePiece BPE with byte fallback)");
        };
        OptionalInt bos = tokenId(meta, "tokenizer.ggml.bos_token_id", tokens.size());
        OptionalInt eos = tokenId(meta, "tokenizer.ggml.eos_token_id", tokens.size());
        OptionalInt unk = tokenId(meta, "tokenizer.ggml.unknown_token_id", tokens.size());
        OptionalInt pad = tokenId(meta, "tokenizer.ggml.padding_token_id", tokens.size());
        // llama.cpp also stops on end-of-turn / end-of-message tokens when a file names them
        List<Integer> extraStops = new ArrayList<>();
        tokenId(meta, "tokenizer.ggml.eot_token_id", tokens.size()).ifPresent(extraStops::add);
        tokenId(meta, "tokenizer.ggml.eom_token_id", tokens.size()).ifPresent(extraStops::add);

        ObjectNode json = NODES.objectNode();
        json.put("version", "1.0");
        json.putNull("truncation");
        json.putNull("padding");
        json.set("added_tokens", addedTokens(modelType, model.bpe().get("vocab"), tokens, types, List.of(bos, eos, unk, pad)));
        json.set("normalizer", model.normalizer());
        json.set("pre_tokenizer", model.preTokenizer());
        boolean addBos = flag(meta, "tokenizer.ggml.add_bos_token", model.addBosByDefault(), bos, "tokenizer.ggml.bos_token_id");
        boolean addEos = flag(meta, "tokenizer.ggml.add_eos_token", false, eos, "tokenizer.ggml.eos_token_id");
        json.set("post_processor", postProcessor(tokens, addBos ? bos : OptionalInt.empty(), addEos ? eos : OptionalInt.empty()));
        json.set("decoder", model.decoder());
        json.set("model", model.bpe());

        String source = "GGUF tokenizer metadata (" + modelType + ")";
        Vocabulary vocabulary = Vocabulary.fromTokenizerJson(json, source);
        SpecialTokens specials = SpecialTokens.of(bos, eos, pad, unk, extraStops);
        return new TokenizerDefinition(json, vocabulary, specials, meta.string("tokenizer.chat_template").orElse(null), false, source);
    }

    /**
     * Byte-level BPE (GPT-2 style). Tokens are stored in the byte alphabet already; one that is not (a llama.cpp
     * mislabel) is respelled from its UTF-8 bytes, as transformers does.
     */
    private static Model byteLevel(GgufTokenizerMetadata meta, List<String> tokens) {
        GgufPreTokenizer pre = GgufPreTokenizer.forName(meta.string("tokenizer.ggml.pre").orElse(null));
        ObjectNode vocab = NODES.objectNode();
        for (int id = 0; id < tokens.size(); id++) {
            String token = tokens.get(id);
            vocab.put(ByteLevelAlphabet.isByteLevelSpelling(token) ? token : ByteLevelAlphabet.spell(token), id);
        }
        List<String[]> merges = fileMerges(meta)
                .orElseThrow(() -> new TokenizerLoadException("GGUF metadata has no tokenizer.ggml.merges, which a gpt2 tokenizer needs"));
        ObjectNode bpe = bpeModel(vocab, merges, false, pre.ignoreMerges());
        ObjectNode decoder = NODES.objectNode().put("type", "ByteLevel")
                .put("add_prefix_space", true).put("trim_offsets", true).put("use_regex", true);
        return new Model(bpe, pre.normalizer(), pre.preTokenizer(), decoder, false);
    }

    /**
     * SentencePiece BPE with byte fallback (Llama 2, Mistral): spaces become "▁", a leading one is added unless
     * {@code tokenizer.ggml.add_space_prefix} is false, and bytes missing from the vocabulary fall back to
     * {@code <0xXX>} tokens. Files without merges get them from the token scores.
     */
    private static Model sentencePiece(GgufTokenizerMetadata meta, List<String> tokens) {
        boolean addPrefixSpace = meta.bool("tokenizer.ggml.add_space_prefix").orElse(true);
        ObjectNode vocab = NODES.objectNode();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(tokens.get(id), id);
            ids.put(tokens.get(id), id);
        }
        List<String[]> merges = fileMerges(meta).orElseGet(() -> SentencePieceMerges.derive(ids, scores(meta, tokens)));
        ObjectNode bpe = bpeModel(vocab, merges, true, false);

        ObjectNode metaspace = NODES.objectNode().put("type", "Metaspace").put("replacement", "\u2581")
                .put("prepend_scheme", addPrefixSpace ? "first" : "never").put("split", false);
        ObjectNode decoder = NODES.objectNode().put("type", "Sequence");
        ArrayNode steps = decoder.putArray("decoders");
        ObjectNode replace = steps.addObject().put("type", "Replace");
        replace.putObject("pattern").put("String", "\u2581");
        replace.put("content", " ");
        steps.addObject().put("type", "ByteFallback");
        steps.addObject().put("type", "Fuse");
        if (addPrefixSpace) {
            steps.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
        }
        return new Model(bpe, null, metaspace, decoder, true);
    }

    private static ObjectNode bpeModel(ObjectNode vocab, List<String[]> merges, boolean byteFallback, boolean ignoreMerges) {
        ObjectNode bpe = NODES.objectNode().put("type", "BPE");
        bpe.putNull("dropout");
        bpe.putNull("unk_token");
        bpe.putNull("continuing_subword_prefix");
        bpe.putNull("end_of_word_suffix");
        bpe.put("fuse_unk", byteFallback).put("byte_fallback", byteFallback).put("ignore_merges", ignoreMerges);
        bpe.set("vocab", vocab);
        ArrayNode mergeArray = bpe.putArray("merges");
        // [left, right] pairs rather than "left right" strings, so tokens may contain spaces
        merges.forEach(merge -> mergeArray.addArray().add(merge[0]).add(merge[1]));
        return bpe;
    }

    private static Optional<List<String[]>> fileMerges(GgufTokenizerMetadata meta) {
        return meta.strings("tokenizer.ggml.merges").map(lines -> {
            List<String[]> merges = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                String[] pair = lines.get(i).split(" ", -1);
                if (pair.length != 2 || pair[0].isEmpty() || pair[1].isEmpty()) {
                    throw new TokenizerLoadException("GGUF metadata tokenizer.ggml.merges[" + i + "] is not two tokens separated by one space: '" + lines.get(i) + "'");
                }
                merges.add(pair);
            }
            return merges;
        });
    }

    private static Map<String, Double> scores(GgufTokenizerMetadata meta, List<String> tokens) {
        List<Number> scores = meta.numbers("tokenizer.ggml.scores").orElseThrow(() -> new TokenizerLoadException(
                "GGUF metadata has neither tokenizer.ggml.merges nor tokenizer.ggml.scores; a llama tokenizer needs one of them"));
        if (scores.size() != tokens.size()) {
            throw new TokenizerLoadException("GGUF metadata tokenizer.ggml.scores has " + scores.size()
                    + " entries for " + tokens.size() + " tokens");
        }
        // a repeated token keeps its first position and its last score, like a Python dict built from the lists
        Map<String, Double> byToken = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            byToken.put(tokens.get(i), scores.get(i).doubleValue());
        }
        return byToken;
    }

    private static List<Integer> tokenTypes(GgufTokenizerMetadata meta, int tokenCount) {
        List<Number> types = meta.numbers("tokenizer.ggml.token_type").orElse(List.of());
        if (!types.isEmpty() && types.size() != tokenCount) {
            throw new TokenizerLoadException("GGUF metadata tokenizer.ggml.token_type has " + types.size()
                    + " entries for " + tokenCount + " tokens");
        }
        return types.stream().map(Number::intValue).toList();
    }

    private static OptionalInt tokenId(GgufTokenizerMetadata meta, String key, int tokenCount) {
        OptionalInt id = meta.integer(key);
        if (id.isPresent() && (id.getAsInt() < 0 || id.getAsInt() >= tokenCount)) {
            throw new TokenizerLoadException("GGUF metadata " + key + " = " + id.getAsInt() + " is outside the " + tokenCount + " tokens");
        }
        return id;
    }

    private static boolean flag(GgufTokenizerMetadata meta, String key, boolean byDefault, OptionalInt token, String tokenKey) {
        boolean on = meta.bool(key).orElse(byDefault);
        if (on && token.isEmpty()) {
            throw new TokenizerLoadException("GGUF metadata " + key + " is on but " + tokenKey + " is missing");
        }
        return on;
    }

    /**
     * Control tokens and the named bos/eos/unk/pad tokens become special added tokens, user-defined ones plain added
     * tokens, so text containing them maps to their ids instead of being cut up. In a byte-level vocabulary a control
     * token spelled outside the byte alphabet is a llama.cpp mislabel and is left out, as transformers does.
     */
    private static ArrayNode addedTokens(String modelType, JsonNode vocab, List<String> tokens, List<Integer> types, List<OptionalInt> named) {
        boolean byteLevel = modelType.equals("gpt2");
        Map<Integer, Boolean> specialById = new TreeMap<>();
        for (int id = 0; id < types.size(); id++) {
            String token = tokens.get(id);
            if (types.get(id) == CONTROL && (!byteLevel || ByteLevelAlphabet.isByteLevelSpelling(token))) {
                specialById.put(id, true);
            }
        }
        named.forEach(id -> id.ifPresent(value -> specialById.put(value, true)));
        for (int id = 0; id < types.size(); id++) {
            if (types.get(id) == USER_DEFINED && vocab.has(tokens.get(id))) {
                specialById.putIfAbsent(id, false);
            }
        }
        // one added token per text: the lowest id wins
        Set<String> seen = new HashSet<>();
        specialById.entrySet().removeIf(entry -> !seen.add(tokens.get(entry.getKey())));
        ArrayNode added = NODES.arrayNode();
        specialById.forEach((id, special) -> added.addObject()
                .put("id", id)
                .put("content", tokens.get(id))
                .put("single_word", false)
                .put("lstrip", false)
                .put("rstrip", false)
                .put("normalized", false)
                .put("special", special));
        return added;
    }

    /** HF's TemplateProcessing, putting bos and/or eos (when present) around each sequence. */
    private static ObjectNode postProcessor(List<String> tokens, OptionalInt bos, OptionalInt eos) {
        ObjectNode processor = NODES.objectNode().put("type", "TemplateProcessing");
        appendSequence(processor.putArray("single"), "A", 0, tokens, bos, eos);
        ArrayNode pair = processor.putArray("pair");
        appendSequence(pair, "A", 0, tokens, bos, eos);
        appendSequence(pair, "B", 1, tokens, bos, eos);
        ObjectNode specials = processor.putObject("special_tokens");
        for (OptionalInt token : List.of(bos, eos)) {
            token.ifPresent(id -> {
                ObjectNode entry = specials.putObject(tokens.get(id)).put("id", tokens.get(id));
                entry.putArray("ids").add(id);
                entry.putArray("tokens").add(tokens.get(id));
            });
        }
        return processor;
    }

    private static void appendSequence(ArrayNode template, String sequence, int typeId, List<String> tokens,
                                       OptionalInt bos, OptionalInt eos) {
        bos.ifPresent(id -> template.addObject().putObject("SpecialToken").put("id", tokens.get(id)).put("type_id", typeId));
        template.addObject().putObject("Sequence").put("id", sequence).put("type_id", typeId);
        eos.ifPresent(id -> template.addObject().putObject("SpecialToken").put("id", tokens.get(id)).put("type_id", typeId));
    }
}
