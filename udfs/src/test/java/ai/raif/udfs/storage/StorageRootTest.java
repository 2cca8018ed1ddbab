package ai.raif.udfs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StorageRootTest {
  @Test
  void aUriKeepsItsFileSystemAndAPathIsMadeAbsolute() {
    assertEquals("s3a://bucket/raif/tables/rollouts", StorageRoot.of("s3a://bucket/raif/tables").resolve("rollouts"));
    assertEquals("s3a://bucket/rollouts", StorageRoot.of("s3a://bucket/").resolve("rollouts"));
    assertEquals("dbfs:/raif/prompts", StorageRoot.of("dbfs:/raif").resolve("prompts"));
    assertEquals("dbfs:/prompts", StorageRoot.of("dbfs:/").resolve("prompts"));
    // Hadoop's normal form, as Delta spells a table's location
    assertEquals("file:/tmp/x/t/samples", StorageRoot.of(" file:///tmp/x/t/ ").resolve("samples"));
    assertEquals("hdfs://nn:8020/raif/t", StorageRoot.of("hdfs://nn:8020/raif//").resolve("t"));
    assertEquals("abfss://c@acct.dfs.core.windows.net/t/rewards",
        StorageRoot.of("abfss://c@acct.dfs.core.windows.net/t").resolve("rewards"));

    String cwd = Path.of("").toAbsolutePath().toString();
    assertEquals(cwd + "/runs/tables/prompts", StorageRoot.of("runs/./tables").resolve("prompts"));
    // an absolute path is the default FileSystem's to interpret (a Unity Catalog volume on Databricks)
    assertEquals("/Volumes/main/raif/tables/prompts", StorageRoot.of("/Volumes/main/raif/tables").resolve("prompts"));

    assertTrue(StorageRoot.isUri("gs://b/x"));
    assertTrue(StorageRoot.isUri("hdfs://nn:8020/x"));
    assertFalse(StorageRoot.isUri("C:\\raif\\tables"));
    assertFalse(StorageRoot.isUri("runs/tables"));
    assertThrows(IllegalArgumentException.class, () -> StorageRoot.of(" "));
  }
}
