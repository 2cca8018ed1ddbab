package ai.raif.rewards.evolve;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ifeval.IfevalChecker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws combinations of IFEval constraints: ids in a random order, each kept only if IFEval's {@link ConflictTable}
 * allows it next to those already chosen, with kwargs drawn from IFEval's own ranges ({@code build_description}'s
 * random defaults in instructions.py). Where such a value would make the instruction empty or impossible ("less than
 * 1 sentence", "paragraph 4 of 3", "exactly 1 paragraph separated by ***") the range starts one higher. Letters that
 * must stay rare are drawn from j, q, x, z. Deterministic for a given random source.
 */
public final class ConstraintSampler {
  /** IFEval's postscript markers. */
  static final List<String> POSTSCRIPTS = List.of("P.S.", "P.P.S");
  static final List<String> SECTION_SPLITTERS = List.of("Section", "SECTION");
  /** IFEval's two end phrases and a few more in the same spirit (no commas, no all-capital words). */
  static final List<String> END_PHRASES = List.of("Any other questions?", "Is there anything else I can help with?",
      "Let me know if you have additional questions.", "Hope this helps!", "That is all for now.",
      "Thank you for reading.", "Feel free to ask for more details.");
  private static final String RARE_LETTERS = "jqxz";
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

  private ConstraintSampler() {}

  /**
   * Up to {@code k} constraints with ids from {@code allowed} (in {@link IfevalChecker#ids()} order before shuffling)
   * that conflict neither with each other nor with {@code taken}; fewer when the conflict table leaves no candidate.
   * {@code combination:repeat_prompt} gets its {@code prompt_to_repeat} from the composer, once the text exists.
   *
   * @param atLeastOnly draw only "at least" relations (constraints that still hold for a whole response when a part of
   *     it meets them: what a Chain step may carry)
   */
  static List<Constraint> sample(SplittableRandom random, int k, Set<String> allowed, Collection<String> taken,
      boolean atLeastOnly, KeywordPicker words) {
    List<String> ids = new ArrayList<>(IfevalChecker.ids().stream().filter(allowed::contains).toList());
    for (int i = ids.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      ids.set(i, ids.set(j, ids.get(i)));
    }
    List<String> chosen = new ArrayList<>();
    List<String> all = new ArrayList<>(taken);
    for (String id : ids) {
      if (chosen.size() >= k) break;
      if (ConflictTable.compatible(id, all)) {
        chosen.add(id);
        all.add(id);
      }
    }
    List<Constraint> out = new ArrayList<>();
    for (String id : chosen) out.add(new Constraint(id, kwargs(id, random, atLeastOnly, words)));
    return out;
  }

  private static Map<String, Object> kwargs(String id, SplittableRandom r, boolean atLeastOnly, KeywordPicker words) {
    Map<String, Object> kw = new LinkedHashMap<>();
    boolean lessThan = !atLeastOnly && r.nextBoolean();
    String relation = lessThan ? Ids.LESS_THAN : Ids.AT_LEAST;
    switch (id) {
      case Ids.EXISTENCE -> kw.put("keywords", picks(words, 1 + r.nextInt(2)));
      case Ids.FREQUENCY -> {
        kw.put("keyword", words.next());
        kw.put("frequency", lessThan ? between(r, 2, 3) : between(r, 1, 3));
        kw.put("relation", relation);
      }
      case Ids.FORBIDDEN -> kw.put("forbidden_words", picks(words, 1 + r.nextInt(2)));
      case Ids.LETTER -> {
        String pool = lessThan ? RARE_LETTERS : LETTERS;
        kw.put("letter", String.valueOf(pool.charAt(r.nextInt(pool.length()))));
        kw.put("let_frequency", lessThan ? between(r, 2, 10) : between(r, 1, 10));
        kw.put("let_relation", relation);
      }
      case Ids.LANGUAGE -> {
        List<String> languages = FillerText.foreignLanguages();
        kw.put("language", languages.get(r.nextInt(languages.size())));
      }
      case Ids.SENTENCES -> {
        kw.put("num_sentences", lessThan ? between(r, 2, 20) : between(r, 1, 20));
        kw.put("relation", relation);
      }
      case Ids.PARAGRAPHS -> kw.put("num_paragraphs", between(r, 2, 5));
      case Ids.WORDS -> {
        kw.put("num_words", between(r, 100, 500));
        kw.put("relation", relation);
      }
      case Ids.NTH_PARAGRAPH -> {
        int paragraphs = between(r, 2, 5);
        kw.put("num_paragraphs", paragraphs);
        kw.put("nth_paragraph", between(r, 1, paragraphs));
        kw.put("first_word", words.next());
      }
      case Ids.PLACEHOLDERS -> kw.put("num_placeholders", between(r, 1, 4));
      case Ids.POSTSCRIPT -> kw.put("postscript_marker", POSTSCRIPTS.get(r.nextInt(POSTSCRIPTS.size())));
      case Ids.BULLETS -> kw.put("num_bullets", between(r, 2, 5));
      case Ids.HIGHLIGHTS -> kw.put("num_highlights", between(r, 1, 4));
      case Ids.SECTIONS -> {
        kw.put("section_spliter", SECTION_SPLITTERS.get(r.nextInt(SECTION_SPLITTERS.size())));
        kw.put("num_sections", between(r, 2, 5));
      }
      case Ids.REPEAT_PROMPT -> kw.put("prompt_to_repeat", null);
      case Ids.END_PHRASE -> kw.put("end_phrase", END_PHRASES.get(r.nextInt(END_PHRASES.size())));
      case Ids.CAPITAL_WORDS -> {
        kw.put("capital_frequency", lessThan ? between(r, 2, 20) : between(r, 1, 20));
        kw.put("capital_relation", relation);
      }
      default -> { } // constrained_response, json_format, title, two_responses, case, no_comma, quotation: no kwargs
    }
    return kw;
  }

  private static List<String> picks(KeywordPicker words, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(words.next());
    return out;
  }

  static int between(SplittableRandom r, int low, int high) {
    return low + r.nextInt(high - low + 1);
  }
}
