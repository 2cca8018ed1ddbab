package ai.raif.jobs.cli;

import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.checkpoint.PolicyCheckpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a model (e.g. the embedded GGUF) as a Hugging Face checkpoint directory that transformers and vLLM load. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write the model as a Hugging Face checkpoint directory (config.json, model.safetensors, tokenizer).")
final class ExportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

  @Override
  public Integer call() {
    try (LanguageModel lm = LanguageModel.load(common.config().model().path())) {
      for (Path p : PolicyCheckpoint.save(lm, out)) System.out.println(p);
    }
    return 0;
  }
}
