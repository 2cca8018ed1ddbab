package ai.raif.jobs.tracking;

import ai.raif.udfs.http.HttpCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The few calls of MLflow's REST tracking API ({@code <server>/api/2.0/mlflow/...}) the tracker needs, spoken over the
 * JDK HTTP client through {@link HttpCalls}, so they get the judge client's deadlines, retries, {@code Retry-After}
 * handling and bounded replies. MLflow's Java client ({@code org.mlflow:mlflow-client}) is not used: the Maven
 * registry these machines reach does not serve it, and these calls are all it would do here.
 */
final class MlflowClient {
  /** The run's tag that names the RAIF run: how a resumed run finds its MLflow run again. */
  static final String RUN_TAG = "raif.run_id";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An MLflow run and the params it already holds. */
  record Run(String runId, Map<String, String> params) {}

  private final URI api;
  private final HttpCalls calls;
  private final Duration deadline;

  /**
   * @param server the tracking server's base URL, e.g. {@code http://127.0.0.1:5000} or a Databricks workspace
   * @param deadline the most one call may take with all its attempts and waits
   */
  MlflowClient(URI server, HttpCalls calls, Duration deadline) {
    this.api = URI.create(server.toString().replaceAll("/+$", "") + "/api/2.0/mlflow/");
    this.calls = calls;
    this.deadline = deadline;
  }

  URI api() {
    return api;
  }

  /** The id of experiment {@code name}, created when missing (another process may create it first: then its id). */
  String experimentId(String name) throws InterruptedException {
    Optional<String> id = findExperiment(name);
    if (id.isPresent()) return id.get();
    ObjectNode body = JSON.createObjectNode().put("name", name);
    try {
      return post("experiments/create", body).path("experiment_id").asText();
    } catch (HttpCalls.CallException e) {
      if (e.status() != 400) throw e;  // RESOURCE_ALREADY_EXISTS: created since we looked
      return findExperiment(name).orElseThrow(() -> e);
    }
  }

  private Optional<String> findExperiment(String name) throws InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("max_results", 1)
        .put("filter", "name = '" + name + "'");  // no quote in it (RaifConfig.validate)
    JsonNode found = post("experiments/search", body).path("experiments");
    return found.size() == 0 ? Optional.empty() : Optional.of(found.get(0).path("experiment_id").asText());
  }

  /** The oldest active run of the experiment tagged with RAIF run {@code raifRunId}, with its params. */
  Optional<Run> findRun(String experimentId, String raifRunId) throws InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("max_results", 1)
        .put("filter", "tags.`" + RUN_TAG + "` = '" + raifRunId + "'");
    body.putArray("experiment_ids").add(experimentId);
    body.putArray("order_by").add("attributes.start_time ASC");
    JsonNode runs = post("runs/search", body).path("runs");
    if (runs.size() == 0) return Optional.empty();
    Map<String, String> params = new LinkedHashMap<>();
    for (JsonNode p : runs.get(0).path("data").path("params")) {
      params.put(p.path("key").asText(), p.path("value").asText());
    }
    return Optional.of(new Run(runs.get(0).path("info").path("run_id").asText(), params));
  }

  /** A new run named after the RAIF run and tagged with it. */
  String createRun(String experimentId, String raifRunId, long startMs) throws InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("experiment_id", experimentId).put("run_name", raifRunId)
        .put("start_time", startMs);
    body.putArray("tags").addObject().put("key", RUN_TAG).put("value", raifRunId);
    return post("runs/create", body).path("run").path("info").path("run_id").asText();
  }

  /** Sets the run's status: RUNNING (a resumed run), FINISHED or FAILED (with its end time). */
  void setStatus(String runId, String status, long endMs) throws InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("run_id", runId).put("status", status);
    if (!status.equals("RUNNING")) body.put("end_time", endMs);
    post("runs/update", body);
  }

  void logBatch(String runId, MlflowBatches.Batch batch) throws InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("run_id", runId);
    ArrayNode metrics = body.putArray("metrics");
    for (MetricPoint m : batch.metrics()) {
      metrics.addObject().put("key", m.key()).put("value", m.value()).put("timestamp", m.timestampMs())
          .put("step", m.step());
    }
    ArrayNode params = body.putArray("params");
    batch.params().forEach(p -> params.addObject().put("key", p.getKey()).put("value", p.getValue()));
    ArrayNode tags = body.putArray("tags");
    batch.tags().forEach(t -> tags.addObject().put("key", t.getKey()).put("value", t.getValue()));
    post("runs/log-batch", body);
  }

  private JsonNode post(String method, ObjectNode body) throws InterruptedException {
    String reply = calls.post(api.resolve(method), body.toString(), "MLflow " + method,
        System.nanoTime() + deadline.toNanos());
    try {
      return reply.isBlank() ? JSON.createObjectNode() : JSON.readTree(reply);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("MLflow " + method + ": the reply is not JSON: " + calls.quote(reply));
    }
  }
}
