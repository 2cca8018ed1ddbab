package ai.raif.rewards.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ifeval.IfevalChecker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A rule added to a training request: written as the composer writes rules, drawn by how often answers failed it. */
class AddedRuleTest {
  static final Constraint NO_COMMA = new Constraint(Ids.NO_COMMA, Map.of());
  static final Constraint TITLE = new Constraint(Ids.TITLE, Map.of());

  @Test
  void theRuleIsWrittenInTheRequestsOwnLayoutAndListedLast() {
    String listed = "Plan a picnic.\n\nRequirements:\n- Do not use any commas.\n- Give it a title.";
    AddedRule.Request a = AddedRule.add(listed, List.of(NO_COMMA, TITLE), Ids.LOWERCASE, new SplittableRandom(1))
        .orElseThrow();
    assertEquals(List.of(NO_COMMA, TITLE, a.added()), a.rules());
    assertEquals(Ids.LOWERCASE, a.added().id());
    assertTrue(a.text().startsWith(listed + "\n- ") && !a.text().substring(listed.length() + 3).contains("\n"),
        a.text());

    String sentences = "Plan a picnic.\n\nDo not use any commas.";
    AddedRule.Request b = AddedRule.add(sentences, List.of(NO_COMMA), Ids.QUOTATION, new SplittableRandom(1))
        .orElseThrow();
    assertTrue(b.text().startsWith(sentences + " ") && b.text().length() > sentences.length() + 10, b.text());

    AddedRule.Request c = AddedRule.add("Plan a picnic.", List.of(), Ids.END_PHRASE, new SplittableRandom(1))
        .orElseThrow();
    assertTrue(c.text().startsWith("Plan a picnic.\n\n"), c.text());
    // kwargs are drawn as evolution draws them: an end phrase from the sampler's list
    assertTrue(ConstraintSampler.END_PHRASES.contains((String) c.added().kwargs().get("end_phrase")), c.toString());
    // and the checkers can read what was drawn
    new IfevalChecker().bind(c.added());
  }

  @Test
  void kindsThatFixTheRequestsLayoutConflictOrRepeatAreNeverAdded() {
    SplittableRandom r = new SplittableRandom(2);
    assertEquals(Optional.empty(), AddedRule.add("Hi.", List.of(), Ids.LANGUAGE, r));
    assertEquals(Optional.empty(), AddedRule.add("Hi.", List.of(), Ids.REPEAT_PROMPT, r));
    assertEquals(Optional.empty(), AddedRule.add("Hi.", List.of(), Ids.CONSTRAINED_RESPONSE, r));
    assertEquals(Optional.empty(), AddedRule.add("Hi.", List.of(NO_COMMA), Ids.NO_COMMA, r), "already there");
    assertEquals(Optional.empty(), AddedRule.add("Hi.", List.of(new Constraint(Ids.LOWERCASE, Map.of())),
        Ids.CAPITAL, r), "IFEval's conflict table");
    assertEquals(Optional.empty(), AddedRule.add("Read this request: \"Hi.\" Answer yes or no.",
        List.of(new Constraint(Ids.CONSTRAINED_RESPONSE, Map.of())), Ids.NO_COMMA, r), "a fixed layout");
  }

  @Test
  void aKindWeighsItsFailureRateWithOneFailureAndOnePassAdded() {
    AddedRule.Tally tally = new AddedRule.Tally();
    List<Constraint> rules = List.of(NO_COMMA, new Constraint(Ids.LOWERCASE, Map.of()));
    tally.count(rules, "prompt", "hello, world");   // comma: failed; lowercase: followed
    tally.count(rules, "prompt", "Hello, world");   // both failed
    tally.count(rules, "prompt", "hello world");    // both followed
    assertEquals((2 + 1) / (3 + 2.0), tally.weight(Ids.NO_COMMA), 1e-12);
    assertEquals((1 + 1) / (3 + 2.0), tally.weight(Ids.LOWERCASE), 1e-12);
    assertEquals(0.5, tally.weight(Ids.QUOTATION), 1e-12, "not seen");
  }

  @Test
  void drawsFollowTheWeightsAmongTheKindsThatMayBeAdded() {
    AddedRule.Tally tally = new AddedRule.Tally();
    List<Constraint> lower = List.of(new Constraint(Ids.LOWERCASE, Map.of()));
    for (int i = 0; i < 98; i++) tally.count(lower, "prompt", "Not Lower");  // lowercase: (98 + 1) / (98 + 2)
    // with the title taken: every kind but the title, its two conflicts (quotation marks, JSON) and the three never
    // added (language, repeat the request, a fixed answer)
    List<String> taken = List.of(Ids.TITLE);
    int allowed = 25 - 6;
    double total = 0.99 + (allowed - 1) * 0.5;
    Map<String, Integer> counts = new HashMap<>();
    SplittableRandom r = new SplittableRandom(7);
    int n = 40_000;
    for (int i = 0; i < n; i++) counts.merge(tally.draw(taken, r).orElseThrow(), 1, Integer::sum);
    assertEquals(allowed, counts.size(), counts.toString());
    for (String never : List.of(Ids.TITLE, Ids.QUOTATION, Ids.JSON, Ids.LANGUAGE, Ids.REPEAT_PROMPT,
        Ids.CONSTRAINED_RESPONSE)) {
      assertEquals(null, counts.get(never), never);
    }
    assertEquals(0.99 / total, counts.get(Ids.LOWERCASE) / (double) n, 0.01);
    assertEquals(0.5 / total, counts.get(Ids.NO_COMMA) / (double) n, 0.01);
  }
}
