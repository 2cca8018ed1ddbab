package ai.raif.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.reward.AnswerSubstance.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks that an answer attempts the task, on answers a trained 135M model wrote for held-out prompts. */
class AnswerSubstanceTest {
  static final String PROMPT = "Write an email to a community center asking about renting its hall for a children's"
      + " craft workshop. Use markdown to highlight at least 3 parts of your answer, like *this part*. Write your"
      + " whole answer in English using only capital letters.";
  static final List<Constraint> RULES = List.of(
      new Constraint("detectable_format:number_highlighted_sections", Map.of("num_highlights", 3)),
      new Constraint("change_case:english_capital", Map.of()));
  static final String EMAIL = "Dear community center, I am writing to ask whether your main hall is free on Saturday"
      + " mornings in May. We would like to run a craft workshop for about twenty children.";

  @Test
  void anAnswerThatRestatesTheRequestCopiesIt() {
    String restated = "The request comes with 2 rules to follow: 1. Highlight at least 3 parts of your answer, like"
        + " *this part*. 2. Write your whole answer in English using only capital letters.";
    assertEquals(Verdict.COPIES_REQUEST, AnswerSubstance.HELD_OUT.judge(restated, RULES, PROMPT));
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.HELD_OUT.judge(EMAIL, RULES, PROMPT));
  }

  @Test
  void copyingTheResponsesOwnReasoningCountsAsCopying() {
    String reasoning = "I must write to the community center, ask whether the main hall is free on Saturday mornings"
        + " in May, and say that we would like to run a craft workshop for about twenty children.";
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.HELD_OUT.judge(EMAIL, RULES, PROMPT));
    assertEquals(Verdict.COPIES_REQUEST, AnswerSubstance.HELD_OUT.judge(EMAIL, RULES, PROMPT, reasoning));
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.HELD_OUT.judge(EMAIL, RULES, PROMPT, null), "no reasoning");
  }

  @Test
  void anAnswerThatTalksAboutTheRequestsRulesCopiesTheReasoningEvenWhenRephrased() {
    // answers cloned in session 10's iteration 6: each copies under half of its trigrams from anywhere
    String[] talk = {
        "The request comes with 2 rules to follow and badminton. Tennis asks for longer rallies on a bigger court"
            + " while badminton asks for quick bursts and sharp changes of direction at the net.",
        "MY REQUEST COMES WITH 2 RULES TO FOLLOW AND CHOOSE. BUTTER GIVES A RICHER TASTE AND A FLAKIER CRUMB WHILE"
            + " OIL KEEPS A CAKE MOIST FOR LONGER.",
        "Although it appears that the request came with three rules, butter gives a richer taste and oil keeps a"
            + " cake moist for longer, so choose by the texture you want.",
        "Here are the rules to follow for this email: greet the studio, ask about the pass and thank them for"
            + " their time before you sign off."};
    for (String answer : talk) {
      assertTrue(AnswerSubstance.copiedShare(answer, PROMPT) < 0.5, answer);
      assertEquals(Verdict.COPIES_REQUEST, AnswerSubstance.HELD_OUT.judge(answer, RULES, PROMPT), answer);
    }
    String rules = "The house rules are simple: no shoes inside, and the last one up makes the coffee for everyone"
        + " who stayed over.";
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.HELD_OUT.judge(rules, RULES, PROMPT), "rules, not the request's");
    assertEquals(Verdict.SUBSTANTIVE, new AnswerSubstance(1.0, 15).judge(talk[0], RULES, PROMPT), "copy check off");
  }

  @Test
  void theShareIsOverWordTrigramsIgnoringCaseAndPunctuation() {
    assertEquals(1.0, AnswerSubstance.copiedShare("USE ONLY, capital letters!", "use only capital letters"), 1e-12);
    assertEquals(0.5, AnswerSubstance.copiedShare("use only capital letters", "use only capital"), 1e-12);
    assertEquals(0.0, AnswerSubstance.copiedShare("use only", "use only"), 1e-12, "no trigram below 3 words");
  }

  @Test
  void anAnswerLoopingOnAPlaceholderRepeatsItself() {
    String looping = EMAIL + " Best regards, [Your Name] [Your Email Address] [Your Email Address] [Your Email"
        + " Address] [Your Email Address] [Your Email Address] [Your Email Address] [Your Email Address]";
    assertEquals(Verdict.REPEATS_ITSELF, AnswerSubstance.HELD_OUT.judge(looping, RULES, PROMPT));
    String signed = EMAIL + " Could you tell me the price of the hall for one morning and whether tables are"
        + " included? Best regards, Maria Lopez, maria@example.com";
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.HELD_OUT.judge(signed, RULES, PROMPT));
    assertEquals(Verdict.SUBSTANTIVE, new AnswerSubstance(1.0, 15).judge(looping, RULES, PROMPT), "copy check off");
  }

  @Test
  void theRepeatedShareCountsTrigramsSeenEarlierInTheAnswer() {
    assertEquals(0.0, AnswerSubstance.repeatedShare(EMAIL), 1e-12);
    // 12 words, 10 trigrams: "a b c" four times gives trigrams abc bca cab abc bca cab abc bca cab abc: 7 repeats
    assertEquals(0.7, AnswerSubstance.repeatedShare("a b c a b c a b c a b c"), 1e-12);
    assertEquals(0.0, AnswerSubstance.repeatedShare("a b c a b c a b c a b"), 1e-12, "under 10 trigrams");
  }

  @Test
  void aFewWordsAreTooShortUnlessARuleAsksForAShortAnswer() {
    String few = "<<My Title>> P.S. I'm here to help you with your road trip adventure.";
    assertEquals(Verdict.TOO_SHORT, AnswerSubstance.HELD_OUT.judge(few, RULES, PROMPT));
    List<Constraint> under20 = List.of(new Constraint("length_constraints:number_words",
        Map.of("relation", "less than", "num_words", 20)));
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.HELD_OUT.judge(few, under20, PROMPT));
    List<Constraint> atLeast2 = List.of(new Constraint("length_constraints:number_sentences",
        Map.of("relation", "at least", "num_sentences", 2)));
    assertEquals(Verdict.TOO_SHORT, AnswerSubstance.HELD_OUT.judge(few, atLeast2, PROMPT));
  }

  @Test
  void charactersOfUnspacedScriptsCountAsWords() {
    String chinese = "亲爱的社区中心，我想询问五月份周六上午是否可以租用大厅，为二十个孩子举办手工活动。";
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.HELD_OUT.judge(chinese, RULES, PROMPT));
    assertEquals(List.of("hello", "世", "界", "ok"), AnswerSubstance.words("Hello 世界 ok"));
  }

  @Test
  void oneOfTheFixedOptionsIsAnAnswerEvenWhenThePromptListsIt() {
    String prompt = "Would a good answer need specialist knowledge? Answer with one of the following options:"
        + " (\"My answer is yes.\", \"My answer is no.\", \"My answer is maybe.\")";
    List<Constraint> options = List.of(new Constraint("detectable_format:constrained_response", Map.of()));
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.HELD_OUT.judge("My answer is yes.", options, prompt));
  }

  @Test
  void aRequestRepeatedAsAskedIsNotCountedAsCopied() {
    String request = "Write a short note to my neighbour asking them to water my tomato plants next week.";
    List<Constraint> repeat = List.of(new Constraint("combination:repeat_prompt", Map.of("prompt_to_repeat", request)));
    String prompt = "First repeat the request word for word without change, then give your answer. " + request;
    String note = "Hi Sam, I am away from Monday to Friday next week. Could you water the tomato plants by the back"
        + " door every other evening? The watering can is by the tap. Thank you so much!";
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.HELD_OUT.judge(request + "\n" + note, repeat, prompt));
    assertEquals(Verdict.COPIES_REQUEST, AnswerSubstance.HELD_OUT.judge(request + "\n" + request, repeat, prompt),
        "repeated twice: the second copy is not an answer");
    assertEquals(Verdict.TOO_SHORT, AnswerSubstance.HELD_OUT.judge(request + " Sure.", repeat, prompt),
        "the request repeated and two words: the repeat does not count towards the length");
  }

  @Test
  void offPassesEverythingAndBadSettingsAreRefused() {
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.OFF.judge(PROMPT, RULES, PROMPT));
    assertEquals(Verdict.SUBSTANTIVE, AnswerSubstance.OFF.judge("", RULES, PROMPT));
    assertThrows(IllegalArgumentException.class, () -> new AnswerSubstance(1.5, 0));
    assertThrows(IllegalArgumentException.class, () -> new AnswerSubstance(0.5, -1));
  }
}
