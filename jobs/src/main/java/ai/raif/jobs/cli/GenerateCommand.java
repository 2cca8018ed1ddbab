package ai.raif.jobs.cli;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.Generation;
import ai.raif.trainer.sampling.Sampler;
import ai.raif.udfs.model.Models;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a reply to one or more prompts (batched) with the configured model.")
final class GenerateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the prompt; repeat for a batch")
  List<String> prompts;

  @Option(names = "--raw", description = "feed the text as is, without the chat template")
  boolean raw;

  @Option(names = "--json", description = "one JSON object per prompt: text, token ids, finish reason, log-probs")
  boolean json;

  @Override
  public Integer call() {
    RaifConfig c = common.config();
    RaifConfig.Generation g = c.generation();
    try (LanguageModel lm = Models.load(c.model().path())) {
      List<Sampler.Request> requests = new ArrayList<>();
      for (int i = 0; i < prompts.size(); i++) {
        requests.add(new Sampler.Request(Prompting.promptIds(lm, prompts.get(i), g.systemPrompt(), raw), g.seed() + i));
      }
      List<Generation> out = lm.generate(requests, Prompting.sampling(g));
      ObjectMapper mapper = new ObjectMapper();
      for (int i = 0; i < out.size(); i++) {
        Generation gen = out.get(i);
        if (json) {
          ObjectNode o = mapper.createObjectNode();
          o.put("prompt", prompts.get(i));
          o.put("text", gen.text());
          o.put("finish_reason", gen.finishReason().wireName());
          o.put("prompt_tokens", gen.promptTokens());
          o.set("token_ids", mapper.valueToTree(gen.tokenIds()));
          o.set("sampled_logprobs", mapper.valueToTree(gen.sampledLogprobs()));
          o.set("model_logprobs", mapper.valueToTree(gen.modelLogprobs()));
          System.out.println(o);
        } else {
          if (out.size() > 1) System.out.println("### " + prompts.get(i));
          System.out.println(gen.text());
        }
      }
    }
    return 0;
  }
}
