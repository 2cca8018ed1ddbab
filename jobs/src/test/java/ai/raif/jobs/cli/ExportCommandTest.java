package ai.raif.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code raif export}: a whole checkpoint appears at --out, and an existing one is replaced only when asked. */
class ExportCommandTest {
  @Test
  void exportsAndRefusesToOverwriteUnlessAskedToReplace(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("hf");
    RaifCliTest.Run first = RaifCliTest.run("export", "--out", out.toString());
    assertEquals(0, first.code(), first.err());
    for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "generation_config.json")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
      assertTrue(first.out().contains(out.resolve(f).toString()), first.out());
    }
    FileTime written = Files.getLastModifiedTime(out.resolve("model.safetensors"));

    RaifCliTest.Run again = RaifCliTest.run("export", "--out", out.toString());
    assertTrue(again.code() != 0 && again.err().contains("already exists") && again.err().contains("--replace"),
        again.err());
    assertEquals(written, Files.getLastModifiedTime(out.resolve("model.safetensors")), "left as it was");

    Files.writeString(out.resolve("stale.txt"), "from an older export");
    RaifCliTest.Run replaced = RaifCliTest.run("export", "--out", out.toString(), "--replace");
    assertEquals(0, replaced.code(), replaced.err());
    assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
    assertTrue(!Files.exists(out.resolve("stale.txt")), "the old directory was swapped out whole");
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("hf"), s.map(p -> p.getFileName().toString()).toList(), "no scratch or old copy left");
    }
  }
}
