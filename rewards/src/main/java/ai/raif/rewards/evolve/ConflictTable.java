package ai.raif.rewards.evolve;

import ai.raif.rewards.ifeval.IfevalChecker;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IFEval's table of instructions that must not be combined in one prompt ({@code INSTRUCTION_CONFLICTS} of
 * instructions_registry.py, google-research 2024), made symmetric and reflexive as the reference's
 * {@code conflict_make} does: if A conflicts with B then B conflicts with A, and every id conflicts with itself, so a
 * combination never holds an id twice.
 */
public final class ConflictTable {
  private static final Map<String, Set<String>> CONFLICTS = closure(declared());

  private ConflictTable() {}

  /** The reference's declarations; three ids clash with (nearly) everything, as they dictate the whole response. */
  private static Map<String, Set<String>> declared() {
    Set<String> all = IfevalChecker.ids();
    Map<String, Set<String>> d = new LinkedHashMap<>();
    for (String id : all) d.put(id, new HashSet<>(Set.of(id)));
    d.get(Ids.LANGUAGE).addAll(List.of(Ids.SECTIONS, Ids.EXISTENCE, Ids.FREQUENCY, Ids.FORBIDDEN, Ids.END_PHRASE,
        Ids.CAPITAL, Ids.LOWERCASE));
    d.get(Ids.PARAGRAPHS).addAll(List.of(Ids.NTH_PARAGRAPH, Ids.SENTENCES));
    d.get(Ids.NTH_PARAGRAPH).add(Ids.PARAGRAPHS);
    d.get(Ids.CONSTRAINED_RESPONSE).addAll(all);
    d.get(Ids.SECTIONS).addAll(List.of(Ids.LANGUAGE, Ids.HIGHLIGHTS));
    d.get(Ids.JSON).addAll(allBut(all, Ids.FORBIDDEN, Ids.EXISTENCE));
    d.get(Ids.TWO_RESPONSES).addAll(allBut(all, Ids.FORBIDDEN, Ids.EXISTENCE, Ids.LANGUAGE, Ids.TITLE, Ids.NO_COMMA));
    d.get(Ids.REPEAT_PROMPT).addAll(allBut(all, Ids.EXISTENCE, Ids.TITLE, Ids.NO_COMMA));
    d.get(Ids.CAPITAL_WORDS).addAll(List.of(Ids.LOWERCASE, Ids.CAPITAL));
    d.get(Ids.LOWERCASE).add(Ids.CAPITAL);
    d.get(Ids.QUOTATION).add(Ids.TITLE);
    return d;
  }

  private static Set<String> allBut(Set<String> all, String... except) {
    Set<String> s = new HashSet<>(all);
    List.of(except).forEach(s::remove);
    return s;
  }

  private static Map<String, Set<String>> closure(Map<String, Set<String>> declared) {
    Map<String, Set<String>> c = new LinkedHashMap<>();
    declared.forEach((id, with) -> c.put(id, new HashSet<>(with)));
    declared.forEach((id, with) -> with.forEach(other -> c.get(other).add(id)));
    c.replaceAll((id, with) -> Set.copyOf(with));
    return Map.copyOf(c);
  }

  /** Whether {@code a} and {@code b} may not appear in one prompt (true for {@code a == b}). */
  public static boolean conflict(String a, String b) {
    Set<String> with = CONFLICTS.get(a);
    if (with == null) throw new IllegalArgumentException("unknown IFEval instruction id '" + a + "'");
    if (!CONFLICTS.containsKey(b)) throw new IllegalArgumentException("unknown IFEval instruction id '" + b + "'");
    return with.contains(b);
  }

  /** Whether {@code candidate} can join {@code chosen} without a conflict. */
  public static boolean compatible(String candidate, Collection<String> chosen) {
    return chosen.stream().noneMatch(id -> conflict(candidate, id));
  }

  /** The first conflicting pair of {@code ids} as "a + b", or null when there is none. */
  public static String firstConflict(List<String> ids) {
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        if (conflict(ids.get(i), ids.get(j))) return ids.get(i) + " + " + ids.get(j);
      }
    }
    return null;
  }
}
