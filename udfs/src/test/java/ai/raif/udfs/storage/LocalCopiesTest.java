package ai.raif.udfs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models on shared storage are copied to local disk once, whole, by one of the threads that need them. */
class LocalCopiesTest {
  @Test
  void aLocalPathIsUsedAsItIs() {
    assertEquals("/models/m.gguf", LocalCopies.localize("/models/m.gguf"));
    assertEquals("default", LocalCopies.localize("default"));
  }

  @Test
  void aUriIsCopiedOnceAndEvictedWhenRetired(@TempDir Path dir) throws Exception {
    Path checkpoint = Files.createDirectories(dir.resolve("run").resolve("policy-v3"));
    Files.writeString(checkpoint.resolve("config.json"), "{\"v\": 3}");
    Files.write(checkpoint.resolve("model.safetensors"), new byte[70_000]);
    String uri = checkpoint.toUri().toString();  // file:///…/policy-v3/

    Path copy = Path.of(LocalCopies.localize(uri));
    assertEquals("policy-v3", copy.getFileName().toString());
    assertTrue(copy.startsWith(LocalCopies.cacheRoot()), copy.toString());
    assertEquals("{\"v\": 3}", Files.readString(copy.resolve("config.json")));
    assertEquals(70_000, Files.size(copy.resolve("model.safetensors")));

    // a second use takes the copy, not the source (a published version never changes)
    Files.writeString(checkpoint.resolve("config.json"), "{\"v\": \"changed\"}");
    assertEquals(copy.toString(), LocalCopies.localize(uri));
    assertEquals("{\"v\": 3}", Files.readString(copy.resolve("config.json")));

    LocalCopies.evict(uri);
    assertFalse(Files.exists(copy), "a retired version's copy is deleted");
    assertEquals("{\"v\": \"changed\"}", Files.readString(Path.of(LocalCopies.localize(uri)).resolve("config.json")));
    LocalCopies.evict(uri);
  }

  @Test
  void threadsThatNeedTheSameModelShareOneWholeCopy(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("model.gguf"), new byte[3_000_000]);
    String uri = file.toUri().toString();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<String>> paths = new ArrayList<>();
      for (int i = 0; i < 6; i++) paths.add(pool.submit(() -> LocalCopies.localize(uri)));
      String first = paths.get(0).get();
      for (Future<String> p : paths) assertEquals(first, p.get());
      assertEquals(3_000_000, Files.size(Path.of(first)));
      try (Stream<Path> beside = Files.list(Path.of(first).getParent())) {
        assertEquals(List.of("model.gguf"), beside.map(p -> p.getFileName().toString()).toList(),
            "one copy, no partial downloads left");
      }
    } finally {
      pool.shutdownNow();
      LocalCopies.evict(uri);
    }
  }
}
