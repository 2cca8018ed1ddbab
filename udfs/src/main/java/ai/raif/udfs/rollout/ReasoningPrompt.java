package ai.raif.udfs.rollout;

import ai.raif.rewards.reward.RolloutMode;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a prompt the way RAIF rolls it out (raif-spec §2.4): the CoT trigger as system message, the policy's chat
 * template with its generation prompt, then an open think block ({@code THINK}: the model starts reasoning) or an
 * empty closed one ({@code DIRECT}: the model must answer at once); {@code CHAT} is the template as the model knows it.
 */
public final class ReasoningPrompt {
  /** The fast-thinking trigger; the two anchors the judge's prompt builder strips are kept byte-exact. */
  public static final String SYSTEM_TRIGGER = "You are a helpful assistant. The assistant first thinks about the "
      + "reasoning process in the mind and then provides the user with the answer. The reasoning process and answer "
      + "are enclosed within <think> </think> and <answer> </answer> tags, respectively, i.e., "
      + "<think> reasoning process here </think><answer> answer here </answer>. Now the user asks you to complete a "
      + "task. After thinking, when you finally reach a conclusion, make sure all your final responses are enclosed "
      + "between one <answer> tag and one </answer> tag.";
  /** Marks where a prompt's own system message starts; the judge drops everything before it. */
  public static final String TASK_DEFINITION = "\n\nHere is the task definition:\n\n";

  private ReasoningPrompt() {}

  /**
   * The rendered prompt string the policy continues, ending in the think opener or the empty think block; in
   * {@code CHAT} mode the model's own template alone (no trigger, no think block).
   */
  public static String render(LanguageModel model, List<ChatMessage> messages, RolloutMode mode) {
    if (mode == RolloutMode.CHAT) return model.renderChat(messages);
    return forMode(model.renderChat(withTrigger(messages)), mode);
  }

  /** Puts the trigger in the system slot; a prompt's own system message follows it as the task definition. */
  public static List<ChatMessage> withTrigger(List<ChatMessage> messages) {
    List<ChatMessage> out = new ArrayList<>();
    int first = 0;
    String system = SYSTEM_TRIGGER;
    if (!messages.isEmpty() && messages.get(0).role().equals("system")) {
      system = SYSTEM_TRIGGER + TASK_DEFINITION + messages.get(0).content();
      first = 1;
    }
    out.add(new ChatMessage("system", system));
    out.addAll(messages.subList(first, messages.size()));
    return out;
  }

  /** Appends what the mode forces, exactly as the reference does for each way a prompt may already end. */
  static String forMode(String rendered, RolloutMode mode) {
    if (mode == RolloutMode.THINK) {
      return endsWithOpenThink(rendered) ? rendered : rendered + "<think>\n";
    }
    if (rendered.endsWith("<think>")) return rendered + "\n\n</think>\n";
    if (rendered.endsWith("<think>\n")) return rendered + "\n</think>\n";
    if (rendered.endsWith("<think>\n\n")) return rendered + "</think>\n";
    return rendered + "<think>\n\n</think>\n";
  }

  private static boolean endsWithOpenThink(String s) {
    return s.endsWith("<think>") || s.endsWith("<think>\n") || s.endsWith("<think>\n\n");
  }
}
