package ai.raif.rewards.ifeval;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ConstraintChecker;
import ai.raif.rewards.InvalidConstraintException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The 25 instruction ids of Google's IFEval, with the reference's {@code check_following} semantics. {@link #check}
 * gives the strict verdict of {@code test_instruction_following_strict}; {@link #bind} validates a constraint once
 * for repeated checks (the loose mode tries up to eight variants of a response).
 */
public final class IfevalChecker implements ConstraintChecker, InstructionRegistry {
  private record Entry(List<String> kwargs, Function<Kwargs, Instruction> factory) {}

  private static final Map<String, Entry> REGISTRY = registry();

  private static Map<String, Entry> registry() {
    Map<String, Entry> r = new LinkedHashMap<>();
    r.put("keywords:existence", new Entry(KeywordExistence.KWARGS, KeywordExistence::from));
    r.put("keywords:frequency", new Entry(KeywordFrequency.KWARGS, KeywordFrequency::from));
    r.put("keywords:forbidden_words", new Entry(ForbiddenWords.KWARGS, ForbiddenWords::from));
    r.put("keywords:letter_frequency", new Entry(LetterFrequency.KWARGS, LetterFrequency::from));
    r.put("language:response_language", new Entry(ResponseLanguage.KWARGS, ResponseLanguage::from));
    r.put("length_constraints:number_sentences", new Entry(NumberOfSentences.KWARGS, NumberOfSentences::from));
    r.put("length_constraints:number_paragraphs", new Entry(NumberOfParagraphs.KWARGS, NumberOfParagraphs::from));
    r.put("length_constraints:number_words", new Entry(NumberOfWords.KWARGS, NumberOfWords::from));
    r.put("length_constraints:nth_paragraph_first_word",
        new Entry(NthParagraphFirstWord.KWARGS, NthParagraphFirstWord::from));
    r.put("detectable_content:number_placeholders", new Entry(Placeholders.KWARGS, Placeholders::from));
    r.put("detectable_content:postscript", new Entry(Postscript.KWARGS, Postscript::from));
    r.put("detectable_format:number_bullet_lists", new Entry(BulletLists.KWARGS, BulletLists::from));
    r.put("detectable_format:constrained_response",
        new Entry(ConstrainedResponse.KWARGS, kw -> new ConstrainedResponse()));
    r.put("detectable_format:number_highlighted_sections",
        new Entry(HighlightedSections.KWARGS, HighlightedSections::from));
    r.put("detectable_format:multiple_sections", new Entry(MultipleSections.KWARGS, MultipleSections::from));
    r.put("detectable_format:json_format", new Entry(JsonFormat.KWARGS, kw -> new JsonFormat()));
    r.put("detectable_format:title", new Entry(Title.KWARGS, kw -> new Title()));
    r.put("combination:two_responses", new Entry(TwoResponses.KWARGS, kw -> new TwoResponses()));
    r.put("combination:repeat_prompt", new Entry(RepeatPrompt.KWARGS, RepeatPrompt::from));
    r.put("startend:end_checker", new Entry(EndPhrase.KWARGS, EndPhrase::from));
    r.put("change_case:capital_word_frequency", new Entry(CapitalWordFrequency.KWARGS, CapitalWordFrequency::from));
    r.put("change_case:english_capital", new Entry(EnglishCase.KWARGS, kw -> EnglishCase.CAPITAL));
    r.put("change_case:english_lowercase", new Entry(EnglishCase.KWARGS, kw -> EnglishCase.LOWERCASE));
    r.put("punctuation:no_comma", new Entry(NoComma.KWARGS, kw -> new NoComma()));
    r.put("startend:quotation", new Entry(Quotation.KWARGS, kw -> new Quotation()));
    return Collections.unmodifiableMap(r);
  }

  /** The registered instruction ids, in the reference registry's order. */
  public static Set<String> ids() {
    return REGISTRY.keySet();
  }

  @Override
  public Instruction bind(Constraint constraint) {
    Entry entry = REGISTRY.get(constraint.id());
    if (entry == null) {
      throw new InvalidConstraintException(constraint.id(), null, "unknown IFEval instruction id");
    }
    return entry.factory().apply(new Kwargs(constraint.id(), constraint.kwargs(), entry.kwargs()));
  }

  /** The strict verdict: a blank response fails every instruction; otherwise the instruction's own check decides. */
  @Override
  public boolean check(Constraint constraint, String prompt, String response) {
    return FollowMode.STRICT.follows(bind(constraint), response);
  }

  /** The loose verdict: some non-blank variant of the response ({@link FollowMode#LOOSE}) follows the instruction. */
  public boolean checkLoose(Constraint constraint, String prompt, String response) {
    return FollowMode.LOOSE.follows(bind(constraint), response);
  }
}
