package io.hotwatch.dashboard;

import static io.hotwatch.dashboard.HeadlessChromium.screenshot;
import static io.hotwatch.dashboard.HeadlessChromium.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.event.CategoryProbability;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.security.Roles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * The page's incident markers in Debian's headless Chromium against the server and a real broker, fed real incidents
 * of the bundled month scored by the bundled model ({@link ScoredIncidents}): the recent ones read back are drawn, a
 * live one joins them, a marker's popup says what was reported, what the model expected and how surprising it was,
 * and the toggle hides and shows them.
 */
class IncidentMarkersPageTest {

  private static final String TOPIC = "scored-incidents-page";
  private static final Instant FROM = Instant.parse("2017-07-14T18:00:00Z");
  private static final Instant TO = Instant.parse("2017-07-14T19:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final EventCodec codec = new EventCodec();

  @Test
  void recentIncidentsAreMarkersWithTheirScores(@TempDir Path profile) throws Exception {
    assumeTrue(HeadlessChromium.available(), "Debian's chromium and chromedriver are not installed");
    List<IncidentScore> scores = ScoredIncidents.between(FROM, TO);
    List<IncidentScore> before = scores.subList(0, scores.size() - 1);
    IncidentScore live = scores.get(scores.size() - 1);

    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(1, "hotspot-events", "trends", TOPIC);
      try (KafkaProducer<String, String> producer = producer(kafka)) {
        for (IncidentScore score : before) {
          send(producer, score);
        }
        try (DashboardServer server = DashboardServer.start(TestLogins.serverProperties(Roles.VIEWER, Map.of(
            DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
            "hotwatch.topics.scored-incidents", TOPIC,
            DashboardServer.PORT, 0)))) {
          ChromeDriver browser = HeadlessChromium.start(profile);
          try {
            HeadlessChromium.logIn(browser, server.uri().toString(), Roles.VIEWER, TestLogins.LOGINS.password());
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            // read back at start into the snapshot, or live if the page connected before the server had read them
            wait.until(b -> count(browser, "path.incident-marker") == before.size());

            send(producer, live);
            wait.until(b -> count(browser, "path.incident-marker") == scores.size());
            browser.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                lastMarker(browser));
            WebElement popup = browser.findElement(By.cssSelector(".incident-popup"));
            wait.until(b -> popup.isDisplayed());
            assertThat(popup.getText())
                .contains(live.category() + " (reported)")
                .contains("incident " + live.incidentId())
                .contains(String.format(java.util.Locale.ROOT, "surprise %.2f", live.surprise()));
            for (CategoryProbability top : live.top()) {
              assertThat(popup.getText()).contains(top.category() + " ");
            }
            screenshot(browser, "incident-markers.png");

            WebElement toggle = browser.findElement(By.id("show-incidents"));
            toggle.click();
            wait.until(b -> count(browser, "path.incident-marker") == 0);
            toggle.click();
            wait.until(b -> count(browser, "path.incident-marker") == scores.size());
          } finally {
            browser.quit();
          }
        }
      }
    }
  }

  /** The marker added last: the live incident's. */
  private static WebElement lastMarker(ChromeDriver browser) {
    List<WebElement> markers = browser.findElements(By.cssSelector("path.incident-marker"));
    return markers.get(markers.size() - 1);
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(props);
  }

  private void send(KafkaProducer<String, String> producer, IncidentScore score) throws Exception {
    producer.send(new ProducerRecord<>(TOPIC, score.incidentId(), codec.encode(score))).get();
  }
}
