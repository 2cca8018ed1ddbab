package ai.raif.jobs.serve;

import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.Batching;
import ai.raif.trainer.sampling.FinishReason;
import ai.raif.trainer.sampling.Generation;
import ai.raif.trainer.sampling.SamplingParams;
import ai.raif.trainer.sampling.TopLogprobs;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.trainer.text.ChatTemplateException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An OpenAI-compatible HTTP API over a {@link LanguageModel}, on the JDK's built-in HTTP server: {@code GET /v1/models},
 * {@code POST /v1/chat/completions}, {@code POST /v1/completions} ({@code n = 1}; {@code stream: true} sends
 * server-sent events as OpenAI does). It lets any OpenAI client, and {@code OpenAiJudge} in particular, use our
 * model. Bad requests get HTTP 400 with an OpenAI-style error body naming the field. Requests are parsed on a small
 * worker pool; generation runs on one thread as a continuous batch that requests join as they arrive
 * ({@link GenerationQueue}).
 */
public final class OpenAiServer implements AutoCloseable {
  /** OpenAI's own limit on top_logprobs. */
  static final int MAX_TOP_LOGPROBS = 20;
  private static final int MAX_BODY_BYTES = 32 << 20;
  /** OpenAI's own limit; each stop string is matched against the tail of every answer at every token. */
  static final int MAX_STOPS = 4;
  static final int MAX_STOP_CHARS = 256;
  /** A prefill's attention scores grow with prompts × length²: 8,192 tokens is one long prompt or 32 of 256. */
  public static final int DEFAULT_MAX_PREFILL_TOKENS = 8192;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LanguageModel lm;
  private final String modelId;
  private final Options options;
  private final HttpServer http;
  private final ExecutorService workers;
  private final GenerationQueue queue;
  private final long created = System.currentTimeMillis() / 1000;

  /**
   * @param host the address to bind; loopback unless the API should be reachable from other machines (it has no
   *     authentication)
   * @param port 0 picks a free port
   * @param workers threads parsing requests and waiting for their results
   * @param maxBatch prompts generated together at most
   * @param defaultMaxTokens max_tokens when a request gives none (capped by the context left after the prompt)
   * @param maxQueued prompts that may wait for a row at once; a request beyond that gets 503 at once
   * @param requestTimeout how long a request may take from arrival to its last token; past it, its prompts are
   *     cancelled and it gets 503 (or, streaming, an error event)
   * @param maxPrefillTokens prompt tokens (distinct prompts × the longest) prefilled together at one step at most;
   *     more prompts wait for the next steps ({@link Batching}); 0 = no bound
   */
  public record Options(String host, int port, int workers, int maxBatch, int defaultMaxTokens, int maxQueued,
                        Duration requestTimeout, int maxPrefillTokens) {
    public Options {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
      if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
      if (maxBatch < 1) throw new IllegalArgumentException("max batch must be >= 1, got " + maxBatch);
      if (defaultMaxTokens < 1) throw new IllegalArgumentException("default max tokens must be >= 1, got " + defaultMaxTokens);
      if (maxQueued < 1) throw new IllegalArgumentException("max queued must be >= 1, got " + maxQueued);
      if (requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException("request timeout must be > 0, got " + requestTimeout);
      }
      if (maxPrefillTokens < 0) {
        throw new IllegalArgumentException("max prefill tokens must be >= 0, got " + maxPrefillTokens);
      }
    }

    public Options(String host, int port, int workers, int maxBatch, int defaultMaxTokens, int maxQueued,
                   Duration requestTimeout) {
      this(host, port, workers, maxBatch, defaultMaxTokens, maxQueued, requestTimeout, DEFAULT_MAX_PREFILL_TOKENS);
    }

    public static Options loopback(int port) {
      return new Options("127.0.0.1", port, 8, 8, 256, 256, Duration.ofMinutes(10));
    }
  }

  private OpenAiServer(LanguageModel lm, String modelId, Options options, Consumer<Throwable> onFatal)
      throws IOException {
    this.lm = lm;
    this.modelId = modelId;
    this.options = options;
    AtomicInteger threadNo = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(options.workers(), r -> {
      Thread t = new Thread(r, "raif-serve-http-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.queue = new GenerationQueue(lm, Batching.continuous(options.maxBatch())
        .withMaxPrefillTokens(options.maxPrefillTokens()), options.maxQueued(), onFatal);
    try {
      this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
    } catch (IOException e) {
      queue.close();
      workers.shutdownNow();
      throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    http.setExecutor(workers);
    http.createContext("/", this::handle);
  }

  /** Starts serving {@code lm} under the name {@code modelId}; the caller keeps ownership of the model. */
  public static OpenAiServer start(LanguageModel lm, String modelId, Options options) throws IOException {
    return start(lm, modelId, options, e -> { });
  }

  /**
   * As {@link #start(LanguageModel, String, Options)}; {@code onFatal} hears once that generation died (an Error out
   * of a batch), after which {@code /health} and every request answer 503: {@code raif serve} then exits.
   */
  public static OpenAiServer start(LanguageModel lm, String modelId, Options options, Consumer<Throwable> onFatal)
      throws IOException {
    OpenAiServer s = new OpenAiServer(lm, modelId, options, onFatal);
    s.http.start();
    return s;
  }

  public int port() { return http.getAddress().getPort(); }

  /** The queue requests wait in (tests reach the generation thread through it). */
  GenerationQueue queue() { return queue; }

  /** The base URL clients are given, e.g. {@code http://127.0.0.1:8000}. */
  public String url() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return "http://" + host + ":" + port();
  }

  public String modelId() { return modelId; }

  @Override
  public void close() {
    http.stop(0);
    queue.close();
    workers.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath().replaceAll("/+$", "");
      String method = ex.getRequestMethod();
      ObjectNode reply;
      int status = 200;
      try {
        reply = switch (path) {
          case "/v1/models" -> {
            requireMethod(method, "GET", path);
            yield models();
          }
          case "/v1/chat/completions" -> {
            requireMethod(method, "POST", path);
            yield chat(ex, readObject(ex));
          }
          case "/v1/completions" -> {
            requireMethod(method, "POST", path);
            yield completions(ex, readObject(ex));
          }
          case "/health" -> {
            if (queue.died() != null) throw new ApiError(503, "server_error", null, new GenerationQueue.Unavailable(
                queue.died()).getMessage());
            yield JSON.createObjectNode().put("status", "ok");
          }
          default -> throw new ApiError(404, "invalid_request_error", null, "Unknown endpoint: " + method + " "
              + ex.getRequestURI().getPath());
        };
      } catch (ApiError e) {
        status = e.status;
        reply = error(e.getMessage(), e.type, e.param);
      } catch (RuntimeException e) {
        status = 500;
        reply = error("internal error: " + e, "server_error", null);
      }
      if (reply == null) return;  // streamed
      byte[] bytes = JSON.writeValueAsBytes(reply);
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static void requireMethod(String method, String expected, String path) {
    if (!expected.equals(method)) {
      throw new ApiError(405, "invalid_request_error", null, path + " takes " + expected + ", not " + method);
    }
  }

  private static ObjectNode error(String message, String type, String param) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("message", message);
    e.put("type", type);
    e.put("param", param);
    e.putNull("code");
    return root;
  }

  private static ObjectNode readObject(HttpExchange ex) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new ApiError(413, "invalid_request_error", null, "the request body exceeds " + (MAX_BODY_BYTES >> 20) + " MiB");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.invalid(null, "the request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) throw ApiError.invalid(null, "the request body must be a JSON object");
    return (ObjectNode) node;
  }

  private ObjectNode models() {
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "list");
    ObjectNode m = root.putArray("data").addObject();
    m.put("id", modelId);
    m.put("object", "model");
    m.put("created", created);
    m.put("owned_by", "raif");
    m.put("max_model_len", lm.config().maxPositions());
    return root;
  }

  // ---- /v1/chat/completions ----

  /** The reply, or null when it was streamed to {@code ex}. */
  private ObjectNode chat(HttpExchange ex, ObjectNode body) throws IOException {
    Fields f = new Fields(body);
    f.rejectUnsupported();
    List<ChatMessage> messages = messages(body.get("messages"));
    int[] prompt;
    try {
      prompt = lm.encodeChat(messages);
    } catch (ChatTemplateException | IllegalArgumentException e) {
      throw ApiError.invalid("messages", "the chat template cannot render these messages: " + e.getMessage());
    } catch (IllegalStateException e) {
      throw ApiError.invalid("messages", e.getMessage() + "; use /v1/completions");
    }
    boolean logprobs = f.bool("logprobs", false);
    Integer top = f.integer("top_logprobs", 0, MAX_TOP_LOGPROBS);
    if (top != null && !logprobs) throw ApiError.invalid("top_logprobs", "top_logprobs requires logprobs to be true");
    SamplingParams params = f.sampling(maxTokens(f, List.of(prompt), "messages"), top == null ? 0 : top);
    if (f.stream(logprobs ? "logprobs" : null)) {
      stream(ex, List.of(prompt), f.seed(), params, true, f.includeUsage());
      return null;
    }
    Generation g = generate(List.of(prompt), f.seed(), params).get(0);

    ObjectNode root = envelope("chatcmpl-", "chat.completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", g.text());
    if (logprobs) {
      ArrayNode content = choice.putObject("logprobs").putArray("content");
      int shown = shownTokens(g);
      for (int t = 0; t < shown; t++) {
        ObjectNode entry = tokenEntry(content.addObject(), g.tokenIds()[t], g.modelLogprobs()[t]);
        ArrayNode alts = entry.putArray("top_logprobs");
        if (!g.topLogprobs().isEmpty()) {
          TopLogprobs tl = g.topLogprobs().get(t);
          for (int j = 0; j < tl.size(); j++) tokenEntry(alts.addObject(), tl.tokenIds()[j], tl.logprobs()[j]);
        }
      }
    } else {
      choice.putNull("logprobs");
    }
    choice.put("finish_reason", g.finishReason().wireName());
    usage(root, List.of(g));
    return root;
  }

  private static List<ChatMessage> messages(JsonNode node) {
    if (node == null || node.isNull()) throw ApiError.invalid("messages", "'messages' is a required property");
    if (!node.isArray() || node.isEmpty()) throw ApiError.invalid("messages", "'messages' must be a non-empty array");
    List<ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode m = node.get(i);
      String where = "messages[" + i + "]";
      if (!m.isObject()) throw ApiError.invalid(where, where + " must be an object with 'role' and 'content'");
      JsonNode role = m.get("role");
      if (role == null || !role.isTextual() || role.asText().isEmpty()) {
        throw ApiError.invalid(where + ".role", where + ".role is required and must be a string");
      }
      out.add(new ChatMessage(role.asText(), content(m.get("content"), where + ".content")));
    }
    return out;
  }

  /** A string, or an array of {@code {"type": "text", "text": ...}} parts (joined); null is empty. */
  private static String content(JsonNode c, String where) {
    if (c == null || c.isNull()) return "";
    if (c.isTextual()) return c.asText();
    if (c.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : c) {
        if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
          throw ApiError.invalid(where, where + ": only text parts are supported");
        }
        sb.append(part.get("text").asText());
      }
      return sb.toString();
    }
    throw ApiError.invalid(where, where + " must be a string or an array of text parts");
  }

  // ---- /v1/completions ----

  /** The reply, or null when it was streamed to {@code ex}. */
  private ObjectNode completions(HttpExchange ex, ObjectNode body) throws IOException {
    Fields f = new Fields(body);
    f.rejectUnsupported();
    if (f.bool("echo", false)) throw ApiError.invalid("echo", "echo is not supported");
    Integer bestOf = f.integer("best_of", 1, Integer.MAX_VALUE);
    if (bestOf != null && bestOf != 1) throw ApiError.invalid("best_of", "only best_of = 1 is supported");
    if (body.hasNonNull("suffix")) throw ApiError.invalid("suffix", "suffix is not supported");
    List<String> texts = prompts(body.get("prompt"));
    // more prompts than the batch and the queue hold together could never be served: refuse before tokenizing
    int capacity = options.maxBatch() + options.maxQueued();
    if (texts.size() > capacity) {
      throw ApiError.invalid("prompt", "this server takes at most " + capacity + " prompts per request, got "
          + texts.size());
    }
    List<int[]> prompts = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      int[] ids = lm.encodeRaw(texts.get(i));
      if (ids.length == 0) throw ApiError.invalid("prompt", "prompt " + i + " is empty");
      prompts.add(ids);
    }
    Integer logprobs = f.integer("logprobs", 0, MAX_TOP_LOGPROBS);
    SamplingParams params = f.sampling(maxTokens(f, prompts, "prompt"), logprobs == null ? 0 : logprobs);
    if (f.stream(logprobs != null ? "logprobs" : null)) {
      stream(ex, prompts, f.seed(), params, false, f.includeUsage());
      return null;
    }
    List<Generation> gens = generate(prompts, f.seed(), params);

    ObjectNode root = envelope("cmpl-", "text_completion");
    ArrayNode choices = root.putArray("choices");
    for (int i = 0; i < gens.size(); i++) {
      Generation g = gens.get(i);
      ObjectNode choice = choices.addObject();
      choice.put("index", i);
      choice.put("text", g.text());
      if (logprobs == null) {
        choice.putNull("logprobs");
      } else {
        ObjectNode lp = choice.putObject("logprobs");
        ArrayNode tokens = lp.putArray("tokens");
        ArrayNode tokenLogprobs = lp.putArray("token_logprobs");
        ArrayNode tops = lp.putArray("top_logprobs");
        ArrayNode offsets = lp.putArray("text_offset");
        int offset = 0;
        for (int t = 0; t < shownTokens(g); t++) {
          String token = tokenText(g.tokenIds()[t]);
          tokens.add(token);
          tokenLogprobs.add(finite(g.modelLogprobs()[t]));
          ObjectNode alts = tops.addObject();
          if (!g.topLogprobs().isEmpty()) {
            TopLogprobs tl = g.topLogprobs().get(t);
            for (int j = 0; j < tl.size(); j++) alts.put(tokenText(tl.tokenIds()[j]), finite(tl.logprobs()[j]));
          }
          offsets.add(offset);
          offset += token.length();
        }
      }
      choice.put("finish_reason", g.finishReason().wireName());
    }
    usage(root, gens);
    return root;
  }

  private static List<String> prompts(JsonNode p) {
    if (p == null || p.isNull()) throw ApiError.invalid("prompt", "'prompt' is a required property");
    if (p.isTextual()) return List.of(p.asText());
    if (p.isArray() && !p.isEmpty()) {
      List<String> out = new ArrayList<>();
      for (JsonNode item : p) {
        if (!item.isTextual()) {
          throw ApiError.invalid("prompt", "'prompt' must be a string or an array of strings (token-id prompts are not supported)");
        }
        out.add(item.asText());
      }
      return out;
    }
    throw ApiError.invalid("prompt", "'prompt' must be a string or a non-empty array of strings");
  }

  // ---- shared ----

  /** max_tokens (or max_completion_tokens), checked against the context left after the longest prompt. */
  private int maxTokens(Fields f, List<int[]> prompts, String promptField) {
    int context = lm.config().maxPositions();
    int longest = 0;
    for (int[] p : prompts) longest = Math.max(longest, p.length);
    String field = f.body.hasNonNull("max_completion_tokens") && !f.body.hasNonNull("max_tokens")
        ? "max_completion_tokens" : "max_tokens";
    Integer asked = f.integer(field, 1, Integer.MAX_VALUE);
    if (longest >= context) {
      throw ApiError.invalid(promptField, "this model's maximum context length is " + context + " tokens, but the "
          + promptField + " take " + longest + " tokens");
    }
    if (asked == null) return Math.min(options.defaultMaxTokens(), context - longest);
    if ((long) longest + asked > context) {
      throw ApiError.invalid(field, "this model's maximum context length is " + context + " tokens; you requested "
          + ((long) longest + asked) + " (" + longest + " in the " + promptField + ", " + asked + " in the completion)");
    }
    return asked;
  }

  private List<Generation> generate(List<int[]> prompts, Long seed, SamplingParams params) {
    long deadline = System.nanoTime() + options.requestTimeout().toNanos();
    long base = seed != null ? seed : ThreadLocalRandom.current().nextLong();
    List<CompletableFuture<Generation>> futures = new ArrayList<>();
    List<Generation> out = new ArrayList<>();
    try {
      for (int i = 0; i < prompts.size(); i++) futures.add(submit(prompts.get(i), base + i, params, ids -> { }));
      for (CompletableFuture<Generation> fut : futures) {
        out.add(fut.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "server_error", null, "interrupted");
    } catch (TimeoutException e) {
      throw new ApiError(503, "server_error", null, pastDeadline());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException) throw ApiError.invalid(null, cause.getMessage());
      if (cause instanceof GenerationQueue.Unavailable) throw new ApiError(503, "server_error", null, cause.getMessage());
      throw new ApiError(500, "server_error", null, "generation failed: " + cause);
    } finally {
      for (CompletableFuture<Generation> fut : futures) fut.cancel(false);  // no-op for the finished ones
    }
    return out;
  }

  /** What the generation thread tells a streaming request: prompt {@code index} has these tokens, or has ended. */
  private record StreamEvent(int index, int[] tokenIds, Generation done, Throwable error) {}

  /**
   * Sends each prompt's answer as server-sent events while it is generated, in OpenAI's chunk format: text deltas
   * (never taken back: text that may still become a stop string or half a character is held back), a last chunk per
   * answer with its finish_reason, optionally a usage chunk, then {@code data: [DONE]}.
   */
  private void stream(HttpExchange ex, List<int[]> prompts, Long seed, SamplingParams params, boolean chat,
                      boolean includeUsage) throws IOException {
    long deadline = System.nanoTime() + options.requestTimeout().toNanos();
    long base = seed != null ? seed : ThreadLocalRandom.current().nextLong();
    BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
    List<CompletableFuture<Generation>> futures = new ArrayList<>();
    List<TextDeltas> texts = new ArrayList<>();
    int holdBack = params.stopStrings().stream().mapToInt(String::length).max().orElse(1) - 1;
    // a client that went away (a failed write), a deadline that passed, a full queue: its prompts stop taking rows
    try {
      for (int i = 0; i < prompts.size(); i++) {
        int index = i;
        texts.add(new TextDeltas(ids -> lm.tokenizer().decode(ids, true), holdBack));
        futures.add(submit(prompts.get(i), base + i, params,
            ids -> events.add(new StreamEvent(index, ids, null, null))));
        futures.get(i).whenComplete((g, e) -> events.add(new StreamEvent(index, null, g, e)));
      }
      ObjectNode head = envelope(chat ? "chatcmpl-" : "cmpl-", chat ? "chat.completion.chunk" : "text_completion");
      ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        if (chat) send(out, chunk(head, 0, true, "", null));
        List<Generation> done = new ArrayList<>();
        while (done.size() < prompts.size()) {
          StreamEvent e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (e == null) {
            send(out, error(pastDeadline(), "server_error", null));
            break;
          }
          if (e.error() != null) {
            send(out, error("generation failed: " + e.error(), "server_error", null));
            break;
          }
          if (e.done() == null) {
            String delta = texts.get(e.index()).next(e.tokenIds());
            if (!delta.isEmpty()) send(out, chunk(head, e.index(), chat, delta, null));
          } else {
            done.add(e.done());
            send(out, chunk(head, e.index(), chat, texts.get(e.index()).finish(e.done().text()),
                e.done().finishReason().wireName()));
          }
        }
        if (includeUsage) {
          ObjectNode u = head.deepCopy();
          u.putArray("choices");
          usage(u, done);
          send(out, u);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } finally {
      for (CompletableFuture<Generation> fut : futures) fut.cancel(false);
    }
  }

  private String pastDeadline() {
    return "the request took longer than its deadline of " + options.requestTimeout().toSeconds()
        + " s (raif serve --request-timeout)";
  }

  /** Queues one prompt; a full queue is the client's cue to retry later (503). */
  private CompletableFuture<Generation> submit(int[] prompt, long seed, SamplingParams params,
                                               Consumer<int[]> onTokens) {
    try {
      return queue.submit(prompt, seed, params, onTokens);
    } catch (GenerationQueue.Full | GenerationQueue.Unavailable e) {
      throw new ApiError(503, "server_error", null, e.getMessage());
    }
  }

  private static ObjectNode chunk(ObjectNode head, int index, boolean chat, String text, String finishReason) {
    ObjectNode c = head.deepCopy();
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", index);
    if (chat) {
      ObjectNode delta = choice.putObject("delta");
      if (finishReason == null && text.isEmpty()) delta.put("role", "assistant");
      if (!text.isEmpty() || finishReason == null) delta.put("content", text);
    } else {
      choice.put("text", text);
    }
    choice.putNull("logprobs");
    if (finishReason == null) choice.putNull("finish_reason");
    else choice.put("finish_reason", finishReason);
    return c;
  }

  private static void send(OutputStream out, ObjectNode event) throws IOException {
    out.write(("data: " + JSON.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Tokens shown in logprobs: a final stop token ends the text but is not part of it. */
  private int shownTokens(Generation g) {
    int n = g.tokenIds().length;
    if (g.finishReason() == FinishReason.STOP && n > 0 && lm.stopTokenIds().contains(g.tokenIds()[n - 1])) n--;
    return n;
  }

  private ObjectNode tokenEntry(ObjectNode o, int id, float logprob) {
    String token = tokenText(id);
    o.put("token", token);
    o.put("logprob", finite(logprob));
    ArrayNode bytes = o.putArray("bytes");
    for (byte b : token.getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xff);
    return o;
  }

  private String tokenText(int id) {
    return lm.tokenizer().decode(new int[] {id}, false);
  }

  /** JSON has no infinities; -9999 is what vLLM reports for an impossible token. */
  private static double finite(float logprob) {
    return Float.isFinite(logprob) ? logprob : -9999.0;
  }

  private ObjectNode envelope(String idPrefix, String object) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", idPrefix + UUID.randomUUID().toString().replace("-", ""));
    root.put("object", object);
    root.put("created", System.currentTimeMillis() / 1000);
    root.put("model", modelId);
    return root;
  }

  private static void usage(ObjectNode root, List<Generation> gens) {
    long prompt = 0;
    long completion = 0;
    for (Generation g : gens) {
      prompt += g.promptTokens();
      completion += g.generatedTokens();
    }
    root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
  }

  /** Typed access to the optional request fields; null means absent, as in OpenAI's API. */
  private static final class Fields {
    final ObjectNode body;

    Fields(ObjectNode body) {
      this.body = body;
    }

    void rejectUnsupported() {
      Integer n = integer("n", 1, Integer.MAX_VALUE);
      if (n != null && n != 1) throw ApiError.invalid("n", "only n = 1 is supported, got " + n);
    }

    /** Whether to stream; {@code logprobsField} names a logprobs request, which streaming does not carry. */
    boolean stream(String logprobsField) {
      boolean stream = bool("stream", false);
      if (stream && logprobsField != null) {
        throw ApiError.invalid(logprobsField, "logprobs are not supported with stream: true");
      }
      if (!stream && body.hasNonNull("stream_options")) {
        throw ApiError.invalid("stream_options", "stream_options is only allowed with stream: true");
      }
      return stream;
    }

    /** stream_options.include_usage: a last chunk with the token counts. */
    boolean includeUsage() {
      JsonNode o = body.get("stream_options");
      if (o == null || o.isNull()) return false;
      if (!o.isObject()) throw ApiError.invalid("stream_options", "'stream_options' must be an object");
      JsonNode u = o.get("include_usage");
      if (u == null || u.isNull()) return false;
      if (!u.isBoolean()) throw ApiError.invalid("stream_options.include_usage", "'include_usage' must be a boolean");
      return u.asBoolean();
    }

    SamplingParams sampling(int maxTokens, int topLogprobs) {
      double temperature = number("temperature", 1.0, 0, 2);
      double topP = number("top_p", 1.0, Double.MIN_VALUE, 1);
      Integer topK = integer("top_k", -1, Integer.MAX_VALUE);
      return new SamplingParams(temperature, topP, topK == null || topK <= 0 ? 0 : topK, maxTokens, Set.of(), stops(),
          topLogprobs);
    }

    Long seed() {
      JsonNode s = body.get("seed");
      if (s == null || s.isNull()) return null;
      if (!s.isIntegralNumber() || !s.canConvertToLong()) throw ApiError.invalid("seed", "'seed' must be an integer");
      return s.asLong();
    }

    List<String> stops() {
      JsonNode s = body.get("stop");
      if (s == null || s.isNull()) return List.of();
      List<String> out = new ArrayList<>();
      if (s.isTextual()) {
        out.add(s.asText());
      } else if (s.isArray()) {
        for (JsonNode item : s) {
          if (!item.isTextual()) throw ApiError.invalid("stop", "'stop' must be a string or an array of strings");
          out.add(item.asText());
        }
      } else {
        throw ApiError.invalid("stop", "'stop' must be a string or an array of strings");
      }
      if (out.size() > MAX_STOPS) {
        throw ApiError.invalid("stop", "at most " + MAX_STOPS + " stop strings are allowed, got " + out.size());
      }
      for (String stop : out) {
        if (stop.isEmpty()) throw ApiError.invalid("stop", "stop strings must not be empty");
        if (stop.length() > MAX_STOP_CHARS) {
          throw ApiError.invalid("stop", "a stop string may have at most " + MAX_STOP_CHARS + " characters, got "
              + stop.length());
        }
      }
      return out;
    }

    boolean bool(String name, boolean absent) {
      JsonNode v = body.get(name);
      if (v == null || v.isNull()) return absent;
      if (!v.isBoolean()) throw ApiError.invalid(name, "'" + name + "' must be a boolean");
      return v.asBoolean();
    }

    double number(String name, double absent, double min, double max) {
      JsonNode v = body.get(name);
      if (v == null || v.isNull()) return absent;
      if (!v.isNumber()) throw ApiError.invalid(name, "'" + name + "' must be a number");
      double d = v.asDouble();
      if (!(d >= min && d <= max)) {
        throw ApiError.invalid(name, "'" + name + "' must be in [" + (min == Double.MIN_VALUE ? "0 (exclusive)" : min)
            + ", " + max + "], got " + v);
      }
      return d;
    }

    Integer integer(String name, int min, int max) {
      JsonNode v = body.get(name);
      if (v == null || v.isNull()) return null;
      if (!v.isIntegralNumber() || !v.canConvertToInt()) throw ApiError.invalid(name, "'" + name + "' must be an integer");
      int i = v.asInt();
      if (i < min || i > max) {
        throw ApiError.invalid(name, "'" + name + "' must be " + (max == Integer.MAX_VALUE ? ">= " + min
            : "in [" + min + ", " + max + "]") + ", got " + i);
      }
      return i;
    }
  }
}
