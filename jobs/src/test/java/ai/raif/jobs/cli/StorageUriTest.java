package ai.raif.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.pipeline.AliasFileSystem;
import ai.raif.jobs.pipeline.RaifTables;
import ai.raif.udfs.storage.StorageRoot;
import ai.raif.udfs.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code tables.root} as a FileSystem URI: the tables land where the URI says, never under the working directory. */
@ExtendWith(SharedSpark.class)
class StorageUriTest {
  @Test
  void aFileUriRootHoldsTheTablesItNames(SparkSession spark, @TempDir Path dir) {
    String root = dir.resolve("t").toUri().toString();  // file:///…/t/
    RaifCliTest.Run run = RaifCliTest.run("iterate", "--set", "tables.root=" + root, "--set",
        "run.stop_after=prompts", "--set", "run.id=uri", "--set", "train.checkpoint_root=" + dir.resolve("c"));
    assertEquals(0, run.code(), run.err() + run.out());
    assertTrue(Files.isDirectory(dir.resolve("t/prompts/_delta_log")), "the prompts table is under the URI's path");
    assertFalse(Files.exists(Path.of("file:")), "nothing lands in <cwd>/file:");
    long prompts = new RaifTables(spark, StorageRoot.of(root)).read(RaifTables.Table.PROMPTS)
        .where(functions.col("run_id").equalTo("uri")).count();
    assertTrue(prompts > 0, "the stage's prompts are in the table: " + prompts);
  }

  @Test
  void aRootOnAnotherFileSystemIsReachedOnlyThroughHadoop(SparkSession spark, @TempDir Path dir) {
    AliasFileSystem.register(spark.sparkContext().hadoopConfiguration());
    String root = AliasFileSystem.SCHEME + "://" + dir.resolve("t");
    RaifCliTest.Run run = RaifCliTest.run("iterate", "--set", "tables.root=" + root, "--set",
        "run.stop_after=prompts", "--set", "run.id=alias", "--set", "train.checkpoint_root=" + dir.resolve("c"));
    assertEquals(0, run.code(), run.err() + run.out());
    assertTrue(run.out().contains("tables: " + AliasFileSystem.SCHEME + ":" + dir.resolve("t")), run.out());
    assertTrue(Files.isDirectory(dir.resolve("t/prompts/_delta_log")), "Delta committed through the FileSystem");
    assertFalse(Files.exists(Path.of(AliasFileSystem.SCHEME + ":")), "no java.nio write to the URI as a path");
    // a rerun of the stage finds every prompt already there: the MERGE read the table back through the URI
    RaifCliTest.Run again = RaifCliTest.run("iterate", "--set", "tables.root=" + root, "--set",
        "run.stop_after=prompts", "--set", "run.id=alias", "--set", "train.checkpoint_root=" + dir.resolve("c"));
    assertEquals(0, again.code(), again.err() + again.out());
    RaifTables tables = new RaifTables(spark, StorageRoot.of(root));
    long rows = tables.read(RaifTables.Table.PROMPTS).where(functions.col("run_id").equalTo("alias")).count();
    long distinct = tables.read(RaifTables.Table.PROMPTS).where(functions.col("run_id").equalTo("alias"))
        .select("prompt_id").distinct().count();
    assertTrue(rows > 0 && rows == distinct, rows + " rows, " + distinct + " distinct prompts");
  }

  @Test
  void evolvedPromptsGoToAndAreReadFromAnotherFileSystem(SparkSession spark, @TempDir Path dir) throws Exception {
    AliasFileSystem.register(spark.sparkContext().hadoopConfiguration());
    Path seeds = Files.write(dir.resolve("seeds.jsonl"), EvolveCommandTest.shippedSeeds(4));
    String out = AliasFileSystem.SCHEME + "://" + dir.resolve("shared").resolve("evolved.jsonl");
    RaifCliTest.Run evolve = RaifCliTest.run("evolve", "--set", "evolve.seeds=" + seeds, "--set",
        "evolve.output=" + out, "--set", "tables.root=" + dir.resolve("t"), "--set", "run.id=evo-uri");
    assertEquals(0, evolve.code(), evolve.err() + evolve.out());
    Path written = dir.resolve("shared").resolve("evolved.jsonl");
    long kept = Files.readAllLines(written).size();
    assertTrue(kept > 0, "the prompts file is on the other file system");
    assertTrue(Files.isRegularFile(dir.resolve("shared").resolve("evolved.rejects.jsonl")), "and its rejects file");
    assertTrue(evolve.out().contains("prompts: " + AliasFileSystem.SCHEME + ":" + written), evolve.out());
    assertFalse(Files.exists(Path.of(AliasFileSystem.SCHEME + ":")), "no java.nio write to the URI as a path");

    RaifCliTest.Run prompts = RaifCliTest.run("iterate", "--set", "prompts.source=" + out, "--set",
        "tables.root=" + dir.resolve("t"), "--set", "run.stop_after=prompts", "--set", "run.id=evo-uri", "--set",
        "train.checkpoint_root=" + dir.resolve("c"));
    assertEquals(0, prompts.code(), prompts.err() + prompts.out());
    long rows = new RaifTables(spark, StorageRoot.of(dir.resolve("t").toString())).read(RaifTables.Table.PROMPTS)
        .where(functions.col("run_id").equalTo("evo-uri")).count();
    assertEquals(kept, rows, "every evolved prompt was read back through the URI");
    RaifCliTest.Run missing = RaifCliTest.run("iterate", "--set", "prompts.source=" + out + ".missing", "--set",
        "tables.root=" + dir.resolve("t"), "--set", "run.stop_after=prompts", "--set", "run.id=evo-uri-2");
    assertTrue(missing.code() != 0 && missing.err().contains("prompts.source: file not found"), missing.err());
  }
}
