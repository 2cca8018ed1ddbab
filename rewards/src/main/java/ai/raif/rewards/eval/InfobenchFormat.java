package ai.raif.rewards.eval;

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
final class InfobenchFormat implements JudgedBenchmark {
  private record Entry(JudgedItem item, String subset) {}

  private final List<Entry> entries;
  private final List<String> skipped;

  private InfobenchFormat(List<Entry> entries, List<String> skipped) {
    this.entries = entries;
    this.skipped = skipped;
  }

  static InfobenchFormat of(List<BenchmarkRows.Row> rows, int limit) {
    List<String> skipped = new ArrayList<>();
    List<Entry> entries = JudgedBenchmark.parseRows(rows, limit, InfobenchFormat::entry, skipped);
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
  public List<JudgedItem> items() {
    return entries.stream().map(Entry::item).toList();
  }

  @Override
  public List<String> skipped() {
    return skipped;
  }

  @Override
  public List<Metric> metrics(Map<String, List<Boolean>> verdicts) {
    long yes = 0;
    long total = 0;
    Map<String, long[]> bySubset = new TreeMap<>();
    for (Entry e : entries) {
      long[] s = bySubset.computeIfAbsent(e.subset(), k -> new long[2]);
      for (int q = 0; q < e.item().questions().size(); q++) {
        int hit = JudgedBenchmark.yes(verdicts, e.item().key(), q) ? 1 : 0;
        yes += hit;
        total++;
        s[0] += hit;
        s[1]++;
      }
    }
    List<Metric> out = new ArrayList<>();
    out.add(Metric.ratio("drfr", yes, total));
    bySubset.forEach((subset, s) -> {
      if (!subset.isBlank()) out.add(Metric.ratio("drfr_" + subset.toLowerCase(Locale.ROOT), s[0], s[1]));
    });
    return out;
  }
}
