package ai.raif.rewards.ifeval;

import java.util.List;

/**
 * {@code detectable_format:constrained_response}: contains "My answer is yes.", "My answer is no." or
 * "My answer is maybe." (case-sensitive).
 */
record ConstrainedResponse() implements Instruction {
  static final List<String> KWARGS = List.of();
  private static final List<String> OPTIONS = List.of("My answer is yes.", "My answer is no.", "My answer is maybe.");

  @Override
  public boolean isFollowedBy(String response) {
    return OPTIONS.stream().anyMatch(response::contains);
  }
}
