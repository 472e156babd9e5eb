package io.hotwatch.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through Debian's chromedriver: nothing is downloaded. The flags keep Chromium off the
 * network beyond loopback and let it run as root in a container.
 */
final class HeadlessChromium {

  static final Path CHROMIUM = Path.of(System.getProperty("hotwatch.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("hotwatch.chromedriver", "/usr/bin/chromedriver"));

  private HeadlessChromium() {}

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  static ChromeDriver start(Path profileDir) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profileDir.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  /**
   * Opens {@code pageUrl}, which sends a browser without a session to the login form, and logs in there; returns once
   * the map page has loaded.
   */
  static void logIn(ChromeDriver browser, String pageUrl, String user, String password) {
    browser.get(pageUrl);
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.getCurrentUrl().contains("/login.html"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("submit")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.findElements(By.id("map")).size() == 1);
  }

  /** Saves what the browser shows to {@code target/screenshots/NAME}. */
  static void screenshot(ChromeDriver browser, String name) throws Exception {
    Path shots = Files.createDirectories(Path.of("target", "screenshots"));
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shots.resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** How many elements of the page match {@code selector}. */
  static long count(JavascriptExecutor js, String selector) {
    return ((Number) js.executeScript("return document.querySelectorAll(arguments[0]).length", selector)).longValue();
  }
}
