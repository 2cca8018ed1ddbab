package ai.raif.udfs.model;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * Torch intra-op threads per task = executor cores / task slots. Every concurrent Spark task runs its own forward
 * passes, so letting each use all cores oversubscribes them (stack-notes §4.3: 1 thread per task beat 2 by 40%).
 * Torch reads the setting once, when the engine starts, so it is set before the first model load and an explicit
 * {@code -Dai.djl.pytorch.num_threads} always wins.
 */
public final class TorchThreads {
  static final String PROPERTY = "ai.djl.pytorch.num_threads";

  private TorchThreads() {}

  static synchronized void configureOnce() {
    if (System.getProperty(PROPERTY) != null) return;
    SparkEnv env = SparkEnv.get();
    if (env == null) return;
    System.setProperty(PROPERTY, String.valueOf(perTask(env.conf(), Runtime.getRuntime().availableProcessors())));
  }

  /** Executor cores divided by the number of tasks that run on them at once. */
  static int perTask(SparkConf conf, int machineCores) {
    int cores = conf.getInt("spark.executor.cores", localCores(conf.get("spark.master", "local[*]"), machineCores));
    int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
    int slots = Math.max(1, cores / taskCpus);
    return Math.max(1, cores / slots);
  }

  /** Cores of a local master: local, local[N], local[*], local[N,F]; a cluster master without executor cores: all. */
  static int localCores(String master, int machineCores) {
    if (master.equals("local")) return 1;
    if (!master.startsWith("local[")) return machineCores;
    String n = master.substring("local[".length(), master.indexOf(']')).split(",")[0].trim();
    return n.equals("*") ? machineCores : Integer.parseInt(n);
  }
}
