package ai.raif.rewards.evolve;

/** The IFEval instruction ids that evolution samples, renders and writes witnesses for. */
final class Ids {
  static final String EXISTENCE = "keywords:existence";
  static final String FREQUENCY = "keywords:frequency";
  static final String FORBIDDEN = "keywords:forbidden_words";
  static final String LETTER = "keywords:letter_frequency";
  static final String LANGUAGE = "language:response_language";
  static final String SENTENCES = "length_constraints:number_sentences";
  static final String PARAGRAPHS = "length_constraints:number_paragraphs";
  static final String WORDS = "length_constraints:number_words";
  static final String NTH_PARAGRAPH = "length_constraints:nth_paragraph_first_word";
  static final String PLACEHOLDERS = "detectable_content:number_placeholders";
  static final String POSTSCRIPT = "detectable_content:postscript";
  static final String BULLETS = "detectable_format:number_bullet_lists";
  static final String CONSTRAINED_RESPONSE = "detectable_format:constrained_response";
  static final String HIGHLIGHTS = "detectable_format:number_highlighted_sections";
  static final String SECTIONS = "detectable_format:multiple_sections";
  static final String JSON = "detectable_format:json_format";
  static final String TITLE = "detectable_format:title";
  static final String TWO_RESPONSES = "combination:two_responses";
  static final String REPEAT_PROMPT = "combination:repeat_prompt";
  static final String END_PHRASE = "startend:end_checker";
  static final String CAPITAL_WORDS = "change_case:capital_word_frequency";
  static final String CAPITAL = "change_case:english_capital";
  static final String LOWERCASE = "change_case:english_lowercase";
  static final String NO_COMMA = "punctuation:no_comma";
  static final String QUOTATION = "startend:quotation";

  static final String LESS_THAN = "less than";
  static final String AT_LEAST = "at least";

  private Ids() {}
}
