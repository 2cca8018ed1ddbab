package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small prompt file with good and bad rows, and a config that runs it quickly on the embedded model. */
final class PipelineFixtures {
  static final int G = 2;
  static final int G_DIRECT = 1;

  /** Valid prompts whose rollouts are generated: 3 instruction prompts and 1 math prompt. */
  static final List<String> GOOD = List.of(
      "{\"prompt_id\": \"if-a\", \"source\": \"ifeval\", \"split\": \"train\", \"messages\": [{\"role\": \"user\", "
          + "\"content\": \"Name a fruit. Answer in all lowercase letters.\"}], \"constraints\": "
          + "{\"instruction_id_list\": [\"change_case:english_lowercase\"], \"kwargs\": [{}]}}",
      "{\"prompt_id\": \"if-b\", \"source\": \"ifeval\", \"split\": \"train\", \"messages\": [{\"role\": \"user\", "
          + "\"content\": \"Say hello without using any commas.\"}], \"constraints\": "
          + "{\"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}}",
      "{\"prompt_id\": \"m-a\", \"source\": \"math\", \"split\": \"train\", \"messages\": [{\"role\": \"user\", "
          + "\"content\": \"What is 2 + 3? Put the answer in \\\\boxed{}.\"}], \"reference_answer\": \"5\"}");

  /**
   * Prompts that become error rows: an unknown rule id (at the prompts stage), empty text and 100k characters (in the
   * rollouts).
   */
  static final List<String> BAD_BUT_LOADED = List.of(
      "{\"prompt_id\": \"bad-id\", \"source\": \"ifeval\", \"split\": \"train\", \"messages\": [{\"role\": \"user\", "
          + "\"content\": \"Write a word.\"}], \"constraints\": "
          + "{\"instruction_id_list\": [\"keywords:no_such_checker\"], \"kwargs\": [{}]}}",
      "{\"prompt_id\": \"bad-empty\", \"source\": \"ifeval\", \"split\": \"train\", \"messages\": [{\"role\": \"user\", "
          + "\"content\": \"   \"}], \"constraints\": {\"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}}",
      "{\"prompt_id\": \"bad-huge\", \"source\": \"ifeval\", \"split\": \"train\", \"messages\": [{\"role\": \"user\", "
          + "\"content\": \"" + "word ".repeat(20_000) + "\"}], \"constraints\": "
          + "{\"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}}");

  /** Lines that cannot be loaded at all. */
  static final List<String> UNLOADABLE = List.of("{not json", "{\"source\": \"ifeval\", \"messages\": []}");

  private PipelineFixtures() {}

  static Path promptFile(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(GOOD);
    lines.addAll(BAD_BUT_LOADED);
    lines.addAll(UNLOADABLE);
    return Files.write(dir.resolve("prompts.jsonl"), lines);
  }

  static RaifConfig config(Path prompts, Path tables, String... more) {
    List<String> sets = new ArrayList<>(List.of("prompts.source=" + prompts, "tables.root=" + tables,
        "rollout.reasoning_samples=" + G, "rollout.direct_samples=" + G_DIRECT, "rollout.max_new_tokens=12",
        "rollout.batch_size=4", "rollout.partitions=2", "run.id=test"));
    sets.addAll(List.of(more));
    return ConfigLoader.load(List.of(), sets);
  }
}
