package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The replay page as an analyst uses it, in Debian's headless Chromium against the demo wiring (nothing replayed
 * live): from the live page's link to the replay page, the bundled month's span shown, a five-day replay at an hour a
 * second started, its hotspots drawn on the map under the REPLAY banner while its clock runs, then stopped.
 */
class ReplayPageBrowserTest {

  private static final Path HOME = Path.of(System.getProperty("hotwatch.home", ".."));

  @Test
  void anAnalystStartsWatchesAndStopsAReplay(@TempDir Path profile) throws Exception {
    assumeTrue(HeadlessChromium.available(), "Debian's chromium and chromedriver are not installed");
    try (Demo demo = Demo.startWithoutReplay(Demo.Settings.bundled(HOME, 0, ReplaySpeed.MAX))) {
      ChromeDriver browser = HeadlessChromium.start(profile);
      try {
        HeadlessChromium.logIn(browser, demo.url(), "analyst", demo.logins().password());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(b -> b.findElement(By.id("replay-link")).isDisplayed());
        browser.findElement(By.id("replay-link")).click();
        wait.until(b -> b.getCurrentUrl().endsWith("/replay.html"));
        assertThat(browser.findElement(By.id("replay-banner")).getText()).contains("REPLAY");
        wait.until(b -> b.findElement(By.id("dataset-span")).getText().contains("incidents"));
        assertThat(browser.findElement(By.id("dataset-span")).getText()).contains("2017-07-01");
        assertThat(browser.findElement(By.id("from")).getAttribute("value")).startsWith("2017-07-01T");

        // five days from July 4th (the month's first hotspots open that day; a run starts with no history) at an hour
        // a second: hotspots within a minute, still running when it is stopped
        JavascriptExecutor js = browser;
        js.executeScript("document.getElementById('from').value = '2017-07-04T05:00';"
            + " document.getElementById('to').value = '2017-07-09T05:00'");
        new Select(browser.findElement(By.id("speed"))).selectByValue("3600");
        browser.findElement(By.id("start")).click();
        new WebDriverWait(browser, Duration.ofSeconds(100))
            .until(b -> count(js, ".hotspot-cell.replay") > 0);
        assertThat(browser.findElement(By.id("run-state")).getText()).startsWith("REPLAY running");
        assertThat(browser.findElement(By.id("run-clock")).getText()).startsWith("2017-07-0");
        assertThat(count(js, "#hotspot-list li")).isEqualTo(count(js, ".hotspot-cell.replay"));
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shots.resolve("replay-running.png"),
            StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.id("stop")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
            .until(b -> b.findElement(By.id("run-state")).getText().startsWith("REPLAY stopped"));
        assertThat(browser.findElement(By.id("run-state")).getText()).contains("stopped by analyst");
      } finally {
        browser.quit();
      }
    }
  }

  private static long count(JavascriptExecutor js, String selector) {
    return ((Number) js.executeScript("return document.querySelectorAll(arguments[0]).length", selector)).longValue();
  }
}
