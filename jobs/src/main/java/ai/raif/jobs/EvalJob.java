package ai.raif.jobs;

import ai.raif.jobs.cli.RaifCli;

/** {@code spark-submit --class ai.raif.jobs.EvalJob raif-jobs-spark.jar --benchmark B --data FILE [--model M] ...}. */
public final class EvalJob {
  private EvalJob() {}

  public static void main(String[] args) {
    RaifCli.main(RaifCli.prepend("eval", args));
  }
}
