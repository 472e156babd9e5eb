package io.hotwatch.core.model;

import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.features.IncidentContext;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * The category network's input rows: incidents in their context encoded by the {@link FeatureEncoder} and standardised with the
 * normaliser fitted in training. Training builds its rows and scoring its batches through this one class, so that both
 * hand the network the same floats.
 *
 * <p>Standardising is done here on the heap, row after row, as {@code NormalizerStandardize.transform} does it on an
 * INDArray (subtract the mean, then divide by the standard deviation, a deviation of 0 counting as 1), with the same
 * float operations and so the same bits; two ND4J broadcast ops and an array copy per batch cost more than encoding.
 * Instances are immutable and thread-safe.
 */
public final class NetworkInput {

  private final FeatureEncoder encoder;
  private final float[] mean;
  private final float[] std;
  private final float[] denseMean;
  private final float[] denseStd;

  private NetworkInput(FeatureEncoder encoder, float[] mean, float[] std) {
    if (mean.length != encoder.width() || std.length != encoder.width()) {
      throw new IllegalArgumentException(
          "normaliser has " + mean.length + " means and " + std.length + " deviations for " + encoder.width()
              + " features");
    }
    this.encoder = encoder;
    this.mean = mean;
    this.std = std;
    int[] dense = encoder.denseFeatures();
    this.denseMean = new float[dense.length];
    this.denseStd = new float[dense.length];
    for (int j = 0; j < dense.length; j++) {
      denseMean[j] = mean[dense[j]];
      denseStd[j] = std[dense[j]];
    }
  }

  /** Input rows of {@code encoder}'s features standardised by {@code normalizer} (fitted on rows of that encoder). */
  public static NetworkInput of(FeatureEncoder encoder, NormalizerStandardize normalizer) {
    float[] std = floats(normalizer.getStd());
    for (int f = 0; f < std.length; f++) {
      // NormalizerStandardize divides by 1 where a deviation is 0 (a constant feature)
      if (std[f] == 0f) {
        std[f] = 1f;
      }
    }
    return new NetworkInput(encoder, floats(normalizer.getMean()), std);
  }

  public FeatureEncoder encoder() {
    return encoder;
  }

  /** Floats per row. */
  public int width() {
    return encoder.width();
  }

  /** Encodes and standardises {@code incidents} into {@code rows}, row after row from index 0. */
  public void write(List<IncidentContext> incidents, float[] rows) {
    int width = encoder.width();
    if (rows.length < incidents.size() * width) {
      throw new IndexOutOfBoundsException(
          incidents.size() + " rows of " + width + " features do not fit " + rows.length + " floats");
    }
    for (int i = 0; i < incidents.size(); i++) {
      encoder.encode(incidents.get(i), rows, i * width);
    }
    standardise(rows, incidents.size());
  }

  /**
   * The compact form of {@link #write}'s rows: each row's {@link FeatureEncoder#denseWidth()} dense features,
   * standardised, into {@code dense} row after row, and its one-hot groups' hot features
   * ({@link FeatureEncoder#encodeCompact}) into {@code hot}, {@value FeatureEncoder#ONE_HOT_GROUPS} per row. The dense
   * values are those of {@link #write}'s rows at {@link FeatureEncoder#denseFeatures()}, bit for bit.
   */
  public void writeCompact(List<IncidentContext> incidents, float[] dense, int[] hot) {
    int width = encoder.denseWidth();
    int groups = FeatureEncoder.ONE_HOT_GROUPS;
    if (dense.length < incidents.size() * width || hot.length < incidents.size() * groups) {
      throw new IndexOutOfBoundsException(
          incidents.size() + " compact rows of " + width + " + " + groups + " do not fit " + dense.length + " + "
              + hot.length);
    }
    for (int i = 0; i < incidents.size(); i++) {
      encoder.encodeCompact(incidents.get(i), dense, i * width, hot, i * groups);
      standardiseCompact(dense, i * width);
    }
  }

  /** Standardises the encoded compact row of dense features at {@code offset} in place, as {@link #writeCompact}. */
  public void standardiseCompact(float[] dense, int offset) {
    for (int f = 0; f < denseMean.length; f++) {
      dense[offset + f] = (dense[offset + f] - denseMean[f]) / denseStd[f];
    }
  }

  /**
   * The full standardised rows ({@link #write}'s) that {@code n} compact rows stand for, into {@code rows}: the dense
   * floats at their places, and each one-hot feature standardised from 1 where it is hot and 0 elsewhere, with the
   * same float operations as {@link #standardise}, so the same bits.
   */
  void expandCompact(float[] dense, int[] hot, int n, float[] rows) {
    int width = encoder.width();
    int denseWidth = encoder.denseWidth();
    int groups = FeatureEncoder.ONE_HOT_GROUPS;
    int[] denseFeatures = encoder.denseFeatures();
    for (int r = 0; r < n; r++) {
      int base = r * width;
      for (int f = 0; f < width; f++) {
        if (encoder.oneHot(f)) {
          rows[base + f] = (0f - mean[f]) / std[f];
        }
      }
      for (int g = 0; g < groups; g++) {
        int f = hot[r * groups + g];
        rows[base + f] = (1f - mean[f]) / std[f];
      }
      for (int j = 0; j < denseWidth; j++) {
        rows[base + denseFeatures[j]] = dense[r * denseWidth + j];
      }
    }
  }

  /** Mean of each feature the rows are standardised with (a copy). */
  float[] mean() {
    return mean.clone();
  }

  /** Standard deviation of each feature the rows are standardised with, 1 where the normaliser's is 0 (a copy). */
  float[] std() {
    return std.clone();
  }

  /** The incidents' rows in a new array. */
  public float[] rows(List<IncidentContext> incidents) {
    float[] rows = new float[incidents.size() * encoder.width()];
    write(incidents, rows);
    return rows;
  }

  /** Standardises the first {@code count} rows of encoded features in place. */
  public void standardise(float[] rows, int count) {
    int width = encoder.width();
    if (rows.length < count * width) {
      throw new IndexOutOfBoundsException(
          count + " rows of " + width + " features do not fit " + rows.length + " floats");
    }
    for (int r = 0; r < count; r++) {
      int base = r * width;
      for (int f = 0; f < width; f++) {
        rows[base + f] = (rows[base + f] - mean[f]) / std[f];
      }
    }
  }

  private static float[] floats(INDArray vector) {
    return vector.castTo(DataType.FLOAT).reshape(vector.length()).toFloatVector();
  }
}
