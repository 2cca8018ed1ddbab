package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;

/** The IFBench instructions that are a single substring or character test. */
enum SimpleChecks implements Instruction {
  /** {@code custom:character_reverse}: "elgae dlab" ("bald eagle" reversed) occurs, ignoring case. */
  CHARACTER_REVERSE {
    @Override
    public boolean isFollowedBy(String response) {
      return PyStrings.lower(response).contains("elgae dlab");
    }
  },
  /** {@code format:output_template}: "My Answer:", "My Conclusion:" and "Future Outlook:" all occur. */
  OUTPUT_TEMPLATE {
    @Override
    public boolean isFollowedBy(String response) {
      return response.contains("My Answer:") && response.contains("My Conclusion:")
          && response.contains("Future Outlook:");
    }
  },
  /** {@code format:no_whitespace}: no character for which Python's isspace() holds. */
  NO_WHITESPACE {
    @Override
    public boolean isFollowedBy(String response) {
      return response.chars().noneMatch(PythonUnicode::isSpace);
    }
  };

}
