package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo as a person sees it: the demo wiring (the same as {@code ./hotwatch demo}: embedded Kafka, the Flink job,
 * the dashboard, the bundled month replayed at the default speed), and Debian's headless Chromium on its page, which
 * must draw the police districts and then hotspot cells within 60 seconds, then a hotspot corroborated by the
 * simulated social stream, marked simulated.
 */
class DemoBrowserTest {

  private static final Path HOME = Path.of(System.getProperty("hotwatch.home", ".."));

  @Test
  void hotspotCellsAppearOnTheMapWithinAMinute(@TempDir Path profile) throws Exception {
    // CI installs chromium and chromium-driver (.ci/run); elsewhere this is the one test that needs them.
    assumeTrue(HeadlessChromium.available(), "Debian's chromium and chromedriver are not installed");
    Demo.Settings settings = Demo.Settings.bundled(HOME, 0, ReplaySpeed.parse(DemoCommand.DEFAULT_SPEED));
    try (Demo demo = Demo.start(settings)) {
      ChromeDriver browser = HeadlessChromium.start(profile);
      try {
        long opened = System.nanoTime();
        HeadlessChromium.logIn(browser, demo.url(), "dispatcher", demo.logins().password());
        JavascriptExecutor js = browser;
        // Chicago's 25 police districts, from the GeoJSON shipped with the dashboard
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(b -> count(js, "path.district") == 25);
        new WebDriverWait(browser, Duration.ofSeconds(60))
            .until(b -> count(js, ".hotspot-cell") > 0);
        Duration firstHotspot = Duration.ofNanos(System.nanoTime() - opened);
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, shots.resolve("demo-hotspots.png"), StandardCopyOption.REPLACE_EXISTING);
        long cells = count(js, ".hotspot-cell");
        assertThat(cells).isPositive();
        assertThat(firstHotspot).isLessThan(Duration.ofSeconds(60));
        System.out.printf(
            "first hotspot cell on the page after %d ms; %d cells shown%n", firstHotspot.toMillis(), cells);

        // the simulated social stream, scored by the job, corroborates hotspots, and the page says it is simulated;
        // every listed hotspot has a count, 0 for one no post backs (yet: posts join alerts as they arrive)
        new WebDriverWait(browser, Duration.ofSeconds(90))
            .until(b -> count(js, "#hotspot-list .corroboration-count") > 0
                && !corroborated(browser).isEmpty());
        Duration firstCorroboration = Duration.ofNanos(System.nanoTime() - opened);
        assertThat(corroborated(browser).get(0)).matches("[1-9]\\d* related social posts? simulated");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shots.resolve("demo-corroborated.png"),
            StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("first corroborated hotspot on the page after %d ms%n", firstCorroboration.toMillis());
      } finally {
        browser.quit();
      }
    }
  }

  /** Texts of the listed hotspots' post counts that are not 0, read in one script (the list is redrawn as it goes). */
  private static List<String> corroborated(ChromeDriver browser) {
    Object texts = browser.executeScript(
        "return Array.from(document.querySelectorAll('#hotspot-list .corroboration-count'))"
            + ".map(e => e.innerText.trim()).filter(t => !t.startsWith('0 '))");
    return ((List<?>) texts).stream().map(String::valueOf).toList();
  }

  private static long count(JavascriptExecutor js, String selector) {
    return ((Number) js.executeScript("return document.querySelectorAll(arguments[0]).length", selector)).longValue();
  }
}
