package ai.raif.jobs.cli;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.Generation;
import ai.raif.trainer.sampling.Sampler;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.model.Models;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Talk to the model in a REPL. Commands: /reset clears the history, /exit (or end of input) quits.")
final class ChatCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws IOException {
    RaifConfig c = common.config();
    PrintStream out = System.out;
    try (LanguageModel lm = Models.load(c.model().path());
         BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      out.println("model: " + lm.source() + "  (/reset, /exit)");
      List<ChatMessage> history = new ArrayList<>();
      int turn = 0;
      while (true) {
        out.print("> ");
        out.flush();
        String line = in.readLine();
        if (line == null || line.strip().equals("/exit")) break;
        if (line.strip().equals("/reset")) {
          history.clear();
          out.println("(history cleared)");
          continue;
        }
        if (line.isBlank()) continue;
        history.add(new ChatMessage("user", line));
        try {
          int[] ids = lm.encodeChat(Prompting.conversation(c.generation().systemPrompt(), history));
          Generation g = lm.generate(List.of(new Sampler.Request(ids, c.generation().seed() + turn++)),
              Prompting.sampling(c.generation())).get(0);
          history.add(new ChatMessage("assistant", g.text()));
          out.println(g.text());
        } catch (IllegalArgumentException e) {
          // e.g. the history outgrew the context: keep the session, drop the turn that failed
          history.remove(history.size() - 1);
          out.println("error: " + e.getMessage() + " (try /reset)");
        }
      }
    }
    return 0;
  }
}
