package io.hotwatch.dashboard;

import static io.hotwatch.dashboard.HeadlessChromium.screenshot;
import static io.hotwatch.dashboard.HeadlessChromium.count;
import static io.hotwatch.dashboard.HotspotAlerts.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.beyondCalibration;
import static io.hotwatch.dashboard.HotspotAlerts.closed;
import static io.hotwatch.dashboard.HotspotAlerts.corroborated;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static io.hotwatch.dashboard.HotspotAlerts.twoPatches;
import static io.hotwatch.dashboard.HotspotAlerts.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.event.Corroboration;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.security.Roles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in Debian's headless Chromium against the server and a real broker: hotspot areas and DBSCAN outlines on
 * the map, the list newest first with what a dispatcher reads, the details of a clicked hotspot (with its social-post
 * corroboration, marked simulated, its texts shown as text), live updates and closes.
 */
class HotspotPageTest {

  private static final String TOPIC = "hotspot-events-page";
  private static final Instant T0 = Instant.parse("2017-07-14T20:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A made-up post text carrying markup: the page must show it as text and run none of it. */
  private static final String HOSTILE_POST =
      "<img src=x onerror=\"document.body.dataset.injected='yes'\"><b>shots</b> fired & people running";

  private final EventCodec codec = new EventCodec();

  @Test
  void drawsListsAndExplainsTheOpenHotspots(@TempDir Path profile) throws Exception {
    assumeTrue(HeadlessChromium.available(), "Debian's chromium and chromedriver are not installed");
    HotspotAlert loop = corroborated(opened(around(LOOP), T0), HOSTILE_POST);
    HotspotAlert nearLoop = opened(twoPatches(LOOP), T0.plus(Duration.ofHours(1)));
    HotspotAlert englewood = beyondCalibration(opened(around(ENGLEWOOD), T0.plus(Duration.ofHours(4))));
    assertThat(loop.shape()).as("the Loop's incidents have a DBSCAN outline").isNotNull();

    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(1, TOPIC, "trends"); // the trends topic the server also reads by default
      try (KafkaProducer<String, String> producer = producer(kafka);
          DashboardServer server = DashboardServer.start(TestLogins.serverProperties(Roles.VIEWER, Map.of(
              DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
              DashboardServer.HOTSPOT_TOPIC, TOPIC,
              DashboardServer.PORT, 0,
              "hotwatch.board.retention", "1d")))) {
        for (HotspotAlert alert : List.of(loop, nearLoop, englewood)) {
          send(producer, alert);
        }
        ChromeDriver browser = HeadlessChromium.start(profile);
        try {
          HeadlessChromium.logIn(browser, server.uri().toString(), Roles.VIEWER, TestLogins.LOGINS.password());
          WebDriverWait wait = new WebDriverWait(browser, WAIT);
          wait.until(b -> count(browser, "path.district") == 25);
          // and the 277 beats inside them, drawn as lines only
          wait.until(b -> count(browser, "path.beat") == 277);
          wait.until(b -> count(browser, "path.hotspot-cell") == 3);

          // one path per hotspot, even for the one of two patches; a dashed outline for each DBSCAN shape
          long shapes = List.of(loop, nearLoop, englewood).stream().filter(a -> a.shape() != null).count();
          assertThat(count(browser, "path.hotspot-shape")).isEqualTo(shapes);
          assertThat(browser.findElement(By.cssSelector("path.hotspot-cell[data-hotspot-id='" + nearLoop.hotspotId()
              + "']")).getAttribute("d")).as("two rings in one path").containsPattern("M.*z\\s*M.*z");

          List<WebElement> items = browser.findElements(By.cssSelector("li.hotspot-item"));
          assertThat(items).extracting(li -> li.getAttribute("data-hotspot-id"))
              .containsExactly(englewood.hotspotId(), nearLoop.hotspotId(), loop.hotspotId());
          WebElement loopItem = items.get(2);
          assertThat(loopItem.getText())
              .contains(loop.explanation())
              .contains(String.format(Locale.ROOT, "%d observed vs %.1f expected", loop.observed(), loop.expected()))
              .contains("by chance about every")
              .contains(loop.label())
              .contains(loop.categories().keySet().iterator().next());
          assertThat(items.get(0).getText())
              .as("a cluster beyond every simulated step is said to be at least that rare")
              .contains("by chance less than once every")
              .doesNotContain("by chance about every");
          assertThat(browser.findElement(By.id("hotspot-details")).isDisplayed()).isFalse();
          Corroboration posts = loop.corroboration();
          assertThat(posts.posts()).as("the hostile text and at least one simulated post").isGreaterThan(1);
          assertThat(loopItem.getText()).contains(posts.posts() + " related social posts simulated");
          assertThat(items.get(0).getText()).as("an alert without posts says nothing of them")
              .doesNotContain("social post").doesNotContain("simulated");

          loopItem.click();
          WebElement details = browser.findElement(By.id("hotspot-details"));
          wait.until(b -> details.isDisplayed());
          assertThat(details.getText()).contains(loop.incidentIds()).contains("model expects next");
          WebElement corroboration = details.findElement(By.cssSelector("section.corroboration"));
          assertThat(corroboration.getText())
              .contains("Corroboration: " + posts.posts() + " related social posts")
              .contains(posts.examples().get(1))
              .contains(HOSTILE_POST);
          assertThat(corroboration.findElement(By.cssSelector(".badge.simulated")).getText()).isEqualTo("simulated");
          assertThat(corroboration.findElements(By.cssSelector("li.post-example"))).hasSize(posts.examples().size());
          assertThat(count(browser, "#hotspot-details img, #hotspot-details b")).as("no markup from posts").isZero();
          assertThat(browser.executeScript("return document.body.dataset.injected")).isNull();
          screenshot(browser, "hotspot-corroborated-simulated.png");
          String topForecast = loop.forecast().keySet().iterator().next();
          assertThat(details.getText()).contains(
              topForecast + " " + Math.round(loop.forecast().get(topForecast) * 100) + "%");
          screenshot(browser, "hotspots-selected.png");

          // live: an update replaces the selected hotspot's details, a close takes it off the map and the list
          HotspotAlert loopUpdated = updated(loop, T0.plus(Duration.ofHours(1)));
          send(producer, loopUpdated);
          String newestIncident = loopUpdated.incidentIds().get(loopUpdated.incidentIds().size() - 1);
          wait.until(b -> details.getText().contains(newestIncident) && details.getText().contains("revision 1"));
          send(producer, closed(loopUpdated, T0.plus(Duration.ofHours(2))));
          wait.until(b -> count(browser, "path.hotspot-cell") == 2);
          assertThat(details.isDisplayed()).isFalse();
          assertThat(count(browser, "li.hotspot-item")).isEqualTo(2);
          assertThat(browser.findElement(By.id("hotspot-count")).getText()).isEqualTo("2");
        } finally {
          browser.quit();
        }
      }
    }
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(props);
  }

  private void send(KafkaProducer<String, String> producer, HotspotAlert alert) throws Exception {
    producer.send(new ProducerRecord<>(TOPIC, alert.hotspotId(), codec.encode(alert))).get();
  }
}
