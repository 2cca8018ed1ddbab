package ai.raif.rewards.ifeval;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only benchmark data beside the repository: ${raif.repo.root}/../shared/benchmarks/NAME. */
public final class SharedData {
  private SharedData() {}

  static Path ifevalDir() {
    return benchmarkDir("ifeval");
  }

  public static Path benchmarkDir(String name) {
    String root = System.getProperty("raif.repo.root");
    assertNotNull(root, "system property raif.repo.root (set by surefire)");
    Path dir = Path.of(root).resolve("../shared/benchmarks").resolve(name).normalize();
    assertTrue(Files.isDirectory(dir), "missing shared benchmark data: " + dir);
    return dir;
  }
}
