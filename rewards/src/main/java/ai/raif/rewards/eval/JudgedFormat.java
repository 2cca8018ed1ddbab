package ai.raif.rewards.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What the judge-scored formats share: their parsed entries, each carrying its item, and the rows they skipped. */
abstract class JudgedFormat<E extends JudgedFormat.Entry> implements JudgedBenchmark {
  /** A parsed benchmark row: its item plus what the format's metrics need. */
  interface Entry {
    JudgedItem item();
  }

  final List<E> entries;
  private final List<String> skipped;

  JudgedFormat(List<E> entries, List<String> skipped) {
    this.entries = List.copyOf(entries);
    this.skipped = List.copyOf(skipped);
  }

  @Override
  public List<JudgedItem> items() {
    return entries.stream().map(Entry::item).toList();
  }

  @Override
  public List<String> skipped() {
    return skipped;
  }

  /** The verdict of question {@code q} of {@code key}: YES only when the judge said so. */
  static boolean yes(Map<String, List<Boolean>> verdicts, String key, int q) {
    List<Boolean> v = verdicts.get(key);
    return v != null && q < v.size() && Boolean.TRUE.equals(v.get(q));
  }

  /**
   * Parses each row with {@code parse}; a row it rejects is recorded in {@code skipped} instead of failing the file.
   * Stops after {@code limit} usable rows when {@code limit} > 0.
   */
  static <T> List<T> parseRows(List<BenchmarkRows.Row> rows, int limit, Function<BenchmarkRows.Row, T> parse,
      List<String> skipped) {
    List<T> out = new ArrayList<>();
    for (BenchmarkRows.Row r : rows) {
      if (limit > 0 && out.size() >= limit) break;
      try {
        out.add(parse.apply(r));
      } catch (BenchmarkDataException e) {
        skipped.add(e.getMessage());
      }
    }
    return out;
  }
}
