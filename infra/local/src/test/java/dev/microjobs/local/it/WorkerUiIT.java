package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The worker UI in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which CI installs): sign in, claim, fix the draft, submit, earnings; hostile task data shown as
 * text; a phone-sized screen. Screenshots go to {@code target/screenshots}.
 */
class WorkerUiIT extends WorkerStackTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)>";

    private static WebDriver browser;
    private static String business;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            fail("WorkerUiIT needs a real browser: install Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver) so that " + CHROMIUM + " and " + CHROMEDRIVER + " exist");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory("worker-ui-it"), "--window-size=1280,900");
        // The driver is given, so Selenium Manager never tries to download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
        business = newBusiness(100_000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void freshPage() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(stack.apiUrl() + "/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        waitFor(By.id("token"));
    }

    @Test
    void signInClaimFixTheDraftSubmitAndSeeTheEarnings() throws IOException {
        List<String> taskIds = readyJob(business, Map.of("skills", List.of("ui-flow"),
                "draft", Map.of("provider", "offline")), 1);
        String token = newWorker("ui-flow").token();

        signIn(token);
        waitForText(By.id("queue-total"), "1 task you can claim");
        browser.findElement(By.id("claim")).click();
        WebElement output = waitFor(By.id("output"));
        assertEquals("AI draft", browser.findElement(By.id("output-label")).getText());
        assertEquals("Taglines for a coffee brand", browser.findElement(By.id("task-title")).getText());
        String draft = output.getAttribute("value");
        assertTrue(draft.lines().count() >= 1, "the offline draft's taglines, one per line: " + draft);
        assertTrue(browser.findElement(By.id("countdown")).getText().matches("\\d+:\\d\\d"));
        screenshot("claimed-task");

        output.sendKeys(Keys.END, Keys.ENTER, "Brewed for you");
        output.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        waitForText(By.id("message"), "Nothing to claim right now");

        JsonNode submission = task(business, taskIds.get(0)).get("submission");
        assertEquals("edited", submission.get("draftUsed").asText());
        assertTrue(submission.get("output").isArray(), submission.toString());
        JsonNode lines = submission.get("output");
        assertEquals("Brewed for you", lines.get(lines.size() - 1).asText());
        assertTrue(submission.get("editRatio").asDouble() > 0);

        browser.findElement(By.id("nav-earnings")).click();
        waitForText(By.id("earnings-pending"), "0.30");
        assertTrue(browser.findElement(By.id("recent")).getText().contains("Taglines for a coffee brand"));
        screenshot("earnings");
    }

    @Test
    void taskDataIsShownAsTextAndNeverRun() throws IOException {
        readyJob(business, Map.of("skills", List.of("ui-hostile"), "title", "Taglines " + HOSTILE,
                "instructions", "Read this: " + HOSTILE,
                "inputs", List.of(Map.of("brief", "Brief " + HOSTILE))), 1);
        signIn(newWorker("ui-hostile").token());
        waitForText(By.id("queue-total"), "1 task you can claim");

        browser.findElement(By.id("claim")).click();
        waitFor(By.id("output"));

        assertEquals("Taglines " + HOSTILE, browser.findElement(By.id("task-title")).getText());
        assertEquals("Read this: " + HOSTILE, browser.findElement(By.id("task-instructions")).getText());
        assertTrue(browser.findElement(By.id("task-input")).getText().contains("Brief " + HOSTILE));
        assertEquals(0, browser.findElements(By.cssSelector("#task script, #task img")).size(),
                "no element was made from task data");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        screenshot("hostile-task");
    }

    @Test
    void fitsAPhoneScreen375PixelsWide() throws IOException {
        readyJob(business, Map.of("skills", List.of("ui-phone"), "draft", Map.of("provider", "offline")), 1);
        browser.manage().window().setSize(new Dimension(375, 812));
        signIn(newWorker("ui-phone").token());
        waitForText(By.id("queue-total"), "1 task you can claim");
        browser.findElement(By.id("claim")).click();
        waitFor(By.id("output"));

        JavascriptExecutor js = (JavascriptExecutor) browser;
        long viewport = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        long content = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        assertTrue(viewport <= 375, "viewport " + viewport);
        assertEquals(viewport, content, "nothing sticks out sideways");
        for (String id : List.of("output", "submit", "extend", "release", "claim")) {
            WebElement element = browser.findElement(By.id(id));
            assertTrue(element.getRect().getX() + element.getRect().getWidth() <= viewport, id + " fits the width");
        }
        screenshot("phone-375");
    }

    private static void signIn(String token) {
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        waitFor(By.id("claim"));
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static void waitForText(By locator, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
