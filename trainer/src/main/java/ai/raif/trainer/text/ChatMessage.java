package ai.raif.trainer.text;

import java.util.Objects;

/** One turn of a conversation, as chat templates see it: {@code role} ("system", "user", "assistant", ...) and its text. */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
