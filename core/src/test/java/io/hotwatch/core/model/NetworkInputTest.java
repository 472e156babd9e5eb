package io.hotwatch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
 * The heap path the model scores by (standardising on the heap, reused buffers) against DL4J's own path (an INDArray
 * per batch, {@code NormalizerStandardize.transform}, {@code MultiLayerNetwork.output}): the bundled model on the
 * bundled month of real incidents must give the same input floats and the same probabilities, bit for bit.
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

  @Test
  void probabilitiesAreBitForBitThoseOfTheNetworkCalledTheDocumentedWay() {
    int categories = model.categories().size();
    float[] ours = new float[1024 * categories];
    int start = 0;
    // several sizes in turn, so that the kept input arrays are reused and replaced
    for (int size : List.of(1, 16, 1024, 64, 1, 256, 16, 7, 1024, 3, 5, 1)) {
      List<IncidentContext> batch = incidents.subList(start, start + size);
      model.predictInContext(batch, ours);
      float[] theirs = dl4jNetwork.output(dl4jInput(batch), false).dup('c').data().asFloat();
      assertSameBits(Arrays.copyOf(ours, size * categories), theirs, "batch of " + size + " at " + start);
      start += size;
    }
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
