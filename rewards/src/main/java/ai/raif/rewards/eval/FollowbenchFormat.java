package ai.raif.rewards.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FollowBench: rows {@code example_id, category, level, instruction}; level 0 is the seed instruction and each level
 * k = 1..5 adds one constraint to level k − 1. FollowBench's judge reads the whole constraint-evolution path and says
 * which of the L constraints a level-L answer satisfies; here that is L YES/NO questions, question k naming the
 * instruction before and after constraint k was added (for a group without level 0, question 1 asks about level 1).
 *
 * <p>Metrics as the paper defines them: {@code hsr_levelL} (all L satisfied), {@code ssr_levelL} (share satisfied),
 * their means over the levels present ({@code hsr}, {@code ssr}), and {@code csl}: per seed group, how many levels
 * from level 1 upwards are fully satisfied before the first that is not, averaged over groups.
 */
final class FollowbenchFormat extends JudgedFormat<FollowbenchFormat.Entry> {
  private record Level(String group, int level, String instruction, String where) {}

  record Entry(JudgedItem item, String group, int level) implements JudgedFormat.Entry {}

  private FollowbenchFormat(List<Entry> entries, List<String> skipped) {
    super(entries, skipped);
  }

  static FollowbenchFormat of(List<BenchmarkRows.Row> rows, int limit) {
    List<String> skipped = new ArrayList<>();
    // every row, level 0 included, is needed to phrase the questions; the limit applies to scored items
    List<Level> levels = JudgedFormat.parseRows(rows, 0, FollowbenchFormat::level, skipped);
    Map<String, Map<Integer, String>> byGroup = new HashMap<>();
    for (Level l : levels) byGroup.computeIfAbsent(l.group(), g -> new TreeMap<>()).put(l.level(), l.instruction());
    List<Entry> entries = new ArrayList<>();
    for (Level l : levels) {
      if (l.level() == 0) continue;
      if (limit > 0 && entries.size() >= limit) break;
      Map<Integer, String> path = byGroup.get(l.group());
      List<String> questions = new ArrayList<>();
      String missing = null;
      for (int k = 1; k <= l.level(); k++) {
        String after = path.get(k);
        if (after == null) {
          missing = l.where() + ": level " + k + " of example " + l.group() + " is missing, so constraint " + k
              + " cannot be phrased";
          break;
        }
        questions.add(question(path.get(k - 1), after, k));
      }
      if (missing != null) {
        skipped.add(missing);
        continue;
      }
      entries.add(new Entry(new JudgedItem(l.group() + "/level" + l.level(), l.instruction(), questions), l.group(),
          l.level()));
    }
    return new FollowbenchFormat(entries, skipped);
  }

  private static Level level(BenchmarkRows.Row r) {
    int level = r.integer("level");
    if (level < 0 || level > 5) throw r.error("level", level + " is outside 0..5");
    String group = r.text("category") + "/" + r.id("example_id");
    return new Level(group, level, r.text("instruction"), r.where());
  }

  static String question(String before, String after, int k) {
    if (before == null) {
      return "Does the response satisfy every constraint of this instruction: \"" + after + "\"?";
    }
    return "Constraint " + k + " was added by turning the instruction \"" + before + "\" into \"" + after
        + "\". Does the response satisfy the added constraint?";
  }

  @Override
  public List<Metric> metrics(Map<String, List<Boolean>> verdicts) {
    Map<Integer, long[]> hard = new TreeMap<>();
    Map<Integer, double[]> soft = new TreeMap<>();
    Map<String, Map<Integer, Boolean>> satisfiedByGroup = new TreeMap<>();
    for (Entry e : entries) {
      int n = e.item().questions().size();
      int yes = 0;
      for (int q = 0; q < n; q++) if (JudgedFormat.yes(verdicts, e.item().key(), q)) yes++;
      hard.computeIfAbsent(e.level(), l -> new long[2])[0] += yes == n ? 1 : 0;
      hard.get(e.level())[1]++;
      double[] s = soft.computeIfAbsent(e.level(), l -> new double[2]);
      s[0] += (double) yes / n;
      s[1]++;
      satisfiedByGroup.computeIfAbsent(e.group(), g -> new TreeMap<>()).put(e.level(), yes == n);
    }
    List<Metric> out = new ArrayList<>();
    double hsrSum = 0;
    double ssrSum = 0;
    for (int level : hard.keySet()) {
      long[] h = hard.get(level);
      double[] s = soft.get(level);
      Metric hsr = Metric.ratio("hsr_level" + level, h[0], h[1]);
      Metric ssr = new Metric("ssr_level" + level, s[0] / s[1], h[1]);
      out.add(hsr);
      out.add(ssr);
      hsrSum += hsr.value();
      ssrSum += ssr.value();
    }
    long items = entries.size();
    out.add(new Metric("hsr", hard.isEmpty() ? Double.NaN : hsrSum / hard.size(), items));
    out.add(new Metric("ssr", hard.isEmpty() ? Double.NaN : ssrSum / hard.size(), items));
    long cslSum = 0;
    for (Map<Integer, Boolean> levels : satisfiedByGroup.values()) {
      int consecutive = 0;
      while (Boolean.TRUE.equals(levels.get(consecutive + 1))) consecutive++;
      cslSum += consecutive;
    }
    out.add(new Metric("csl", satisfiedByGroup.isEmpty() ? Double.NaN : (double) cslSum / satisfiedByGroup.size(),
        satisfiedByGroup.size()));
    return out;
  }
}
