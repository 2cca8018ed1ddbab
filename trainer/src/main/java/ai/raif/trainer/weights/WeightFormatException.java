package ai.raif.trainer.weights;

/**
 * A weight file (GGUF or safetensors) whose content is malformed or inconsistent; the message names the file and,
 * where known, the tensor. Unchecked, like the UncheckedIOException the readers throw for I/O failures, so model
 * loading code need not thread IOException through.
 */
public class WeightFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WeightFormatException(String message) {
        super(message);
    }

    public WeightFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
