package ai.raif.trainer.text;

/** A tokenizer could not be built: a file or metadata key is missing, malformed, or describes something unsupported. */
public final class TokenizerLoadException extends RuntimeException {

    public TokenizerLoadException(String message) {
        super(message);
    }

    public TokenizerLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
