package ai.raif.udfs.model;

import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.Scorer;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The "gibberish after sync" guard: a fixed prompt and continuation, scored by the driver's trainer and by an
 * executor that loads the published version through {@link ExecutorModels}. Equal log-probs mean the executor
 * samples from exactly the weights that were trained (not a stale, half-written or mis-converted copy).
 */
public record PolicyProbe(int[] promptIds, int[] continuationIds) implements Serializable {

  /** Summed log-prob of the continuation under {@code model}. */
  public double logprob(LanguageModel model) {
    double sum = 0;
    for (float lp : model.score(List.of(new Scorer.Pair(promptIds, continuationIds))).get(0)) sum += lp;
    return sum;
  }

  /** The same, computed in a Spark task on the model an executor holds for {@code key}. */
  public double logprobOnExecutor(SparkSession spark, ModelKey key) {
    PolicyProbe probe = this;
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(0), 1).map(i -> {
      try (ModelLease lease = ExecutorModels.shared().acquire(key)) {
        return probe.logprob(lease.model());
      }
    }).first();
  }
}
