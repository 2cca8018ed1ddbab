package ai.raif.jobs;

import ai.raif.jobs.cli.RaifCli;

/** {@code spark-submit --class ai.raif.jobs.IterateJob raif-jobs-spark.jar --conf conf/cluster.yaml [--set k=v ...]}. */
public final class IterateJob {
  private IterateJob() {}

  public static void main(String[] args) {
    RaifCli.main(RaifCli.prepend("iterate", args));
  }
}
