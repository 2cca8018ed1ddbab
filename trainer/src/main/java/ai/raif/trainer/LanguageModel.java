package ai.raif.trainer;

import ai.djl.ndarray.NDManager;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.DefaultModel;
import ai.raif.trainer.model.GgufWeights;
import ai.raif.trainer.model.HfWeights;
import ai.raif.trainer.model.ModelConfig;
import ai.raif.trainer.model.WeightSource;
import ai.raif.trainer.sampling.BatchSession;
import ai.raif.trainer.sampling.Batching;
import ai.raif.trainer.sampling.Generation;
import ai.raif.trainer.sampling.Sampler;
import ai.raif.trainer.sampling.SamplingParams;
import ai.raif.trainer.sampling.Scorer;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.trainer.text.ChatTemplate;
import ai.raif.trainer.text.TextTokenizer;
import ai.raif.trainer.weights.GgufFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A loaded model with its tokenizer and chat template: the entry point for generating and scoring text.
 * Loads a GGUF file or a Hugging Face checkpoint directory ({@code config.json}, safetensors, tokenizer files).
 * Thread-safe for concurrent generate/score calls (weights are read-only; each call owns its cache).
 */
public final class LanguageModel implements AutoCloseable {
  private final String source;
  private final NDManager manager;
  private final CausalLM model;
  private final TextTokenizer tokenizer;
  private final ChatTemplate template;
  private final Set<Integer> stopTokenIds;

  private LanguageModel(String source, NDManager manager, CausalLM model, TextTokenizer tokenizer,
                        ChatTemplate template, Set<Integer> stopTokenIds) {
    this.source = source;
    this.manager = manager;
    this.model = model;
    this.tokenizer = tokenizer;
    this.template = template;
    this.stopTokenIds = Set.copyOf(stopTokenIds);
  }

  /** {@code "default"} (the embedded model), a {@code .gguf} file, or an HF checkpoint directory. */
  public static LanguageModel load(String pathOrDefault) {
    Path path = DefaultModel.resolve(pathOrDefault);
    if (Files.isDirectory(path)) return loadHf(path);
    if (Files.isRegularFile(path)) return loadGguf(path);
    throw new IllegalArgumentException("model path not found: " + path
        + " (expected a .gguf file, an HF checkpoint directory, or 'default')");
  }

  private static LanguageModel loadGguf(Path file) {
    GgufFile gguf = GgufFile.open(file);
    TextTokenizer tok = TextTokenizer.fromGgufMetadata(gguf.metadata());
    try (GgufWeights weights = new GgufWeights(gguf)) {
      ModelConfig config = ModelConfig.fromGguf(gguf.metadata(), weights.tiedEmbeddings(), file.toString());
      Set<Integer> stops = new HashSet<>();
      tok.eosId().ifPresent(stops::add);
      weights.endOfTurnId().ifPresent(stops::add);
      return build(file.toString(), config, weights, tok, stops);
    }
  }

  private static LanguageModel loadHf(Path dir) {
    ModelConfig config = ModelConfig.fromHfDirectory(dir);
    TextTokenizer tok = TextTokenizer.fromHfDirectory(dir);
    try (HfWeights weights = HfWeights.open(dir)) {
      Set<Integer> stops = new HashSet<>();
      for (int id : tok.stopIds()) stops.add(id);
      return build(dir.toString(), config, weights, tok, stops);
    }
  }

  private static LanguageModel build(String source, ModelConfig config, WeightSource weights, TextTokenizer tok,
                                     Set<Integer> stops) {
    if (tok.vocabSize() > config.vocabSize()) {
      throw new IllegalArgumentException(source + ": tokenizer has " + tok.vocabSize()
          + " tokens but the model's vocab_size is " + config.vocabSize());
    }
    NDManager manager = NDManager.newBaseManager();
    try {
      CausalLM lm = CausalLM.load(config, weights, manager);
      ChatTemplate template = tok.chatTemplate() == null ? null : ChatTemplate.forTokenizer(tok);
      return new LanguageModel(source, manager, lm, tok, template, stops);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public String source() { return source; }

  public ModelConfig config() { return model.config(); }

  public CausalLM causalLM() { return model; }

  public TextTokenizer tokenizer() { return tokenizer; }

  public NDManager manager() { return manager; }

  /** End-of-sequence / end-of-turn ids that stop generation by default. */
  public Set<Integer> stopTokenIds() { return stopTokenIds; }

  /** The chat-templated prompt, ending where the assistant's reply begins. */
  public String renderChat(List<ChatMessage> messages) {
    if (template == null) throw new IllegalStateException(source + " has no chat template; use a raw prompt");
    return template.render(messages, true);
  }

  /** Token ids of a chat prompt; the template already holds any special tokens, so none are added. */
  public int[] encodeChat(List<ChatMessage> messages) {
    return tokenizer.encode(renderChat(messages), false);
  }

  /** Token ids of raw text, with the tokenizer's own special tokens (e.g. BOS) added as the model expects. */
  public int[] encodeRaw(String text) {
    return tokenizer.encode(text, true);
  }

  /** Generates for each request; the model's stop tokens are added to {@code params}' own. */
  public List<Generation> generate(List<Sampler.Request> requests, SamplingParams params) {
    return generate(requests, params, Sampler.Observer.NONE);
  }

  public List<Generation> generate(List<Sampler.Request> requests, SamplingParams params, Sampler.Observer observer) {
    return generate(requests, params, Batching.continuous(Math.max(1, requests.size())), observer);
  }

  /** Generates every request, {@code batching.slots()} rows at a time. */
  public List<Generation> generate(List<Sampler.Request> requests, SamplingParams params, Batching batching,
                                   Sampler.Observer observer) {
    return sampler(observer).generate(manager, requests, withModelStops(params), batching);
  }

  /** A running batch that requests join as they arrive (a server's); the caller drives it on one thread and closes it. */
  public BatchSession open(SamplingParams params, Batching batching, Sampler.Observer observer) {
    return sampler(observer).open(manager, withModelStops(params), batching);
  }

  private Sampler sampler(Sampler.Observer observer) {
    return new Sampler(model, ids -> tokenizer.decode(ids, true), observer);
  }

  private SamplingParams withModelStops(SamplingParams params) {
    Set<Integer> stops = new HashSet<>(params.stopTokenIds());
    stops.addAll(stopTokenIds);
    return params.withStopTokenIds(stops);
  }

  /** Per-token log-probs of each continuation given its prompt. */
  public List<float[]> score(List<Scorer.Pair> pairs) {
    return new Scorer(model).score(manager, pairs);
  }

  @Override
  public void close() {
    model.close();
    manager.close();
  }
}
