package ai.raif.rewards.evolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes one candidate witness for a {@link WitnessPlan} at a given size: {@code sentences} body sentences of
 * {@code clausesPerSentence} filler clauses each, decorated and laid out as the plan says. Filler clauses that
 * contain a forbidden word, a capped keyword or a capped letter are skipped.
 */
final class WitnessWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WitnessPlan plan;
  private final int sentences;
  private final int clausesPerSentence;
  private final List<String> clauses;
  private final String conjunction;
  /** Whether the clauses are an answer's own words, which may already mention what the plan asks for. */
  private final boolean ownText;
  private int cursor;
  /** Words holding the plan's letter, mentioned when the filler alone has too few of it. */
  private List<String> letterWords = List.of();

  WitnessWriter(WitnessPlan plan, int sentences, int clausesPerSentence) {
    // a language without a bank gets English text, which the language check then rejects
    this(plan, FillerText.clauses(FillerText.hasBank(plan.language()) ? plan.language() : FillerText.ENGLISH),
        sentences, clausesPerSentence, false);
  }

  /**
   * A witness written from {@code clauses} of its own (an answer's sentences, in order) instead of filler; clauses
   * are used once each while they last, commas dropped where the plan forbids them.
   */
  WitnessWriter(WitnessPlan plan, List<String> clauses, int sentences, int clausesPerSentence) {
    this(plan, clauses, sentences, clausesPerSentence, true);
  }

  private WitnessWriter(WitnessPlan plan, List<String> clauses, int sentences, int clausesPerSentence,
      boolean ownText) {
    this.plan = plan;
    this.ownText = ownText;
    this.sentences = sentences;
    this.clausesPerSentence = clausesPerSentence;
    List<String> own = plan.noComma() ? clauses.stream().map(c -> c.replace(",", "")).toList() : clauses;
    List<String> usable = own.stream().filter(this::usable).toList();
    this.clauses = usable.isEmpty() ? own : usable;
    String language = FillerText.hasBank(plan.language()) ? plan.language() : FillerText.ENGLISH;
    this.conjunction = FillerText.conjunctions(language).stream().filter(this::usable).findFirst()
        .orElse(FillerText.conjunctions(language).get(0));
  }

  /** How many clauses are left after the filter: a writer never needs more than this for {@code sentences}. */
  int usableClauses() {
    return clauses.size();
  }

  /** The witness; when its letter count falls short, written again with words that hold the letter mentioned. */
  String write() {
    String text = render();
    if (plan.letter() != null && plan.letters().min() > count(text, plan.letter())) {
      letterWords = letterWords(plan.letters().min() - count(text, plan.letter()));
      text = render();
    }
    return text;
  }

  private String render() {
    cursor = 0;
    return switch (plan.shape()) {
      case CONSTRAINED -> "My answer is yes.";
      case JSON -> json();
      case TWO_RESPONSES -> finish(response(true) + "\n******\n" + response(false));
      case PROSE -> finish(prose());
    };
  }

  private boolean usable(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String word : plan.forbidden()) {
      Pattern whole = Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(word.toLowerCase(Locale.ROOT))
          + "(?![\\p{L}\\p{N}_])");
      if (whole.matcher(lower).find()) return false;
    }
    if (plan.cappedKeyword() != null && lower.contains(plan.cappedKeyword().toLowerCase(Locale.ROOT))) return false;
    return plan.letter() == null || !plan.letters().capped() || !lower.contains(plan.letter());
  }

  private String clause() {
    return clauses.get(cursor++ % clauses.size());
  }

  /** Body sentences with the plan's highlights, capital words, keyword mentions and placeholders spread over them. */
  private List<String> body(int n, boolean decorate) {
    List<List<String>> words = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> w = new ArrayList<>();
      for (int c = 0; c < clausesPerSentence; c++) {
        if (c > 0) w.add(conjunction);
        w.addAll(List.of(clause().split(" ")));
      }
      words.add(w);
    }
    if (decorate) {
      for (int h = 0; h < plan.highlights(); h++) {
        List<String> w = words.get(h % n);
        int at = w.size() - 1 - h / n;
        if (at > 0) w.set(at, "*" + w.get(at) + "*");
      }
      for (int k = 0; k < plan.capitalWords().min(); k++) {
        List<String> w = words.get(k % n);
        int at = 1 + k / n;
        if (at < w.size() && !w.get(at).startsWith("*")) w.set(at, w.get(at).toUpperCase(Locale.ROOT));
      }
      List<String> mentions = new ArrayList<>(plan.mentions());
      if (ownText) mentions = missing(mentions, words);
      mentions.addAll(letterWords);
      for (int m = 0; m < mentions.size(); m++) words.get(m % n).addAll(List.of(conjunction, mentions.get(m)));
      for (int k = 0; k < plan.placeholders(); k++) {
        words.get(k % n).add(FillerText.PLACEHOLDERS.get(k % FillerText.PLACEHOLDERS.size()));
      }
    }
    return words.stream().map(w -> capitalize(String.join(" ", w)) + ".").toList();
  }

  /** The prose layout: blocks of sentences (one per section), grouped into the plan's paragraphs. */
  private String prose() {
    int blocks = Math.max(1, Math.max(plan.paragraphs(), plan.sections()));
    List<String> body = body(Math.max(sentences, blocks), true);
    List<List<String>> blockLines = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      List<String> lines = new ArrayList<>();
      if (b < plan.sections()) lines.add(plan.sectionSplitter() + " " + (b + 1));
      lines.add(String.join(" ", body.subList(b * body.size() / blocks, (b + 1) * body.size() / blocks)));
      blockLines.add(lines);
    }
    int paragraphCount = plan.paragraphs() > 0 ? plan.paragraphs() : blocks;
    List<List<String>> paragraphs = new ArrayList<>();
    for (int q = 0; q < paragraphCount; q++) {
      List<String> lines = new ArrayList<>();
      blockLines.subList(q * blocks / paragraphCount, (q + 1) * blocks / paragraphCount).forEach(lines::addAll);
      paragraphs.add(lines);
    }
    List<String> first = paragraphs.get(0);
    if (plan.title()) first.add(0, "<<" + capitalize(String.join(" ", List.of(clause().split(" ")).subList(0, 3))) + ">>");
    for (int i = 0; i < plan.bullets(); i++) first.add("* " + clause());
    int nth = plan.nthParagraph();
    if (nth >= 1 && nth <= paragraphCount && plan.firstWord() != null) {
      paragraphs.get(nth - 1).add(0, capitalize(plan.firstWord()) + " " + clause() + ".");
    }
    String divider = plan.dividers() ? "\n***\n" : "\n\n";
    return String.join(divider, paragraphs.stream().map(lines -> String.join("\n", lines)).toList());
  }

  /** One of two responses: a single paragraph; the first carries the title and the keyword mentions. */
  private String response(boolean first) {
    String text = String.join(" ", body(sentences, first));
    return first && plan.title() ? "<<" + capitalize(clause().split(" ")[0]) + ">>\n" + text : text;
  }

  private String json() {
    try {
      return JSON.writeValueAsString(java.util.Map.of("answer", String.join(" ", body(sentences, true))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON witness", e);
    }
  }

  /** The repeated request, the postscript and the end phrase; then case and quotation. */
  private String finish(String body) {
    String out = (plan.repeatPrefix() == null ? "" : plan.repeatPrefix() + "\n") + body
        + (plan.postscript() == null ? "" : "\n" + plan.postscript() + " " + capitalize(clause()) + ".")
        + (plan.endPhrase() == null ? "" : " " + plan.endPhrase());
    out = switch (plan.letterCase()) {
      case UPPER -> out.toUpperCase(Locale.ROOT);
      case LOWER -> out.toLowerCase(Locale.ROOT);
      case AS_WRITTEN -> out;
    };
    return plan.quotation() ? "\"" + out + "\"" : out;
  }

  /** The mentions still missing from {@code words}: a keyword the text already has counts toward its mentions. */
  private static List<String> missing(List<String> mentions, List<List<String>> words) {
    List<String> have = new ArrayList<>();
    for (List<String> w : words) {
      for (String word : w) have.add(word.replaceAll("[^\\p{L}\\p{N}'-]", "").toLowerCase(Locale.ROOT));
    }
    List<String> out = new ArrayList<>();
    for (String m : mentions) {
      if (!have.remove(m.toLowerCase(Locale.ROOT))) out.add(m);
    }
    return out;
  }

  /** Words holding the plan's letter, {@code missing} occurrences or more in all: filler words first, then English. */
  private List<String> letterWords(int missing) {
    Set<String> candidates = new LinkedHashSet<>();
    for (String c : clauses) candidates.addAll(List.of(c.split(" ")));
    candidates.addAll(FillerText.LETTER_WORDS);
    List<String> holding = candidates.stream().filter(w -> count(w, plan.letter()) > 0 && usable(w)).toList();
    List<String> out = new ArrayList<>();
    // words may repeat: the count is what matters
    for (int i = 0; missing > 0 && !holding.isEmpty(); i++) {
      String w = holding.get(i % holding.size());
      out.add(w);
      missing -= count(w, plan.letter());
    }
    return out;
  }

  private static int count(String text, String letter) {
    String lower = text.toLowerCase(Locale.ROOT);
    int n = 0;
    for (int at = lower.indexOf(letter); at >= 0 && !letter.isEmpty(); at = lower.indexOf(letter, at + letter.length())) n++;
    return n;
  }

  private static String capitalize(String s) {
    if (s.isEmpty()) return s;
    int first = s.codePointAt(0);
    return new String(Character.toChars(Character.toUpperCase(first))) + s.substring(Character.charCount(first));
  }
}
