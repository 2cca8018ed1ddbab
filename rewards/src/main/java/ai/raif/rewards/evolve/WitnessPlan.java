package ai.raif.rewards.evolve;

import ai.raif.rewards.Constraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a witness response must look like, read off a set of IFEval constraints: its overall shape, counts as
 * inclusive ranges, words to mention or avoid, and the decorations (title, sections, bullets, ...). Kwargs are read
 * leniently here; the checkers that judge the witness validate them.
 */
record WitnessPlan(
    String language,
    Shape shape,
    String repeatPrefix,
    int paragraphs,
    boolean dividers,
    int nthParagraph,
    String firstWord,
    int bullets,
    int highlights,
    String sectionSplitter,
    int sections,
    int placeholders,
    boolean title,
    String postscript,
    String endPhrase,
    boolean quotation,
    boolean noComma,
    Case letterCase,
    List<String> mentions,
    String cappedKeyword,
    List<String> forbidden,
    String letter,
    Range letters,
    Range capitalWords,
    Range sentences,
    Range words) {

  /** How the response as a whole is laid out. */
  enum Shape { PROSE, JSON, CONSTRAINED, TWO_RESPONSES }

  enum Case { AS_WRITTEN, UPPER, LOWER }

  /** An inclusive range of counts. */
  record Range(int min, int max) {
    static final Range ANY = new Range(0, Integer.MAX_VALUE);

    /** IFEval's relations: "less than n" is at most n - 1, "at least n" is n or more. */
    static Range of(String relation, int n) {
      return Ids.LESS_THAN.equals(relation) ? new Range(0, n - 1) : new Range(n, Integer.MAX_VALUE);
    }

    boolean capped() {
      return max != Integer.MAX_VALUE;
    }
  }

  static WitnessPlan of(List<Constraint> rules) {
    Builder b = new Builder();
    for (Constraint c : rules) b.add(c.id(), c.kwargs());
    return b.build();
  }

  private static final class Builder {
    String language = FillerText.ENGLISH;
    Shape shape = Shape.PROSE;
    String repeatPrefix;
    int paragraphs;
    boolean dividers;
    int nthParagraph;
    String firstWord;
    int bullets;
    int highlights;
    String sectionSplitter;
    int sections;
    int placeholders;
    boolean title;
    String postscript;
    String endPhrase;
    boolean quotation;
    boolean noComma;
    Case letterCase = Case.AS_WRITTEN;
    final List<String> mentions = new ArrayList<>();
    String cappedKeyword;
    final List<String> forbidden = new ArrayList<>();
    String letter;
    Range letters = Range.ANY;
    Range capitalWords = Range.ANY;
    Range sentences = Range.ANY;
    Range words = Range.ANY;

    void add(String id, Map<String, Object> kw) {
      switch (id) {
        case Ids.EXISTENCE -> mentions.addAll(strings(kw.get("keywords")));
        case Ids.FREQUENCY -> {
          String keyword = text(kw.get("keyword"));
          Range r = Range.of(text(kw.get("relation")), number(kw.get("frequency")));
          if (r.capped()) cappedKeyword = keyword;
          for (int i = 0; i < r.min(); i++) mentions.add(keyword);
        }
        case Ids.FORBIDDEN -> forbidden.addAll(strings(kw.get("forbidden_words")));
        case Ids.LETTER -> {
          letter = text(kw.get("letter")).toLowerCase(Locale.ROOT);
          letters = Range.of(text(kw.get("let_relation")), number(kw.get("let_frequency")));
        }
        case Ids.LANGUAGE -> language = text(kw.get("language"));
        case Ids.SENTENCES -> sentences = Range.of(text(kw.get("relation")), number(kw.get("num_sentences")));
        case Ids.PARAGRAPHS -> {
          paragraphs = number(kw.get("num_paragraphs"));
          dividers = true;
        }
        case Ids.WORDS -> words = Range.of(text(kw.get("relation")), number(kw.get("num_words")));
        case Ids.NTH_PARAGRAPH -> {
          paragraphs = number(kw.get("num_paragraphs"));
          nthParagraph = number(kw.get("nth_paragraph"));
          firstWord = text(kw.get("first_word"));
        }
        case Ids.PLACEHOLDERS -> placeholders = number(kw.get("num_placeholders"));
        case Ids.POSTSCRIPT -> postscript = text(kw.get("postscript_marker"));
        case Ids.BULLETS -> bullets = number(kw.get("num_bullets"));
        case Ids.CONSTRAINED_RESPONSE -> shape = Shape.CONSTRAINED;
        case Ids.HIGHLIGHTS -> highlights = number(kw.get("num_highlights"));
        case Ids.SECTIONS -> {
          sectionSplitter = text(kw.get("section_spliter")).strip();
          sections = number(kw.get("num_sections"));
        }
        case Ids.JSON -> shape = Shape.JSON;
        case Ids.TITLE -> title = true;
        case Ids.TWO_RESPONSES -> shape = Shape.TWO_RESPONSES;
        case Ids.REPEAT_PROMPT -> repeatPrefix = text(kw.get("prompt_to_repeat"));
        case Ids.END_PHRASE -> endPhrase = text(kw.get("end_phrase")).strip();
        case Ids.CAPITAL_WORDS -> capitalWords =
            Range.of(text(kw.get("capital_relation")), number(kw.get("capital_frequency")));
        case Ids.CAPITAL -> letterCase = Case.UPPER;
        case Ids.LOWERCASE -> letterCase = Case.LOWER;
        case Ids.NO_COMMA -> noComma = true;
        case Ids.QUOTATION -> quotation = true;
        default -> { } // unknown ids: binding them fails, and the witness is dropped for it
      }
    }

    WitnessPlan build() {
      return new WitnessPlan(language, shape, repeatPrefix, paragraphs, dividers, nthParagraph, firstWord, bullets,
          highlights, sectionSplitter, sections, placeholders, title, postscript, endPhrase, quotation, noComma,
          letterCase,
          List.copyOf(mentions), cappedKeyword, List.copyOf(forbidden), letter, letters, capitalWords, sentences,
          words);
    }
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }

  private static int number(Object v) {
    return v instanceof Number n ? (int) Math.max(0, Math.min(10_000, n.longValue())) : 0;
  }

  private static List<String> strings(Object v) {
    if (!(v instanceof List<?> list)) return List.of();
    return list.stream().map(String::valueOf).toList();
  }
}
