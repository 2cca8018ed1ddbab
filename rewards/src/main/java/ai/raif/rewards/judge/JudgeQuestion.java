package ai.raif.rewards.judge;

import java.util.Objects;

/**
 * One YES/NO scoring question about one answer (raif-spec §3.4).
 *
 * @param instruction the instruction as the judge sees it: see {@link JudgePrompt#instruction(String, String)}
 * @param answer the policy's extracted answer text
 * @param question one of the prompt's scoring questions
 */
public record JudgeQuestion(String instruction, String answer, String question) {
  public JudgeQuestion {
    Objects.requireNonNull(instruction, "instruction");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(question, "question");
  }
}
