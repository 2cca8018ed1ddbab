package ai.raif.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static void assertMessage(ConfigException e, String... parts) {
    for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
  }

  @Test
  void defaultsAreTheBundledLocalYaml() throws IOException {
    RaifConfig c = ConfigLoader.load(List.of(), List.of());
    assertEquals("default", c.model().path());
    assertEquals(256, c.generation().maxNewTokens());
    assertEquals(0.0, c.generation().temperature());
    // the bundled copy is conf/local.yaml itself
    Path repo = Path.of(System.getProperty("raif.repo.root"));
    try (var in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULTS)) {
      assertEquals(Files.readString(repo.resolve("conf/local.yaml")), new String(in.readAllBytes()));
    }
  }

  @Test
  void filesThenSetsOverrideInOrder(@TempDir Path dir) throws IOException {
    Path a = Files.writeString(dir.resolve("a.yaml"), "generation:\n  temperature: 0.7\n  top_k: 40\n");
    Path b = Files.writeString(dir.resolve("b.yaml"), "generation:\n  top_k: 10\nmodel:\n  path: /models/qwen\n");
    RaifConfig c = ConfigLoader.load(List.of(a, b), List.of("generation.top_p=0.9", "model.threads=3"));
    assertEquals(0.7, c.generation().temperature());
    assertEquals(10, c.generation().topK());
    assertEquals(0.9, c.generation().topP());
    assertEquals("/models/qwen", c.model().path());
    assertEquals(3, c.model().threads());
    assertEquals(256, c.generation().maxNewTokens(), "untouched keys keep their defaults");
  }

  @Test
  void unknownKeysAreNamed(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("bad.yaml"), "model:\n  pth: x\n");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of(f), List.of())),
        "unknown key 'model.pth'", "path", "threads");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of(), List.of("generation.temp=1"))),
        "unknown configuration key 'generation.temp'", "temperature");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of(), List.of("judge.uri=x"))),
        "unknown configuration key 'judge.uri'", "url");
    Path section = Files.writeString(dir.resolve("s.yaml"), "trainer:\n  lr: 1\n");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of(section), List.of())),
        "unknown key 'trainer'");
  }

  @Test
  void badValuesAreNamed(@TempDir Path dir) throws IOException {
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("generation.max_new_tokens=lots"))), "generation.max_new_tokens");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("generation.max_new_tokens=2.5"))), "generation.max_new_tokens");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("generation.top_p=1.5"))), "generation.top_p", "(0, 1]", "1.5");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("reward.copy_limit=1.5"))), "reward.copy_limit", "[0, 1]", "1.5");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("reward.min_answer_words=-1"))), "reward.min_answer_words");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("generation=3"))), "is a section");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("rollout.batching=dynamic"))), "rollout.batching",
        "continuous, static", "dynamic");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of(), List.of("noequals"))),
        "key=value");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "model: [unclosed\n");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of(broken), List.of())),
        "broken.yaml", "not valid YAML");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(dir.resolve("missing.yaml")), List.of())), "config file not found");
  }

  @Test
  void theClusterExampleLoadsAndPipelineKeysAreChecked() {
    Path repo = Path.of(System.getProperty("raif.repo.root"));
    RaifConfig c = ConfigLoader.load(List.of(repo.resolve("conf/cluster.yaml")), List.of());
    assertEquals("openai", c.judge().backend());
    assertEquals(1, c.rollout().gpusPerTask());
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("supcot.mode=sometimes"))), "supcot.mode", "paper, code_faithful, off");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("run.stop_after=evaluate"))), "run.stop_after");
    ConfigException key = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("judge.api_key_env=sk-secret-value")));
    assertMessage(key, "judge.api_key_env", "NAME");
    assertTrue(!key.getMessage().contains("sk-secret"), "a pasted key must not be echoed");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("run.id=a/b"))), "run.id");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("train.grpo_modes=direct"))), "train.grpo_modes", "think or chat");
    RaifConfig recipe = ConfigLoader.load(List.of(repo.resolve("conf/recipe.yaml")), List.of());
    assertEquals("chat", recipe.train().grpoModes(), "the recipe trains its plain-chat rollouts by GRPO");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.load(List.of(), List.of("run.id=.."))), "run.id", "not only dots");
    assertEquals("v1.2", ConfigLoader.load(List.of(), List.of("run.id=v1.2")).run().id());
  }

  @Test
  void anEmptySectionOverridesNothingAndAKeyWithoutAValueIsNamed(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path empty = java.nio.file.Files.writeString(dir.resolve("empty.yaml"), "train:\nrun:\n  id: mine\n");
    RaifConfig c = ConfigLoader.load(List.of(empty), List.of());
    assertEquals("mine", c.run().id());
    assertEquals(ConfigLoader.load(List.of(), List.of()).train(), c.train());
    Path blank = java.nio.file.Files.writeString(dir.resolve("blank.yaml"), "train:\n  lr:\n");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of(blank), List.of())),
        "blank.yaml", "'train.lr' has no value");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of(), List.of("train.lr=~"))),
        "train.lr", "no value");
  }
}
