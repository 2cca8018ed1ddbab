package ai.raif.trainer.model;

/**
 * RoPE frequency scaling as in HF {@code rope_scaling}: {@code none}, {@code linear} (positions divided by factor) and
 * {@code llama3} (Llama 3.1's band-wise scaling of the inverse frequencies).
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositions) {
  public static final RopeScaling NONE = new RopeScaling("none", 1, 0, 0, 0);

  /** Inverse frequencies θ^(-2i/d), i < d/2, after scaling. */
  public double[] inverseFrequencies(double theta, int rotaryDim) {
    double[] inv = new double[rotaryDim / 2];
    for (int i = 0; i < inv.length; i++) inv[i] = 1.0 / Math.pow(theta, (2.0 * i) / rotaryDim);
    switch (type) {
      case "none" -> { }
      case "linear" -> { for (int i = 0; i < inv.length; i++) inv[i] /= factor; }
      case "llama3" -> {
        // Long wavelengths are slowed by `factor`, short ones kept, and the band between is interpolated smoothly.
        double lowFreqWavelen = originalMaxPositions / lowFreqFactor;
        double highFreqWavelen = originalMaxPositions / highFreqFactor;
        for (int i = 0; i < inv.length; i++) {
          double wavelen = 2 * Math.PI / inv[i];
          if (wavelen > lowFreqWavelen) {
            inv[i] = inv[i] / factor;
          } else if (wavelen >= highFreqWavelen) {
            double smooth = (originalMaxPositions / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
            inv[i] = (1 - smooth) * inv[i] / factor + smooth * inv[i];
          }
        }
      }
      default -> throw new IllegalStateException("unsupported rope scaling type " + type);
    }
    return inv;
  }
}
