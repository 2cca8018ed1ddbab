package ai.raif.jobs.pipeline;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Table rows for tests, written by column name: the columns a test does not name are null. */
final class TestRows {
  private TestRows() {}

  /** A row of {@code schema} from alternating column names and values. */
  static Row of(StructType schema, Object... namesAndValues) {
    Object[] v = new Object[schema.size()];
    for (int i = 0; i < namesAndValues.length; i += 2) {
      v[schema.fieldIndex((String) namesAndValues[i])] = namesAndValues[i + 1];
    }
    return RowFactory.create(v);
  }
}
