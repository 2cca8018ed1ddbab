package ai.raif.rewards.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.composition.Composition;
import ai.raif.rewards.composition.Step;
import ai.raif.rewards.ifeval.IfevalChecker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Offline evolution over many samples: every label is valid IFEval, witnessed, conflict-free and reproducible. */
class EvolverTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final IfevalChecker CHECKER = new IfevalChecker();
  static final List<SeedInstruction> SEEDS = List.of(
      new SeedInstruction("s1", "Explain how a bicycle gear system works to someone buying their first road bike.", null),
      new SeedInstruction("s2", "Write a short story about a lost umbrella that travels around a city.", "story"),
      new SeedInstruction("s3", "Plan a three-day trip to the mountains for a family with two teenagers.", null),
      new SeedInstruction("s4", "Compare tea and coffee as morning drinks.", null),
      new SeedInstruction("s5", "Summarize the benefits of learning a second language as an adult.", null),
      new SeedInstruction("s6", "Write an email to my landlord, asking for the broken window to be fixed.", null),
      new SeedInstruction("s7", "List ideas for a rainy Sunday at home.", null),
      new SeedInstruction("s8", "Explain what this code does: for i in range(3): print(i * i)", "programming"));

  static EvolveSettings settings(long seed, int variants) {
    return new EvolveSettings(seed, variants, 1, 5, 2, 1, 1, 0.2, 0.3, "system");
  }

  static List<Outcome> evolveAll(EvolveSettings s) {
    Evolver evolver = new Evolver(s, null);
    List<Outcome> out = new ArrayList<>();
    for (SeedInstruction seed : SEEDS) out.addAll(evolver.evolve(seed));
    return out;
  }

  @Test
  void everyKeptLabelIsValidWitnessedAndFreeOfConflicts() throws Exception {
    List<Outcome> outcomes = evolveAll(settings(7, 40));
    assertEquals(SEEDS.size() * 40, outcomes.size());
    Map<String, Integer> kept = new TreeMap<>();
    int dropped = 0;
    for (Outcome o : outcomes) {
      if (!o.isKept()) {
        dropped++;
        assertEquals(Outcome.UNSATISFIABLE, o.dropReason(), o.detail());
        assertFalse(o.failedIds().isEmpty(), o.detail());
        continue;
      }
      kept.merge(o.composition(), 1, Integer::sum);
      JsonNode row = JSON.readTree(o.prompt().toJsonLine());
      assertEquals("ifeval", row.path("source").asText());
      assertEquals(o.promptId(), row.path("prompt_id").asText());
      String text = row.path("messages").path(0).path("content").asText();
      assertTrue(text.startsWith(seedOf(o).instruction()) || text.startsWith("Read this request: \""), text);
      CompositeLabel label = CompositeLabelJson.parse(row.path("constraints").toString());
      assertEquals(o.prompt().label(), label, "the label survives its JSON round trip");
      List<Constraint> active = label.activeRules();
      assertFalse(active.isEmpty(), o.promptId());
      for (Step step : label.steps()) {
        step.rules().forEach(CHECKER::bind); // throws for an unknown id or a bad kwarg
        assertNull(ConflictTable.firstConflict(step.rules().stream().map(Constraint::id).toList()), o.promptId());
      }
      if (label.composition() != Composition.SELECTION) {
        assertNull(ConflictTable.firstConflict(active.stream().map(Constraint::id).toList()), o.promptId());
      } else {
        assertEquals(1, label.steps().stream().filter(Step::active).count(), "one active branch: " + o.promptId());
        String word = label.steps().get(0).name().replaceAll(".*\"(.*)\".*", "$1");
        boolean present = Pattern.compile("(?i)\\b" + Pattern.quote(word) + "\\b").matcher(seedOf(o).instruction()).find();
        assertEquals(present, label.steps().get(0).active(), "the condition decides the branch: " + text);
      }
      Witness.Result witness = Witness.build(active);
      assertTrue(witness.passes(), o.promptId() + " " + witness.failed());
      for (Constraint rule : active) assertTrue(CHECKER.check(rule, text, witness.response()), rule.id());
      for (Constraint rule : active) {
        if (rule.id().equals(Ids.REPEAT_PROMPT)) {
          assertTrue(text.startsWith(rule.kwargs().get("prompt_to_repeat") + " " + ConstraintText.REPEAT_PROMPT), text);
        }
      }
    }
    assertTrue(kept.keySet().containsAll(List.of("and", "chain", "selection")), kept.toString());
    assertTrue(dropped < outcomes.size() / 5, dropped + " of " + outcomes.size() + " dropped");
  }

  @Test
  void theSameSeedGivesTheSamePromptsAndAnotherSeedOthers() {
    List<String> a = lines(evolveAll(settings(11, 3)));
    assertEquals(a, lines(evolveAll(settings(11, 3))));
    // a prompt depends on its own seed only: evolving one seed alone gives the same lines as evolving all of them
    List<String> alone = lines(new Evolver(settings(11, 3), null).evolve(SEEDS.get(4)));
    assertTrue(a.containsAll(alone) && !alone.isEmpty());
    List<String> b = lines(evolveAll(settings(12, 3)));
    assertNotEquals(a, b);
  }

  @Test
  void samplesStayInIfevalsRanges() {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(i);
      KeywordPicker words = new KeywordPicker(SEEDS.get(i % SEEDS.size()).instruction(), r);
      List<Constraint> rules = ConstraintSampler.sample(r, 1 + i % 6, IfevalChecker.ids(), List.of(), false, words);
      assertNull(ConflictTable.firstConflict(rules.stream().map(Constraint::id).toList()));
      for (Constraint c : rules) {
        seen.merge(c.id(), 1, Integer::sum);
        Map<String, Object> kw = c.kwargs();
        switch (c.id()) {
          case Ids.WORDS -> inRange(kw.get("num_words"), 100, 500);
          case Ids.SENTENCES -> inRange(kw.get("num_sentences"), 1, 20);
          case Ids.PARAGRAPHS, Ids.SECTIONS -> inRange(kw.getOrDefault("num_paragraphs", kw.get("num_sections")), 2, 5);
          case Ids.BULLETS -> inRange(kw.get("num_bullets"), 2, 5);
          case Ids.HIGHLIGHTS, Ids.PLACEHOLDERS ->
              inRange(kw.getOrDefault("num_highlights", kw.get("num_placeholders")), 1, 4);
          case Ids.LETTER -> {
            inRange(kw.get("let_frequency"), 1, 10);
            assertTrue(kw.get("letter").toString().matches("[a-z]"));
          }
          case Ids.CAPITAL_WORDS -> inRange(kw.get("capital_frequency"), 1, 20);
          case Ids.FREQUENCY -> inRange(kw.get("frequency"), 1, 3);
          case Ids.NTH_PARAGRAPH -> {
            inRange(kw.get("num_paragraphs"), 2, 5);
            inRange(kw.get("nth_paragraph"), 1, (Integer) kw.get("num_paragraphs"));
          }
          case Ids.LANGUAGE -> assertTrue(FillerText.foreignLanguages().contains(kw.get("language")));
          default -> { }
        }
        if (!c.id().equals(Ids.REPEAT_PROMPT)) CHECKER.bind(c);
        assertFalse(ConstraintText.render(c, r).isBlank());
      }
    }
    assertEquals(IfevalChecker.ids(), seen.keySet().stream().collect(java.util.stream.Collectors.toSet()),
        "every id is drawn sometimes");
  }

  static void inRange(Object v, int low, int high) {
    int n = (Integer) v;
    assertTrue(n >= low && n <= high, n + " not in " + low + ".." + high);
  }

  static SeedInstruction seedOf(Outcome o) {
    return SEEDS.stream().filter(s -> o.promptId().startsWith(s.seedId() + "-v")).findFirst().orElseThrow();
  }

  static List<String> lines(List<Outcome> outcomes) {
    return outcomes.stream().map(o -> o.isKept() ? o.prompt().toJsonLine() : o.promptId() + " " + o.detail()).toList();
  }
}
