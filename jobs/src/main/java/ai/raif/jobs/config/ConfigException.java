package ai.raif.jobs.config;

/** A configuration that cannot be used; the message names the key (and the file when one is involved). */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
