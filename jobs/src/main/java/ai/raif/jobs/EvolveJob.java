package ai.raif.jobs;

import ai.raif.jobs.cli.RaifCli;

/** {@code spark-submit --class ai.raif.jobs.EvolveJob raif-jobs-spark.jar --conf conf/cluster.yaml [--set k=v ...]}. */
public final class EvolveJob {
  private EvolveJob() {}

  public static void main(String[] args) {
    RaifCli.main(RaifCli.prepend("evolve", args));
  }
}
