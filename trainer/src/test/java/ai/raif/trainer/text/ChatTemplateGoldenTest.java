package ai.raif.trainer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Templates in the style of Qwen2.5, Llama 3.1 and Mistral, plus one exercising the Python constructs HF templates
 * use, rendered by transformers' own renderer; ours must produce the same text, or fail with the same message.
 */
class ChatTemplateGoldenTest {

    private static final JsonNode GOLDEN = Golden.json("chat_template_golden.json");
    private static final ZoneId ZONE = ZoneId.of("UTC");
    /** The "now" the golden renderings were made at, as transformers' strftime_now saw it. */
    private static final Clock CLOCK = Clock.fixed(
            LocalDateTime.parse(GOLDEN.get("now").asText()).atZone(ZONE).toInstant(), ZONE);

    static Stream<Arguments> cases() {
        return StreamSupport.stream(GOLDEN.get("cases").spliterator(), false)
                .map(c -> Arguments.of(Named.of(c.get("template").asText() + " / " + c.get("name").asText(), c)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rendersLikeTransformers(JsonNode c) {
        ChatTemplate template = new ChatTemplate(
                Golden.resourceText("templates/" + c.get("template").asText()),
                c.get("bos_token").isNull() ? null : c.get("bos_token").asText(),
                c.get("eos_token").isNull() ? null : c.get("eos_token").asText(),
                CLOCK);
        List<ChatMessage> messages = Golden.messages(c.get("messages"));
        boolean addGenerationPrompt = c.get("add_generation_prompt").asBoolean();
        Map<String, Object> variables = Golden.plainMap(c.get("variables"));
        if (c.has("error")) {
            ChatTemplateException error = assertThrows(ChatTemplateException.class,
                    () -> template.render(messages, addGenerationPrompt, variables));
            assertEquals(c.get("error").asText(), error.getMessage());
        } else {
            assertEquals(c.get("expected").asText(), template.render(messages, addGenerationPrompt, variables));
        }
    }

    @Test
    void strftimeNowFormatsLikePython() {
        GOLDEN.get("strftime").fields().forEachRemaining(entry -> {
            ChatTemplate template = new ChatTemplate("{{ strftime_now(\"" + entry.getKey() + "\") }}", null, null, CLOCK);
            assertEquals(entry.getValue().asText(), template.render(List.of(), false), entry.getKey());
        });
    }

    @Test
    void reportsTemplateErrorsWithTheirCause() {
        ChatTemplate unknownMethod = new ChatTemplate("{{ messages[0].content.capitalize() }}", null, null);
        ChatTemplateException error = assertThrows(ChatTemplateException.class,
                () -> unknownMethod.render(List.of(new ChatMessage("user", "hi")), false));
        assertEquals(true, error.getMessage().startsWith("chat template failed to render: line 1: "), error.getMessage());
        assertEquals(true, error.getMessage().contains("capitalize"), error.getMessage());
    }

    @Test
    void surfacesRaiseExceptionWithTheTemplatesMessage() {
        ChatTemplate template = new ChatTemplate(
                "{% if messages | length == 0 %}{{ raise_exception('No messages, \"quoted\" é') }}{% endif %}ok", null, null);
        assertEquals("ok", template.render(List.of(new ChatMessage("user", "x")), false));
        ChatTemplateException error = assertThrows(ChatTemplateException.class, () -> template.render(List.of(), false));
        assertEquals("No messages, \"quoted\" é", error.getMessage());
    }

    @Test
    void treatsWindowsLineEndingsLikeJinja() {
        String unix = "{% for m in messages %}\n  {{ m.content }}\n{% endfor %}\nend\n";
        List<ChatMessage> messages = List.of(new ChatMessage("user", "a"), new ChatMessage("user", "b"));
        String expected = new ChatTemplate(unix, null, null).render(messages, false);
        assertEquals("  a\n  b\nend", expected);
        assertEquals(expected, new ChatTemplate(unix.replace("\n", "\r\n"), null, null).render(messages, false));
    }

    @Test
    void rejectsAnUnclosedTagWhenBuilt() {
        ChatTemplateException error = assertThrows(ChatTemplateException.class,
                () -> new ChatTemplate("ok {{ messages[0].content ", null, null));
        assertEquals("chat template: unclosed tag starting at offset 3: {{ messages[0].content ", error.getMessage());
    }

    @Test
    void rejectsWhatJinjavaWouldGetSilentlyWrong() {
        ChatTemplateException loopFilter = assertThrows(ChatTemplateException.class,
                () -> new ChatTemplate("{% for m in messages if m.role == 'user' %}{{ m.content }}{% endfor %}", null, null));
        assertEquals(true, loopFilter.getMessage().startsWith("chat template: loop filters"), loopFilter.getMessage());
        // an "if" inside brackets or strings is not a loop filter
        new ChatTemplate("{% for m in (messages if messages else []) %}{% endfor %}{% for c in 'if' %}{% endfor %}", null, null);

        ChatTemplate format = new ChatTemplate("{{ '{}!'.format(messages[0].content) }}", null, null);
        ChatTemplateException error = assertThrows(ChatTemplateException.class,
                () -> format.render(List.of(new ChatMessage("user", "hi")), false));
        assertEquals(true, error.getMessage().contains("str.format() is not supported"), error.getMessage());
    }

    @Test
    void cannotLoadOtherTemplates() {
        ChatTemplate include = new ChatTemplate("{% include 'secrets.txt' %}", null, null);
        assertThrows(ChatTemplateException.class, () -> include.render(List.of(), false));
    }

    @Test
    void rejectsVariablesThatRenderSetsItself() {
        ChatTemplate template = new ChatTemplate("{{ messages | length }}", null, null);
        assertThrows(IllegalArgumentException.class, () -> template.render(List.of(), true, Map.of("messages", List.of())));
        assertEquals("0", template.render(List.of(), true));
    }
}
