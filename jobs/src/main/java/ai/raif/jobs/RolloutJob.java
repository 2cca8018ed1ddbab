package ai.raif.jobs;

import ai.raif.jobs.cli.RaifCli;

/** {@code spark-submit --class ai.raif.jobs.RolloutJob raif-jobs-spark.jar --conf conf/cluster.yaml [--set k=v ...]}. */
public final class RolloutJob {
  private RolloutJob() {}

  public static void main(String[] args) {
    RaifCli.main(RaifCli.prepend("rollout", args));
  }
}
