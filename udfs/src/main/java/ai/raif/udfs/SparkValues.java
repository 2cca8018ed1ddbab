package ai.raif.udfs;

import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Java values as Spark's row encoders expect them: an array column takes a Scala Seq, not a java.util.List. */
public final class SparkValues {
  private SparkValues() {}

  public static <T> Seq<T> seq(List<T> list) {
    return list == null ? null : JavaConverters.asScalaBuffer(list).toSeq();
  }
}
