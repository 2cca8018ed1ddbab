package ai.raif.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/raif}: one subcommand per job. Errors print one clear line (set RAIF_DEBUG=1 for the stack trace). */
@Command(name = "raif", mixinStandardHelpOptions = true, version = "raif 0.1.0",
    description = "RAIF on Spark: teach LLMs to reason before answering multi-constraint instructions.",
    subcommands = {GenerateCommand.class, ScoreCommand.class, ChatCommand.class, IfevalCommand.class,
        BenchCommand.class, ServeCommand.class, ExportCommand.class, PipelineCommands.Rollout.class,
        PipelineCommands.Reward.class, PipelineCommands.Contrast.class, PipelineCommands.Train.class,
        PipelineCommands.Iterate.class, DemoCommand.class, DemoCommand.Recipe.class, EvalCommand.class,
        EvolveCommand.class})
public final class RaifCli implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** {@code command} followed by {@code args}: how the spark-submit main classes call a subcommand. */
  public static String[] prepend(String command, String[] args) {
    String[] all = new String[args.length + 1];
    all[0] = command;
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }

  static int execute(String... args) {
    CommandLine cli = new CommandLine(new RaifCli());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (System.getenv("RAIF_DEBUG") != null) e.printStackTrace();
      cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 2;
    });
    return cli.execute(args);
  }
}
