package io.hotwatch.dashboard;

import static io.hotwatch.dashboard.HeadlessChromium.screenshot;
import static io.hotwatch.dashboard.HotspotAlerts.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.security.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two wall screens in Debian's headless Chromium, a dispatcher's and a viewer's, logged in through the form: hotspots
 * appear live on both; the dispatcher acknowledges one with a note; the viewer's screen shows it without a reload,
 * and the dispatcher's still shows it after a reload. The trend panel draws a sparkline per district from the latest
 * trends (real ones, computed from the bundled month) and a category pie for the chosen district, and takes a new
 * day's trend live. Screenshots in {@code target/screenshots}.
 */
class WallScreenTest {

  private static final String TOPIC = "hotspot-events";
  private static final String TRENDS = "trends";
  private static final Instant T0 = Instant.parse("2017-07-14T20:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String NOTE = "units 12 and 14 on the way";

  private final EventCodec codec = new EventCodec();

  @Test
  void hotspotsTrendsAndAcknowledgementsReachEveryScreen(@TempDir Path profiles) throws Exception {
    assumeTrue(HeadlessChromium.available(), "Debian's chromium and chromedriver are not installed");
    HotspotAlert loop = opened(around(LOOP), T0);
    HotspotAlert englewood = opened(around(ENGLEWOOD), T0.plus(Duration.ofHours(4)));
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(1, TOPIC, TRENDS);
      Instant day = Instant.parse("2017-07-20T05:00:00Z"); // a Chicago midnight
      List<TrendEvent> before = new ArrayList<>();
      for (String district : List.of(TrendEvent.CITY, "11", "1")) {
        for (String category : List.of(TrendEvent.ALL, "THEFT", "BATTERY", "NARCOTICS")) {
          before.add(HotspotAlerts.trend(district, category, day));
        }
      }
      try (KafkaProducer<String, String> producer = producer(kafka);
          DashboardServer server = DashboardServer.start(TestLogins.serverProperties(Roles.VIEWER, Map.of(
              DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
              DashboardServer.HOTSPOT_TOPIC, TOPIC,
              DashboardServer.PORT, 0,
              "hotwatch.board.retention", "1d")))) {
        send(producer, loop);
        for (TrendEvent trend : before) {
          producer.send(new ProducerRecord<>(TRENDS, trend.district() + "|" + trend.category(),
              codec.encode(trend))).get();
        }
        ChromeDriver dispatcher = HeadlessChromium.start(Files.createDirectories(profiles.resolve("dispatcher")));
        ChromeDriver viewer = HeadlessChromium.start(Files.createDirectories(profiles.resolve("viewer")));
        try {
          String page = server.uri().toString();
          HeadlessChromium.logIn(dispatcher, page, Roles.DISPATCHER, TestLogins.LOGINS.password());
          HeadlessChromium.logIn(viewer, page, Roles.VIEWER, TestLogins.LOGINS.password());
          waitFor(dispatcher, "li.hotspot-item", 1);
          waitFor(viewer, "li.hotspot-item", 1);

          // a hotspot opened while both screens watch appears on both
          send(producer, englewood);
          waitFor(dispatcher, "li.hotspot-item", 2);
          waitFor(viewer, "li.hotspot-item", 2);
          assertThat(text(dispatcher, "#user")).isEqualTo(Roles.DISPATCHER);

          // trends: the city first, then districts by number, each with a sparkline of its daily counts
          waitFor(viewer, "li.trend-item", 3);
          assertThat(viewer.executeScript("return Array.from(document.querySelectorAll('li.trend-item'))"
              + ".map(function (li) { return li.getAttribute('data-district'); })"))
              .isEqualTo(List.of(TrendEvent.CITY, "1", "11"));
          TrendEvent city = before.get(0);
          assertThat(text(viewer, "li.trend-item[data-district='CITY'] .trend-rate"))
              .isEqualTo(String.format(Locale.ROOT, "%.1f/day", city.recentRate()));
          String points = (String) viewer.executeScript("return document.querySelector(arguments[0])"
              + ".getAttribute('points')", "li.trend-item[data-district='CITY'] polyline");
          assertThat(points.split(" ")).hasSize(Math.max(2, Math.min(city.coveredDays(), city.dailyCounts().length)));
          // the chosen district's categories as a pie, one slice per category seen lately
          click(viewer, "li.trend-item[data-district='11']");
          long categoriesSeen = before.stream()
              .filter(t -> t.district().equals("11") && !t.category().equals(TrendEvent.ALL) && t.recentRate() > 0)
              .count();
          assertThat(categoriesSeen).isPositive();
          waitFor(viewer, "#category-pie .pie-slice", categoriesSeen);
          assertThat(text(viewer, "#category-chart-title")).startsWith("District 11");
          // the next day's city-wide trend arrives live
          TrendEvent next = HotspotAlerts.trend(TrendEvent.CITY, TrendEvent.ALL, day.plus(Duration.ofDays(1)));
          producer.send(new ProducerRecord<>(TRENDS, "CITY|ALL", codec.encode(next))).get();
          new WebDriverWait(viewer, WAIT).until(b -> String.format(Locale.ROOT, "%.1f/day", next.recentRate())
              .equals(text(b, "li.trend-item[data-district='CITY'] .trend-rate")));
          screenshot(viewer, "trends.png");

          // a viewer sees the explanation but no way to acknowledge
          click(viewer, item(loop));
          new WebDriverWait(viewer, WAIT).until(b -> b.findElement(By.id("hotspot-details")).isDisplayed());
          assertThat(viewer.findElements(By.id("ack-submit"))).isEmpty();

          click(dispatcher, item(loop));
          new WebDriverWait(dispatcher, WAIT).until(b -> !b.findElements(By.id("ack-submit")).isEmpty());
          new WebDriverWait(dispatcher, WAIT).ignoring(StaleElementReferenceException.class).until(b -> {
            WebElement note = b.findElement(By.id("ack-note"));
            note.clear();
            note.sendKeys(NOTE);
            return true;
          });
          click(dispatcher, "#ack-submit");
          new WebDriverWait(dispatcher, WAIT).until(b -> !b.findElements(By.id("ack-shown")).isEmpty());
          assertThat(text(dispatcher, "#ack-shown")).contains("acknowledged by dispatcher").contains(NOTE);
          assertThat(dispatcher.findElements(By.id("ack-submit"))).as("acknowledged once").isEmpty();
          screenshot(dispatcher, "ack-dispatcher.png");

          // the other screen shows it live, on the hotspot's list item
          waitFor(viewer, item(loop) + " .ack-status", 1);
          assertThat(text(viewer, item(loop) + " .ack-status")).contains("acknowledged by dispatcher").contains(NOTE);
          assertThat(count(viewer, item(englewood) + " .ack-status")).isZero();
          screenshot(viewer, "ack-viewer.png");

          // and it is still there after a reload
          dispatcher.navigate().refresh();
          waitFor(dispatcher, "li.hotspot-item", 2);
          waitFor(dispatcher, item(loop) + " .ack-status", 1);
          assertThat(text(dispatcher, item(loop) + " .ack-status")).contains(NOTE);
          screenshot(dispatcher, "ack-after-reload.png");
        } finally {
          dispatcher.quit();
          viewer.quit();
        }
      }
    }
  }

  // The page redraws its list and panels on every live message, so the helpers below read and click through
  // selectors, never through element references kept across a redraw.

  private static String item(HotspotAlert alert) {
    return "li.hotspot-item[data-hotspot-id='" + alert.hotspotId() + "']";
  }

  private static void waitFor(WebDriver browser, String selector, long count) {
    new WebDriverWait(browser, WAIT).until(b -> count(b, selector) == count);
  }

  private static long count(WebDriver browser, String selector) {
    return ((Number) ((JavascriptExecutor) browser)
        .executeScript("return document.querySelectorAll(arguments[0]).length", selector)).longValue();
  }

  /** The text of the first element matching, or null. */
  private static String text(WebDriver browser, String selector) {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "var e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
  }

  private static void click(WebDriver browser, String selector) {
    new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(b -> {
      b.findElement(By.cssSelector(selector)).click();
      return true;
    });
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
