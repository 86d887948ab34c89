package cafe.system;

import cafe.stack.LocalKeycloak;
import cafe.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser: Debian's headless Chromium driven through its chromedriver (no browser or
 * driver download), with a profile of its own that is deleted at close.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Path profile;
    private final WebDriver driver;

    Browser() {
        try {
            profile = Files.createTempDirectory("cafe-browser");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--window-size=420,900",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    Browser open(String url) {
        driver.get(url);
        return this;
    }

    /**
     * Signs in as {@code name}, a local user of Keycloak holding {@code role} (made now), on Keycloak's own login
     * page that the cafe page sends the browser to, and waits to be back, signed in.
     */
    Browser signIn(String name, String role) {
        click("#sign-in-button");
        return signInAtKeycloak(name, role);
    }

    /** Signs in on Keycloak's login page, where the cafe page has just sent the browser. */
    Browser signInAtKeycloak(String name, String role) {
        LocalStack.shared().settings().keycloak().token(name, role);
        WebElement username = await(d -> d.findElement(By.id("username")));
        username.sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(LocalKeycloak.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        await(d -> d.findElement(By.id("who")).getText().equals(name));
        return this;
    }

    /** Clicks the element once it shows; a page that redraws it meanwhile (the board does) is asked again. */
    void click(String css) {
        await(d -> {
            WebElement element = d.findElement(By.cssSelector(css));
            if (!element.isDisplayed()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    String title() {
        return driver.getTitle();
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    Select select(String css) {
        return new Select(driver.findElement(By.cssSelector(css)));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Runs a script of the test's in the page, as WebDriver does (not subject to the page's policy). */
    void run(String script) {
        ((JavascriptExecutor) driver).executeScript(script);
    }

    /** The window's size: a phone's is 360 px wide. */
    Browser resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    /** Whether the page fits the window's width, with nothing to scroll sideways. */
    boolean fitsTheWidth() {
        return (Boolean) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;");
    }

    /**
     * Moves the focus with the Tab key alone until it is on the element {@code css} names, and presses Enter
     * there; fails when 300 presses never reach it (a board holds many tickets before the one wanted).
     */
    void tabToAndPressEnter(String css) {
        Actions keyboard = new Actions(driver);
        for (int i = 0; i < 300; i++) {
            keyboard.sendKeys(Keys.TAB).perform();
            if ((Boolean) ((JavascriptExecutor) driver)
                    .executeScript("return document.activeElement.matches(arguments[0]);", css)) {
                keyboard.sendKeys(Keys.ENTER).perform();
                return;
            }
        }
        throw new AssertionError("The Tab key never reaches " + css);
    }

    /** Runs a script of the test's in the page (WebDriver's, so not subject to the page's policy): what it calls back with. */
    Object runAsync(String script) {
        driver.manage().timeouts().scriptTimeout(PATIENCE);
        return ((JavascriptExecutor) driver).executeAsyncScript(script);
    }

    /** Waits for a condition on the page, ignoring elements not there yet. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile harms nothing
        }
    }
}
