package ai.raif.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.model.DefaultModel;
import ai.raif.trainer.sampling.Generation;
import ai.raif.trainer.sampling.Sampler;
import ai.raif.trainer.sampling.SamplingParams;
import ai.raif.trainer.sampling.Scorer;
import ai.raif.trainer.text.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint of the embedded model loads back as the same model: tokens, template, stop ids and log-probs. */
class PolicyCheckpointTest {
  @Test
  void theSavedDirectoryLoadsBackWithIdenticalLogprobsAndGenerations(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isRegularFile(DefaultModel.path()), "default model not fetched");
    List<ChatMessage> chat = List.of(new ChatMessage("system", "Think first."),
        new ChatMessage("user", "Name three rivers, in lowercase."));
    try (LanguageModel original = LanguageModel.load("default")) {
      List<Path> files = PolicyCheckpoint.save(original, dir);
      for (String name : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
          "generation_config.json")) {
        assertTrue(files.contains(dir.resolve(name)), name);
      }
      try (LanguageModel reloaded = LanguageModel.load(dir.toString())) {
        assertEquals(original.config().numLayers(), reloaded.config().numLayers());
        assertEquals(original.renderChat(chat), reloaded.renderChat(chat));
        int[] prompt = original.encodeChat(chat);
        assertArrayEquals(prompt, reloaded.encodeChat(chat));
        assertEquals(original.stopTokenIds(), reloaded.stopTokenIds());

        int[] continuation = original.tokenizer().encode("the nile, the amazon and the danube.", false);
        float[] a = original.score(List.of(new Scorer.Pair(prompt, continuation))).get(0);
        float[] b = reloaded.score(List.of(new Scorer.Pair(prompt, continuation))).get(0);
        assertArrayEquals(a, b, 0f, "fp32 weights written as fp32: bit-identical log-probs");

        SamplingParams greedy = SamplingParams.greedy(12);
        Generation ga = original.generate(List.of(new Sampler.Request(prompt, 0)), greedy).get(0);
        Generation gb = reloaded.generate(List.of(new Sampler.Request(prompt, 0)), greedy).get(0);
        assertEquals(ga.text(), gb.text());
      }
    }
  }
}
