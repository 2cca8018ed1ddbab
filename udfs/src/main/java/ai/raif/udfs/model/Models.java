package ai.raif.udfs.model;

import ai.raif.trainer.LanguageModel;
import ai.raif.udfs.storage.LocalCopies;

/** Loads a model from wherever {@code model.path} may point: "default", a local path, or a FileSystem URI. */
public final class Models {
  private Models() {}

  /** {@link LanguageModel#load} of a local path; a URI is loaded from its local copy, made on first use. */
  public static LanguageModel load(String location) {
    return LanguageModel.load(LocalCopies.localize(location));
  }
}
