package ai.raif.trainer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A chat template is untrusted input: a render that runs past its bound fails with a clear message. */
class ChatTemplateLimitsTest {
    static final List<ChatMessage> HI = List.of(new ChatMessage("user", "hi"));

    @Test
    void aTemplateThatLoopsForeverIsStoppedAtItsBound() {
        // a billion evaluations: hours, were it not stopped
        String loops = "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
                + "{% set x = a + b + c %}{% endfor %}{% endfor %}{% endfor %}done";
        ChatTemplate template = new ChatTemplate(loops, null, null, Clock.systemUTC(), Duration.ofMillis(300));
        long start = System.nanoTime();
        ChatTemplateException e = assertThrows(ChatTemplateException.class, () -> template.render(HI, true));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("chat template ran longer than 300 ms and was stopped", e.getMessage());
        assertTrue(millis < 3_000, millis + " ms");
    }

    @Test
    void aTemplateWithinItsBoundRendersAndItsOwnErrorsStillSurface() {
        ChatTemplate ok = new ChatTemplate("{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}", null,
                null, Clock.systemUTC(), Duration.ofSeconds(5));
        assertEquals("<user>hi", ok.render(HI, false));
        ChatTemplate raising = new ChatTemplate("{{ raise_exception('no system role') }}", null, null);
        assertEquals("no system role", assertThrows(ChatTemplateException.class,
                () -> raising.render(HI, false)).getMessage());
    }
}
