package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.evolve.Evolution;
import ai.raif.rewards.Constraint;
import ai.raif.rewards.evolve.ConstraintText;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.ifeval.IfevalData;
import ai.raif.rewards.ifeval.IfevalInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The held-out IFEval set (made by tools/heldout, never trained on): valid IFEval rows whose tasks are worded unlike
 * any training seed or built-in prompt.
 */
class HeldOutSetTest {
  static final String RESOURCE = "/ai/raif/jobs/heldout/ifeval_heldout.jsonl";
  private static final int SHINGLE = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<IfevalInput> rows;

  @BeforeAll
  static void read() throws URISyntaxException {
    URL url = HeldOutSetTest.class.getResource(RESOURCE);
    assertNotNull(url, RESOURCE);
    // read with the reader raif eval uses, so the file is what an IFEval run gets
    rows = IfevalData.readInputs(Path.of(url.toURI()));
  }

  @Test
  void atLeast200RowsWithUniqueKeysAndPrompts() {
    assertTrue(rows.size() >= 200, rows.size() + " rows");
    Set<String> keys = new HashSet<>();
    Set<String> prompts = new HashSet<>();
    for (IfevalInput row : rows) {
      assertTrue(keys.add(row.key()), "duplicate key " + row.key());
      assertTrue(prompts.add(row.prompt()), "duplicate prompt at key " + row.key());
    }
  }

  @Test
  void everyConstraintIsARegisteredCheckerWithValidKwargs() {
    IfevalChecker checker = new IfevalChecker();
    for (IfevalInput row : rows) {
      int n = row.instructionIds().size();
      assertTrue(n >= 1 && n <= 3, "key " + row.key() + ": " + n + " constraints");
      assertTrue(new HashSet<>(row.instructionIds()).size() == n, "key " + row.key() + ": an id twice");
      for (int i = 0; i < n; i++) {
        String id = row.instructionIds().get(i);
        assertTrue(IfevalChecker.ids().contains(id), "key " + row.key() + ": unknown id " + id);
        Constraint c = new Constraint(id, row.kwargs().get(i));
        assertDoesNotThrow(() -> checker.bind(c), "key " + row.key() + ": " + c);
      }
    }
  }

  @Test
  void noTaskWordingComesFromTheTrainingSeedsOrBuiltinPrompts() throws IOException {
    Set<List<String>> training = new HashSet<>();
    for (JsonNode seed : lines(Evolution.SEEDS_RESOURCE)) training.addAll(shingles(seed.get("instruction").asText()));
    for (JsonNode prompt : lines(PromptsStage.BUILTIN_RESOURCE)) {
      for (JsonNode m : prompt.get("messages")) {
        if (m.get("role").asText().equals("user")) training.addAll(shingles(m.get("content").asText()));
      }
    }
    assertTrue(training.size() > 1000, training.size() + " training shingles");
    for (IfevalInput row : rows) {
      // the constraint sentences are IFEval's own wording, which the built-in prompts use too: only the task counts
      String task = withoutConstraintText(row);
      assertTrue(task.length() < row.prompt().length(), "key " + row.key() + ": constraint text not found");
      assertFalse(task.isBlank(), "key " + row.key() + ": no task left");
      Set<List<String>> shared = new TreeSet<>(Comparator.comparing(Object::toString));
      for (List<String> s : shingles(task)) {
        if (training.contains(s)) shared.add(s);
      }
      assertTrue(shared.isEmpty(), "key " + row.key() + " shares wording with a training prompt: " + shared);
    }
  }

  /** The prompt less every phrasing evolve may have given its constraints (IFEval's text or a paraphrase). */
  static String withoutConstraintText(IfevalInput row) {
    Set<String> texts = new HashSet<>();
    for (int i = 0; i < row.instructionIds().size(); i++) {
      Constraint c = new Constraint(row.instructionIds().get(i), row.kwargs().get(i));
      // the phrasing is a random choice; enough draws to see every one
      for (long seed = 0; seed < 32; seed++) texts.add(ConstraintText.render(c, new SplittableRandom(seed)));
    }
    String task = row.prompt();
    for (String t : texts.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      task = task.replace(t, " ");
    }
    return task;
  }

  /** Runs of 8 words, lower-cased, punctuation dropped. */
  static Set<List<String>> shingles(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\s]", " ").trim().split("\\s+");
    Set<List<String>> out = new HashSet<>();
    for (int i = 0; i + SHINGLE <= words.length; i++) out.add(List.of(words).subList(i, i + SHINGLE));
    return out;
  }

  private static List<JsonNode> lines(String resource) throws IOException {
    try (InputStream in = HeldOutSetTest.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      List<JsonNode> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) out.add(JSON.readTree(line));
      }
      return out;
    }
  }
}
