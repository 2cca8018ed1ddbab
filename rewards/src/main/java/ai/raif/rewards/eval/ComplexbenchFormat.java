package ai.raif.rewards.eval;

import ai.raif.rewards.ifeval.Tally;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ComplexBench ({@code data_final.json}): instances {@code main_id, instruction[_en], category, scoring_questions}
 * with questions {@code point_id, question[_en], dep, constraint_dimensions}. The English fields are used when present.
 *
 * <p>Dependency-aware aggregation as in its {@code aggregation.py}: a question counts as satisfied only when it and
 * every question it directly depends on ({@code dep}, by point_id, raw verdicts, not transitive) are YES. DRFR = the
 * share of satisfied questions, overall, per category ({@code drfr_and}, {@code drfr_chain_1}, ...) and per constraint
 * type of the question's dimensions ({@code drfr_lexical}, {@code drfr_format}, {@code drfr_semantic},
 * {@code drfr_utility}). Every question goes to the judge, the rule-checkable ones too: ComplexBench needs an LLM to
 * extract the span a rule applies to, so its rules cannot run without one either.
 */
final class ComplexbenchFormat extends JudgedFormat<ComplexbenchFormat.Entry> {
  /** ComplexBench's taxonomy: constraint dimension → type. */
  private static final Map<String, String> TYPE_OF = typeOf();

  private record Question(int pointId, List<Integer> deps, Set<String> types) {}

  record Entry(JudgedItem item, List<Question> questions, List<String> categories) implements JudgedFormat.Entry {}

  private ComplexbenchFormat(List<Entry> entries, List<String> skipped) {
    super(entries, skipped);
  }

  static ComplexbenchFormat of(List<BenchmarkRows.Row> rows, int limit) {
    List<String> skipped = new ArrayList<>();
    List<Entry> entries = JudgedFormat.parseRows(rows, limit, ComplexbenchFormat::entry, skipped);
    return new ComplexbenchFormat(entries, skipped);
  }

  private static Entry entry(BenchmarkRows.Row r) {
    String instruction = r.optionalText("instruction_en", null);
    if (instruction == null) instruction = r.text("instruction");
    List<BenchmarkRows.Row> qs = r.objects("scoring_questions");
    if (qs.isEmpty()) throw r.error("scoring_questions", "no questions");
    List<Question> questions = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    Set<Integer> ids = new LinkedHashSet<>();
    for (BenchmarkRows.Row q : qs) {
      String text = q.optionalText("question_en", null);
      texts.add(text == null ? q.text("question") : text);
      int id = q.integer("point_id");
      if (!ids.add(id)) throw q.error("point_id", id + " appears twice");
      Set<String> types = new LinkedHashSet<>();
      for (String dims : q.texts("constraint_dimensions")) {
        for (String d : dims.split(",")) {
          String type = TYPE_OF.get(d.strip().toLowerCase(Locale.ROOT));
          if (type != null) types.add(type);
        }
      }
      questions.add(new Question(id, q.integers("dep"), types));
    }
    for (int i = 0; i < questions.size(); i++) {
      for (int d : questions.get(i).deps()) {
        if (!ids.contains(d)) throw qs.get(i).error("dep", "point_id " + d + " is not a question of this instance");
      }
    }
    return new Entry(new JudgedItem(r.id("main_id"), instruction, texts), questions, r.texts("category"));
  }

  @Override
  public List<Metric> metrics(Map<String, List<Boolean>> verdicts) {
    Tally all = Tally.EMPTY;
    Map<String, Tally> byCategory = new TreeMap<>();
    Map<String, Tally> byType = new TreeMap<>();
    for (Entry e : entries) {
      Map<Integer, Boolean> raw = new HashMap<>();
      for (int q = 0; q < e.questions().size(); q++) {
        raw.put(e.questions().get(q).pointId(), JudgedFormat.yes(verdicts, e.item().key(), q));
      }
      for (Question q : e.questions()) {
        boolean ok = raw.get(q.pointId()) && q.deps().stream().allMatch(raw::get);
        all = all.plus(ok);
        for (String c : e.categories()) byCategory.merge(c, Tally.EMPTY.plus(ok), Tally::add);
        for (String t : q.types()) byType.merge(t, Tally.EMPTY.plus(ok), Tally::add);
      }
    }
    List<Metric> out = new ArrayList<>();
    out.add(Metric.of("drfr", all));
    byCategory.forEach((c, t) -> out.add(Metric.of("drfr_" + c.toLowerCase(Locale.ROOT), t)));
    byType.forEach((type, t) -> out.add(Metric.of("drfr_" + type, t)));
    return out;
  }

  private static Map<String, String> typeOf() {
    Map<String, String> m = new HashMap<>();
    for (String d : List.of("word matching", "keywords")) m.put(d, "lexical");
    for (String d : List.of("json format", "markdown format", "bullets format", "length", "start with", "end with",
        "punctuation", "template")) {
      m.put(d, "format");
    }
    for (String d : List.of("language style", "personalization", "topic", "sentiment")) m.put(d, "semantic");
    for (String d : List.of("helpfulness", "target language", "supportiveness", "consistency", "factuality")) {
      m.put(d, "utility");
    }
    return Map.copyOf(m);
  }
}
