package ai.raif.jobs.pipeline;

import java.util.List;

final class PipelineTestSupport {
  private PipelineTestSupport() {}

  static scala.collection.Seq<String> seq(String... names) {
    return RaifTables.scalaSeq(List.of(names));
  }
}
