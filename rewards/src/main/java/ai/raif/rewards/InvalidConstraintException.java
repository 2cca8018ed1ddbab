package ai.raif.rewards;

/** A constraint that cannot be checked: unknown id, or a missing / ill-typed kwarg. The message names both. */
public final class InvalidConstraintException extends IllegalArgumentException {
  private final String constraintId;
  private final String key;

  public InvalidConstraintException(String constraintId, String key, String reason) {
    super("constraint '" + constraintId + "'" + (key == null ? "" : ", kwarg '" + key + "'") + ": " + reason);
    this.constraintId = constraintId;
    this.key = key;
  }

  public String constraintId() { return constraintId; }

  /** The offending kwarg, or null when the id itself is the problem. */
  public String key() { return key; }
}
