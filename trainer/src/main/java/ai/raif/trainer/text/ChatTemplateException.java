package ai.raif.trainer.text;

/**
 * A chat template could not be rendered: the template called {@code raise_exception(message)} (the message is then
 * exactly the template's), or it has a syntax error or uses something the renderer does not support.
 */
public final class ChatTemplateException extends RuntimeException {

    public ChatTemplateException(String message) {
        super(message);
    }
}
