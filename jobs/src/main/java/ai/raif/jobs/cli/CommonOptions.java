package ai.raif.jobs.cli;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command takes: config files, overrides, and a shortcut for the model. */
public final class CommonOptions {
  @Option(names = "--conf", paramLabel = "FILE", description = "YAML config file(s), applied over conf/local.yaml")
  List<Path> confFiles = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one config key, e.g. --set generation.temperature=0.7")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--model", paramLabel = "M", description = "'default', a .gguf file or an HF checkpoint directory (= --set model.path=M)")
  String model;

  public RaifConfig config() {
    return config(null, List.of());
  }

  /** With a bundled profile under the user's files, and {@code extra} overrides after the user's. */
  public RaifConfig config(String profile, List<String> extra) {
    List<String> all = new ArrayList<>(overrides);
    if (model != null) all.add("model.path=" + model);
    all.addAll(extra);
    RaifConfig c = ConfigLoader.load(profile, confFiles, all);
    // torch reads its thread count once, when the engine starts, so it must be set before any model is loaded.
    if (c.model().threads() > 0) System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(c.model().threads()));
    return c;
  }
}
