package ai.raif.rewards.eval;

import ai.raif.rewards.ifeval.Tally;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * InFoBench (HF {@code kqsong/InFoBench}): rows {@code id, instruction, input, decomposed_questions, subset}. The model
 * sees the instruction, then the input on a new line when there is one. Metric: DRFR, the share of YES over all
 * decomposed questions, overall and per subset ({@code Easy_set}, {@code Hard_set}) as the paper reports it.
 */
final class InfobenchFormat extends JudgedFormat<InfobenchFormat.Entry> {
  record Entry(JudgedItem item, String subset) implements JudgedFormat.Entry {}

  private InfobenchFormat(List<Entry> entries, List<String> skipped) {
    super(entries, skipped);
  }

  static InfobenchFormat of(List<BenchmarkRows.Row> rows, int limit) {
    List<String> skipped = new ArrayList<>();
    List<Entry> entries = JudgedFormat.parseRows(rows, limit, InfobenchFormat::entry, skipped);
    return new InfobenchFormat(entries, skipped);
  }

  private static Entry entry(BenchmarkRows.Row r) {
    String input = r.optionalText("input", "");
    String instruction = r.text("instruction");
    List<String> questions = r.texts("decomposed_questions");
    if (questions.isEmpty()) throw r.error("decomposed_questions", "no questions");
    String prompt = input.isBlank() ? instruction : instruction + "\n" + input;
    return new Entry(new JudgedItem(r.id("id"), prompt, questions), r.optionalText("subset", ""));
  }

  @Override
  public List<Metric> metrics(Map<String, List<Boolean>> verdicts) {
    Tally all = Tally.EMPTY;
    Map<String, Tally> bySubset = new TreeMap<>();
    for (Entry e : entries) {
      for (int q = 0; q < e.item().questions().size(); q++) {
        boolean yes = JudgedFormat.yes(verdicts, e.item().key(), q);
        all = all.plus(yes);
        if (!e.subset().isBlank()) bySubset.merge(e.subset(), Tally.EMPTY.plus(yes), Tally::add);
      }
    }
    List<Metric> out = new ArrayList<>();
    out.add(Metric.of("drfr", all));
    bySubset.forEach((subset, t) -> out.add(Metric.of("drfr_" + subset.toLowerCase(Locale.ROOT), t)));
    return out;
  }
}
