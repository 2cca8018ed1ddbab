package ai.raif.trainer.grpo;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs code with torch's autograd recording off on the calling thread. Torch's grad mode is per thread and on by
 * default; DJL switches it off only on the thread that started the engine, and a gradient collector restores the
 * mode it found. On any other thread (a Spark job's driver thread after executors started the engine, a pool
 * thread) an optimizer's in-place update of a parameter then fails with "a leaf Variable that requires grad is being
 * used in an in-place operation".
 */
public final class GradMode {
  private GradMode() {}

  public static <T> T off(Supplier<T> body) {
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return body.get();
    } finally {
      if (was) JniUtils.setGradMode(true);
    }
  }

  public static void off(Runnable body) {
    off(() -> {
      body.run();
      return null;
    });
  }
}
