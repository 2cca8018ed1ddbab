package ai.raif.jobs.cli;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.pipeline.LearningCurve;
import ai.raif.jobs.pipeline.Pipeline;
import ai.raif.jobs.pipeline.Pipeline.Stage;
import ai.raif.jobs.pipeline.PipelineContext;
import ai.raif.jobs.pipeline.RunLease;
import ai.raif.jobs.tracking.Tracking;
import ai.raif.udfs.storage.StorageRoot;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The pipeline's commands: one stage each ({@code rollout}, {@code reward}, {@code contrast}, {@code train}) for
 * {@code run.iteration}, or {@code iterate} for {@code run.iterations} iterations up to {@code run.stop_after}.
 * Every stage skips the work its table already holds, so any command can be rerun after a crash.
 */
final class PipelineCommands {
  private PipelineCommands() {}

  abstract static class StageCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    abstract void run(SparkSession spark, RaifConfig config);

    /** Whether the command writes its run's rows and checkpoints, and so must hold the run's lease. */
    boolean writesRun() {
      return true;
    }

    /** The command's configuration: conf/local.yaml under the user's files and overrides. */
    RaifConfig config() {
      return common.config();
    }

    @Override
    public Integer call() {
      RaifConfig config = config();
      // a session that was already running (a notebook, spark-submit, a test) belongs to its owner: leave it running
      boolean ours = SparkSession.getDefaultSession().isEmpty() && System.getProperty("spark.master") == null;
      SparkSession spark = Pipeline.session(config);
      // taken once the session exists, so that the lease file is written with the session's Hadoop settings
      boolean succeeded = false;
      try (RunLease lease = writesRun() ? RunLease.acquire(StorageRoot.of(config.tables().root()), config.run().id(),
          RunLease.STALE_AFTER) : null) {
        // every row the command writes for its run is logged to MLflow too when tracking is on (Tracking)
        Tracking.open(config);
        run(spark, config);
        System.out.println("tables: " + PipelineContext.of(spark, config, 0).tables().root());
        succeeded = true;
        return 0;
      } finally {
        Tracking.close(config.run().id(), succeeded);
        if (ours) spark.stop();
      }
    }
  }

  /** One stage for {@code run.iteration}; the prompts stage runs first for rollouts (a no-op once loaded). */
  abstract static class SingleStage extends StageCommand {
    private final Stage stage;

    SingleStage(Stage stage) {
      this.stage = stage;
    }

    @Override
    void run(SparkSession spark, RaifConfig config) {
      PipelineContext ctx = PipelineContext.of(spark, config, config.run().iteration());
      if (stage == Stage.ROLLOUT) Pipeline.runStage(ctx, Stage.PROMPTS, System.out);
      Pipeline.runStage(ctx, stage, System.out);
    }
  }

  @Command(name = "rollout", mixinStandardHelpOptions = true,
      description = "Generate the iteration's rollouts (G reasoning + G' direct per prompt) into the rollouts table.")
  static final class Rollout extends SingleStage {
    Rollout() {
      super(Stage.ROLLOUT);
    }
  }

  @Command(name = "reward", mixinStandardHelpOptions = true,
      description = "Score the iteration's rollouts (rules, math, format, judge) into the rewards table.")
  static final class Reward extends SingleStage {
    Reward() {
      super(Stage.REWARD);
    }
  }

  @Command(name = "contrast", mixinStandardHelpOptions = true,
      description = "Apply sample-wise CoT contrast and compute GRPO advantages into the samples table.")
  static final class Contrast extends SingleStage {
    Contrast() {
      super(Stage.CONTRAST);
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train the policy on the iteration's samples (GRPO + behaviour cloning) and publish the next "
          + "policy version; resumes from the last saved step.")
  static final class Train extends SingleStage {
    Train() {
      super(Stage.TRAIN);
    }
  }

  @Command(name = "iterate", mixinStandardHelpOptions = true,
      description = "Run run.iterations iterations from run.iteration, each through the stages up to run.stop_after.")
  static final class Iterate extends StageCommand {
    @Override
    void run(SparkSession spark, RaifConfig config) {
      Stage stopAfter = Stage.of(config.run().stopAfter());
      if (config.run().iteration() == 0) LearningCurve.point(spark, config, 0, System.out);
      for (int i = 0; i < config.run().iterations(); i++) {
        PipelineContext ctx = PipelineContext.of(spark, config, config.run().iteration() + i);
        Pipeline.runIteration(ctx, stopAfter, System.out);
        if (stopAfter == Stage.TRAIN) LearningCurve.point(spark, config, ctx.iteration() + 1L, System.out);
      }
    }
  }
}
