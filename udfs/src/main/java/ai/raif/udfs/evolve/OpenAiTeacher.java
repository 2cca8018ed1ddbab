package ai.raif.udfs.evolve;

import ai.raif.rewards.evolve.Teacher;
import ai.raif.udfs.http.HttpCalls;
import ai.raif.udfs.http.OpenAiEndpoint;
import ai.raif.udfs.judge.OpenAiJudgeSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The evolution teacher behind an OpenAI-compatible chat-completions endpoint: one request per call, greedy
 * ({@code temperature 0}) and with the caller's {@code seed}, so that a deterministic server gives the same prompts
 * on every run. Retries and key handling are the {@link OpenAiEndpoint}'s.
 */
public final class OpenAiTeacher implements Teacher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenAiEndpoint endpoint;
  private final String model;
  private final int maxTokens;

  /** @param env environment lookup, {@code System::getenv} outside tests */
  public OpenAiTeacher(OpenAiJudgeSettings settings, int maxTokens, Function<String, String> env) {
    this.endpoint = new OpenAiEndpoint(settings, env, systemLogger());
    this.model = settings.model();
    this.maxTokens = maxTokens;
  }

  private static BiConsumer<Level, String> systemLogger() {
    System.Logger logger = System.getLogger(OpenAiTeacher.class.getName());
    return logger::log;
  }

  @Override
  public String chat(String system, String user, long seed) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", user);
    body.put("max_tokens", maxTokens);
    body.put("temperature", 0);
    body.put("seed", seed);
    String reply;
    try {
      reply = endpoint.post(body, "teacher request");
    } catch (HttpCalls.CallException e) {
      throw new TeacherException(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TeacherException("interrupted while waiting for the teacher");
    }
    try {
      JsonNode content = JSON.readTree(reply).path("choices").path(0).path("message").path("content");
      if (content.isTextual()) return content.asText();
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw new TeacherException(endpoint.mask("teacher request: " + endpoint.uri() + " sent no message content: "
        + HttpCalls.clip(reply)));
  }

  @Override
  public String toString() {
    return "OpenAiTeacher[" + endpoint.uri() + ", model=" + model + "]";
  }
}
