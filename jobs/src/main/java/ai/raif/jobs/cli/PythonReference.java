package ai.raif.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference benchmark script from {@code tools/bench} with {@code RAIF_PYTHON} (default python3) and collects
 * the JSON objects it prints, one per line. A reference is optional: when it cannot run, one line says why.
 */
final class PythonReference {
  private PythonReference() {}

  /** The script's JSON lines, or empty after printing "{label}: skipped (reason)". */
  static Optional<List<JsonNode>> run(String label, String script, List<String> args)
      throws IOException, InterruptedException {
    Path path = Path.of(System.getProperty("raif.home", "."), "tools", "bench", script);
    if (!Files.isRegularFile(path)) return skipped(label, "no " + path);
    String python = System.getenv().getOrDefault("RAIF_PYTHON", "python3");
    List<String> command = new ArrayList<>(List.of(python, path.toString()));
    command.addAll(args);
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return skipped(label, python + " not runnable");
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> results = new ArrayList<>();
    String lastOther = "no output";
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("{")) results.add(json.readTree(line));
        else if (!line.isBlank()) lastOther = line.strip();
      }
    }
    p.waitFor(10, TimeUnit.MINUTES);
    // the last non-JSON line is usually the ImportError that says which package is missing
    return results.isEmpty() ? skipped(label, python + ": " + lastOther) : Optional.of(results);
  }

  private static Optional<List<JsonNode>> skipped(String label, String reason) {
    System.out.println(label + ": skipped (" + reason + ")");
    return Optional.empty();
  }
}
