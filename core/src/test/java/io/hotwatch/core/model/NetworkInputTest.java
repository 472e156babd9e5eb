package io.hotwatch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The heap path the model scores by (standardising on the heap, reused buffers, compact rows) against DL4J's own path
 * (an INDArray per batch, {@code NormalizerStandardize.transform}, {@code MultiLayerNetwork.output}): the bundled model
 * on the bundled month of real incidents must give the same input floats bit for bit, the same probabilities from full
 * rows bit for bit, and from compact rows to the last bits.
 */
class NetworkInputTest {

  private static final Path MODEL = Path.of(System.getProperty("hotwatch.home", "..")).resolve("deploy/demo/model");

  private static List<IncidentContext> incidents;
  private static CategoryModel model;
  private static MultiLayerNetwork dl4jNetwork;
  private static NormalizerStandardize dl4jNormalizer;

  @BeforeAll
  static void load() throws Exception {
    Path month = MODEL.resolveSibling("data/chicago_crimes_2017-07.csv.gz");
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(month)) {
      // in time order, as the stream releases them, each with the local history of those before it
      List<Incident> read = rows.filter(ParsedRow::isOk).map(ParsedRow::value).toList();
      model = CategoryModel.load(MODEL);
      incidents = model.contexts(
          read.stream().sorted(java.util.Comparator.comparing(Incident::occurredAt).thenComparing(Incident::id)).toList());
    }
    // a second, independent copy of the artifact's network and normaliser, used only the way DL4J documents
    Pair<MultiLayerNetwork, Normalizer> restored =
        ModelSerializer.restoreMultiLayerNetworkAndNormalizer(
            MODEL.resolve(CategoryModel.NETWORK_FILE).toFile(), false);
    dl4jNetwork = restored.getFirst();
    dl4jNormalizer = (NormalizerStandardize) restored.getSecond();
  }

  /** DL4J's way: encoded rows into an INDArray, standardised by the normaliser in place. */
  private static INDArray dl4jInput(List<IncidentContext> batch) {
    int width = model.encoder().width();
    float[] encoded = new float[batch.size() * width];
    for (int i = 0; i < batch.size(); i++) {
      model.encoder().encode(batch.get(i), encoded, i * width);
    }
    INDArray rows = Nd4j.create(encoded, new long[] {batch.size(), width}, 'c');
    dl4jNormalizer.transform(rows);
    return rows;
  }

  @Test
  void standardisedRowsAreBitForBitThoseOfTheNormaliser() {
    float[] ours = model.input().rows(incidents);
    float[] theirs = dl4jInput(incidents).data().asFloat();

    assertThat(ours).hasSize(incidents.size() * model.encoder().width());
    assertSameBits(ours, theirs, "input");
  }

  /**
   * The model scores compact rows, the first layer's one-hot features looked up ({@code DenseForwardPass.foldOneHot}):
   * the same sums in another order, so the floats may differ from DL4J's in their last bits. Over the whole month, in
   * batches of several sizes, every probability is within 2e-6 of DL4J's (5.4e-7 measured) and within 1e-4 of it relatively, and the
   * month's log loss is the same to 1e-6.
   */
  @Test
  void probabilitiesAreThoseOfTheNetworkCalledTheDocumentedWayToTheLastBits() {
    int categories = model.categories().size();
    float[] ours = new float[1024 * categories];
    double maxAbsolute = 0;
    double maxRelative = 0;
    double ourLoss = 0;
    double theirLoss = 0;
    List<String> names = model.categories();
    int start = 0;
    int round = 0;
    List<Integer> sizes = List.of(1, 16, 1024, 64, 1, 256, 16, 7, 1024, 3, 5, 1);
    // several sizes in turn, so that the kept arrays are reused and replaced, over the whole month
    while (start < incidents.size()) {
      int size = Math.min(sizes.get(round++ % sizes.size()), incidents.size() - start);
      List<IncidentContext> batch = incidents.subList(start, start + size);
      model.predictInContext(batch, ours);
      float[] theirs = dl4jNetwork.output(dl4jInput(batch), false).dup('c').data().asFloat();
      for (int i = 0; i < size * categories; i++) {
        double difference = Math.abs(ours[i] - theirs[i]);
        maxAbsolute = Math.max(maxAbsolute, difference);
        maxRelative = Math.max(maxRelative, difference / theirs[i]);
      }
      for (int r = 0; r < size; r++) {
        int actual = names.indexOf(batch.get(r).incident().category());
        ourLoss -= Math.log(ours[r * categories + actual]);
        theirLoss -= Math.log(theirs[r * categories + actual]);
      }
      start += size;
    }
    System.out.printf(
        "compact rows against DL4J's path: largest difference %.3g (%.3g of the probability), log loss %.9f against"
            + " %.9f%n", maxAbsolute, maxRelative, ourLoss / incidents.size(), theirLoss / incidents.size());
    assertThat(maxAbsolute).isLessThan(2e-6);
    assertThat(maxRelative).isLessThan(1e-4);
    assertThat(ourLoss / incidents.size()).isCloseTo(theirLoss / incidents.size(), within(1e-6));
  }

  /** The full rows stand for the compact ones: the dense floats at their places, the hot features 1, the rest 0. */
  @Test
  void compactRowsAreTheFullRowsBitForBit() {
    FeatureEncoder encoder = model.encoder();
    int width = encoder.width();
    int denseWidth = encoder.denseWidth();
    int groups = FeatureEncoder.ONE_HOT_GROUPS;
    float[] dense = new float[incidents.size() * denseWidth];
    int[] hot = new int[incidents.size() * groups];
    model.input().writeCompact(incidents, dense, hot);
    float[] full = model.input().rows(incidents);
    float[] encoded = new float[width];
    int[] denseFeatures = encoder.denseFeatures();
    assertThat(denseWidth + IntStream.range(0, width).filter(encoder::oneHot).count()).isEqualTo(width);
    for (int r = 0; r < incidents.size(); r++) {
      float[] standardised = Arrays.copyOfRange(full, r * width, (r + 1) * width);
      assertSameBits(
          Arrays.copyOfRange(dense, r * denseWidth, (r + 1) * denseWidth),
          IntStream.of(denseFeatures).mapToObj(f -> standardised[f]).collect(floats()), "dense part of row " + r);
      encoder.encode(incidents.get(r), encoded, 0);
      Set<Integer> ones = new HashSet<>();
      for (int g = 0; g < groups; g++) {
        ones.add(hot[r * groups + g]);
      }
      assertThat(ones).as("row %d", r).hasSize(groups);
      for (int f = 0; f < width; f++) {
        if (encoder.oneHot(f)) {
          assertThat(encoded[f]).as("row %d feature %d", r, f).isEqualTo(ones.contains(f) ? 1f : 0f);
        }
      }
    }
  }

  private static java.util.stream.Collector<Float, ?, float[]> floats() {
    return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
      float[] out = new float[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = list.get(i);
      }
      return out;
    });
  }

  @Test
  void theBundledNetworkIsScoredByTheDenseForwardPassWithDl4jsOutputs() {
    DenseForwardPass pass = DenseForwardPass.of(dl4jNetwork);
    assertThat(pass).as("the bundled network's shape is one the forward pass handles").isNotNull();
    for (int size : List.of(1, 300, 1)) {
      INDArray rows = dl4jInput(incidents.subList(1000, 1000 + size));
      assertSameBits(
          pass.output(rows).dup('c').data().asFloat(), dl4jNetwork.output(rows, false).dup('c').data().asFloat(),
          "forward pass of " + size);
    }
  }

  @Test
  void predictRowsAreThoseOfTheFlatPredict() {
    List<IncidentContext> batch = incidents.subList(100, 164);
    int categories = model.categories().size();
    float[] flat = new float[batch.size() * categories];
    model.predictInContext(batch, flat);

    float[][] rows = model.predictInContext(batch);
    assertThat(rows).hasNumberOfRows(batch.size());
    for (int i = 0; i < rows.length; i++) {
      assertThat(rows[i]).containsExactly(Arrays.copyOfRange(flat, i * categories, (i + 1) * categories));
    }
  }

  @Test
  void refusesABufferTooSmallForTheBatch() {
    assertThatThrownBy(() -> model.predictInContext(incidents.subList(0, 2), new float[model.categories().size()]))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("2 rows of 13 probabilities do not fit 13 floats");
  }

  private static void assertSameBits(float[] ours, float[] theirs, String what) {
    assertThat(ours.length).as(what + " length").isEqualTo(theirs.length);
    for (int i = 0; i < ours.length; i++) {
      if (Float.floatToRawIntBits(ours[i]) != Float.floatToRawIntBits(theirs[i])) {
        throw new AssertionError(what + ": float " + i + " is " + ours[i] + ", DL4J's path gives " + theirs[i]);
      }
    }
  }
}
