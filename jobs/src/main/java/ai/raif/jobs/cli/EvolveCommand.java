package ai.raif.jobs.cli;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.evolve.Evolution;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/** {@code raif evolve}: seed instructions in, a prompts file with verifiable labels out (settings: {@code evolve.*}). */
@Command(name = "evolve", mixinStandardHelpOptions = true,
    description = "Evolve seed instructions into prompts with IFEval rule labels (And, Chain and Selection "
        + "compositions), keeping only those a constructed witness response satisfies; writes evolve.output in the "
        + "prompt-file format (use it with --set prompts.source=FILE).")
final class EvolveCommand extends PipelineCommands.StageCommand {
  /** Evolution writes only its output file, no rows of the user's run: it needs no lease on it. */
  @Override
  boolean writesRun() {
    return false;
  }

  @Override
  void run(SparkSession spark, RaifConfig config) {
    long start = System.nanoTime();
    Evolution.Result r = Evolution.run(spark, config);
    System.out.printf("[%s] %s (%.1f s)%n", config.run().id(), r.metrics().line(), (System.nanoTime() - start) / 1e9);
    for (String e : r.errors()) System.out.println("  seed error: " + e);
    System.out.println("prompts: " + r.prompts() + " (" + r.written() + " prompts; train on them with --set "
        + "prompts.source=" + r.prompts() + ")");
    System.out.println("rejects: " + r.rejects());
  }
}
