package ai.raif.jobs.pipeline;

import ai.raif.udfs.SparkValues;
import java.util.List;

final class PipelineTestSupport {
  private PipelineTestSupport() {}

  static scala.collection.Seq<String> seq(String... names) {
    return SparkValues.seq(List.of(names));
  }
}
