package ai.raif.jobs;

import ai.raif.jobs.cli.RaifCli;

/** {@code spark-submit --class ai.raif.jobs.TrainJob raif-jobs-spark.jar --conf conf/cluster.yaml [--set k=v ...]}. */
public final class TrainJob {
  private TrainJob() {}

  public static void main(String[] args) {
    RaifCli.main(RaifCli.prepend("train", args));
  }
}
