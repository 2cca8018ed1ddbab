package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real MLflow tracking server ({@code python -m mlflow server}, SQLite backend) on a free localhost port, for the
 * length of a test, and reads of what it holds through its REST API.
 */
final class MlflowServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_DEADLINE = Duration.ofSeconds(120);
  private final Process process;
  private final String url;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private MlflowServer(Process process, String url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /** Starts the server with {@code python} (a venv with mlflow) and waits, up to a deadline, for it to answer. */
  static MlflowServer start(String python, Path dir) throws Exception {
    Files.createDirectories(dir);
    int port = freePort();
    Path log = dir.resolve("server.log");
    ProcessBuilder pb = new ProcessBuilder(python, "-m", "mlflow", "server", "--host", "127.0.0.1", "--port",
        String.valueOf(port), "--workers", "1", "--backend-store-uri", "sqlite:///" + dir.resolve("mlflow.db"),
        "--default-artifact-root", dir.resolve("artifacts").toUri().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("PYTHONPATH");
    // MLflow 3 starts 8 job-runner processes beside the server by default; tracking needs none of them
    pb.environment().put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
    MlflowServer server = new MlflowServer(pb.start(), "http://127.0.0.1:" + port, log);
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.process.isAlive()) fail("mlflow server exited at start:\n" + Files.readString(log));
      try {
        HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.url + "/health"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return server;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    server.close();
    fail("mlflow server did not answer within " + START_DEADLINE.toSeconds() + " s:\n" + Files.readString(log));
    return null;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  String url() {
    return url;
  }

  JsonNode post(String method, String body) throws Exception {
    return read(HttpRequest.newBuilder(URI.create(url + "/api/2.0/mlflow/" + method))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  JsonNode get(String method, String... query) throws Exception {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < query.length; i += 2) {
      q.append(i == 0 ? '?' : '&').append(query[i]).append('=')
          .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
    }
    return read(HttpRequest.newBuilder(URI.create(url + "/api/2.0/mlflow/" + method + q)).GET());
  }

  private JsonNode read(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) fail("MLflow answered " + r.statusCode() + ": " + r.body());
    return JSON.readTree(r.body());
  }

  @Override
  public void close() throws Exception {
    // the server runs its app in worker processes of its own: stop them too
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  String log() throws IOException {
    return Files.readString(log);
  }
}
