package ai.raif.rewards.ifbench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the line-based data files that bin/fetch-rewards-data packs into the jar under ai/raif/rewards/data. */
final class IfbenchData {
  private IfbenchData() {}

  /** The lines of {@code data/<name>}, without their "\n". */
  static List<String> lines(String name) {
    String resource = "/ai/raif/rewards/data/" + name;
    try (InputStream in = IfbenchData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath; the rewards build puts it there with "
            + "bin/fetch-rewards-data (mvn generate-resources)");
      }
      List<String> lines = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) lines.add(line);
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
