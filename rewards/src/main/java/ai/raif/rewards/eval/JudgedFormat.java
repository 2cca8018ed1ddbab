package ai.raif.rewards.eval;

import java.util.List;

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
}
