package ai.raif.jobs.evolve;

import ai.raif.rewards.evolve.Outcome;
import ai.raif.udfs.SparkValues;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row per (seed line, variant) of an evolution run: a kept prompt with its JSONL line, a dropped candidate with
 * its reason, or a seed line that could not be read ({@code error}, variant null).
 */
final class EvolveRows {
  static final String KEPT = "kept";
  static final String DROPPED = "dropped";
  static final String ERROR = "error";
  static final String BAD_SEED = "bad_seed";
  static final String DUPLICATE_SEED = "duplicate_seed_id";

  static final StructType SCHEMA = new StructType()
      .add("line", DataTypes.LongType, false)
      .add("seed_id", DataTypes.StringType, true)
      .add("variant", DataTypes.IntegerType, true)
      .add("prompt_id", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, false)
      .add("composition", DataTypes.StringType, true)
      .add("source", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true)
      .add("detail", DataTypes.StringType, true)
      .add("failed_ids", DataTypes.createArrayType(DataTypes.StringType), false)
      .add("notes", DataTypes.createArrayType(DataTypes.StringType), false)
      .add("prompt_json", DataTypes.StringType, true);

  private EvolveRows() {}

  static Row outcome(long line, String seedId, int variant, Outcome o) {
    return RowFactory.create(line, seedId, variant, o.promptId(), o.isKept() ? KEPT : DROPPED, o.composition(),
        o.isKept() ? o.prompt().source() : null, o.dropReason(), o.detail(), SparkValues.seq(o.failedIds()),
        SparkValues.seq(o.notes()), o.isKept() ? o.prompt().toJsonLine() : null);
  }

  /** A later line of a seed_id already seen: its prompts would repeat prompt ids. */
  static Row duplicate(long line, String seedId, long firstLine) {
    return RowFactory.create(line, seedId, null, null, ERROR, null, null, DUPLICATE_SEED, "line " + line
        + ": duplicate seed_id '" + seedId + "' (first at line " + firstLine + ")", SparkValues.seq(List.of()),
        SparkValues.seq(List.of()), null);
  }

  static Row badSeed(long line, String message) {
    return RowFactory.create(line, null, null, null, ERROR, null, null, BAD_SEED, message,
        SparkValues.seq(List.of()), SparkValues.seq(List.of()), null);
  }
}
