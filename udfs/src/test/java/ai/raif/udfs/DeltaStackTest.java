package ai.raif.udfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pinned Spark + Delta stack works on Java 17 with our JVM flags: an idempotent MERGE (the way every RAIF table is
 * written) and time travel. Rerunning the same MERGE must not duplicate rows.
 */
@ExtendWith(SharedSpark.class)
class DeltaStackTest {
  static final StructType SCHEMA = new StructType().add("prompt_id", DataTypes.StringType)
      .add("sample_idx", DataTypes.IntegerType).add("response", DataTypes.StringType);

  static void upsert(SparkSession spark, String path, List<Row> rows) {
    Dataset<Row> updates = spark.createDataFrame(rows, SCHEMA);
    DeltaTable.forPath(spark, path).as("t")
        .merge(updates.as("u"), "t.prompt_id = u.prompt_id AND t.sample_idx = u.sample_idx")
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
  }

  @Test
  void mergeIsIdempotentAndHistoryIsReadable(SparkSession spark, @TempDir Path dir) {
    String path = dir.resolve("rollouts").toString();
    DeltaTable.createIfNotExists(spark).location(path).addColumns(SCHEMA).execute();
    List<Row> batch = List.of(RowFactory.create("p1", 0, "a"), RowFactory.create("p1", 1, "b"),
        RowFactory.create("p2", 0, "c"));
    upsert(spark, path, batch);
    upsert(spark, path, batch);
    upsert(spark, path, List.of(RowFactory.create("p2", 0, "c2"), RowFactory.create("p3", 0, "d")));

    Dataset<Row> now = spark.read().format("delta").load(path);
    assertEquals(4, now.count());
    assertEquals("c2", now.filter("prompt_id = 'p2'").first().getString(2));
    assertEquals(3, spark.read().format("delta").option("versionAsOf", 1).load(path).count());
    assertEquals(0, spark.read().format("delta").option("versionAsOf", 0).load(path).count());
  }
}
