package ai.raif.jobs.evolve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.pipeline.PromptRecords;
import ai.raif.rewards.evolve.EvolveSettings;
import ai.raif.rewards.evolve.Evolver;
import ai.raif.rewards.evolve.Outcome;
import ai.raif.rewards.evolve.SeedInstruction;
import ai.raif.rewards.evolve.Witness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The seed set shipped in the jar, and what offline evolution makes of all of it with the default settings. */
class ShippedSeedsTest {
  static List<SeedInstruction> seeds() throws IOException {
    try (InputStream in = ShippedSeedsTest.class.getResourceAsStream(Evolution.SEEDS_RESOURCE)) {
      assertNotNull(in, Evolution.SEEDS_RESOURCE);
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      List<SeedInstruction> out = new ArrayList<>();
      for (int i = 0; i < lines.length; i++) out.add(SeedInstruction.parse(lines[i], i + 1));
      return out;
    }
  }

  @Test
  void aFewHundredDistinctSeedsOverManyTopics() throws IOException {
    List<SeedInstruction> seeds = seeds();
    assertTrue(seeds.size() >= 280, seeds.size() + " seeds");
    Set<String> ids = new HashSet<>();
    Set<String> texts = new HashSet<>();
    Map<String, Integer> topics = new TreeMap<>();
    for (SeedInstruction s : seeds) {
      assertTrue(ids.add(s.seedId()), "duplicate id " + s.seedId());
      assertTrue(texts.add(s.instruction()), "duplicate instruction " + s.seedId());
      assertNotNull(s.topic(), s.seedId());
      topics.merge(s.topic(), 1, Integer::sum);
    }
    assertTrue(topics.size() >= 30, topics.toString());
    assertTrue(topics.values().stream().allMatch(n -> n <= 20), "no topic dominates: " + topics);
  }

  @Test
  void everySeedEvolvesIntoPromptsThePipelineReads() throws IOException {
    EvolveSettings settings = new EvolveSettings(1, 1, 2, 4, 3, 1, 1, 0.1, 0.3, "system");
    Evolver evolver = new Evolver(settings, null);
    Map<String, Long> counts = new TreeMap<>();
    int line = 0;
    for (SeedInstruction seed : seeds()) {
      for (Outcome o : evolver.evolve(seed)) {
        counts.merge(o.isKept() ? "kept." + o.composition() : "dropped." + o.dropReason(), 1L, Long::sum);
        for (String id : o.failedIds()) counts.merge("unsatisfiable." + id, 1L, Long::sum);
        if (!o.isKept()) continue;
        Row row = PromptRecords.parse("run", ++line, o.prompt().toJsonLine());
        assertNull(row.getAs("error"), () -> row.getAs("error"));
        assertTrue(Witness.build(o.prompt().label().activeRules()).passes(), o.promptId());
      }
    }
    long kept = counts.entrySet().stream().filter(e -> e.getKey().startsWith("kept.")).mapToLong(Map.Entry::getValue).sum();
    System.out.println("shipped seeds, default settings: " + counts);
    assertFalse(counts.containsKey("dropped." + Outcome.INVALID_CONSTRAINT), counts.toString());
    assertTrue(kept >= 0.85 * seeds().size(), kept + " kept: " + counts);
  }
}
