package org.skillpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.skillpath.dashboard.DashboardWebApplication;
import org.skillpath.issuer.PeopleDirectory;
import org.skillpath.localstack.RunningSystem.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The manager dashboard in a real headless browser (Debian's chromium, driven through its chromedriver) against
 * the four running services and the real token issuer: people sign in through the issuer's login form, the
 * pages read and act through the services' APIs with their tokens. A manager sees the seeded team and drills
 * into a report; an employee checks in a step and the manager's view follows; an L&amp;D admin sees the
 * organisation's gaps; on a phone-sized screen the team fits without sideways scrolling.
 *
 * <p>Screenshots go to {@code target/screenshots}; with {@code -Dskillpath.screenshots.update=true} the
 * manager's team overview also replaces {@code docs/images/dashboard.png} (the README's screenshot).
 */
class DashboardBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path README_SCREENSHOT = Path.of("..", "docs", "images", "dashboard.png");
    static final String PASSWORD = "dashboard-test";
    static final ObjectMapper JSON = JsonMapper.builder().build();

    record Person(String userName, String name, String personId, String org, List<String> roles) {
    }

    /** One organisation per run: a manager with three assessed reports, and an L&amp;D admin. */
    record Seeded(String org, Person manager, Person alice, Person dave, Person erin, Person admin) {
        List<Person> reports() {
            return List.of(alice, dave, erin);
        }
    }

    static RunningSystem system;
    static DashboardWebApplication.Running dashboard;
    static Seeded team;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void startEverything() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need Debian's chromium and chromedriver (apt-get install chromium chromium-driver); "
                        + "missing " + (Files.isExecutable(CHROMIUM) ? CHROMEDRIVER : CHROMIUM));
        system = RunningSystem.shared();
        team = seed();
        // any free loopback port: the issuer accepts the registered 127.0.0.1 redirect URI on every port (RFC 8252)
        dashboard = DashboardWebApplication.start(0, system.issuer.issuerUrl(), system.baseUrl(Service.PLAN),
                system.baseUrl(Service.PROGRESS));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopDashboard() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        // never Selenium Manager: the driver and the browser are the system's, named explicitly
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=en-GB", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("skillpath-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws IOException {
        if (browser != null) {
            screenshot("last-" + test.getTestMethod().orElseThrow().getName());
            browser.quit();
        }
    }

    @Test
    void aManagerSignsInSeesTheTeamAndOpensAReportsPlanWithItsReasons() throws Exception {
        signIn(team.manager());

        assertThat(browser.getCurrentUrl()).isEqualTo(dashboard.url() + "/team");
        assertThat(text(By.tagName("h1"))).isEqualTo("My team");
        for (Person report : team.reports()) {
            WebElement card = card(report);
            assertThat(card.findElement(By.tagName("h3")).getText()).isEqualTo(report.name());
            assertThat(card.getText()).containsPattern("\\d+ of \\d+ steps done \\(\\d+[ \\u00a0]%\\)").contains("Top gaps");
            assertThat(card.findElement(By.tagName("progress")).getAttribute("value")).matches("\\d+");
        }
        // Alice's plan is untouched by the other tests (Erin is the one who checks in)
        assertThat(card(team.alice()).getText()).containsPattern("0 of \\d+ steps done \\(0[ \\u00a0]%\\)");
        WebElement heatMap = browser.findElement(By.cssSelector("svg.heatmap"));
        assertThat(heatMap.findElements(By.cssSelector("g[role=img]")).stream().map(g -> g.getAttribute("aria-label")))
                .anyMatch(label -> label.startsWith(team.alice().name() + ", Conflict resolution: current "))
                .anyMatch(label -> label.startsWith("Team average, "));
        assertAccessibleBasics();
        fullPageScreenshot("team-laptop");
        if (Boolean.getBoolean("skillpath.screenshots.update")) {
            Files.createDirectories(README_SCREENSHOT.getParent());
            Files.copy(SCREENSHOTS.resolve("team-laptop.png"), README_SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        }

        // keyboard only: the skip link comes first, then Tab reaches Alice's card, Enter opens her plan
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to main content");
        tabTo(team.alice().name()).sendKeys(Keys.ENTER);
        wait.until(d -> d.getCurrentUrl().endsWith("/people/" + team.alice().personId()));

        assertThat(text(By.tagName("h1"))).isEqualTo(team.alice().name());
        JsonNode plan = planOf(team.alice());
        List<WebElement> steps = browser.findElements(By.cssSelector("li.step"));
        assertThat(steps).hasSize(plan.get("steps").size());
        for (JsonNode step : plan.get("steps")) {
            WebElement li = browser.findElement(By.id("step-" + step.get("stepId").asString()));
            assertThat(li.findElement(By.className("step-title")).getText()).isEqualTo(step.get("title").asString());
            assertThat(li.findElement(By.className("reason")).getText())
                    .isEqualTo("Why this step: " + step.get("reason").asString());
            assertThat(li.findElement(By.className("status")).getText()).isEqualTo("Not started");
        }
        assertThat(browser.findElements(By.cssSelector("form.check-in"))).as("only the person checks in").isEmpty();
        assertAccessibleBasics();
        screenshot("report-drill-down");

        // the services' rules, not the dashboard's: someone outside the team is not there for this manager
        browser.navigate().to(dashboard.url() + "/people/" + team.admin().personId());
        assertThat(text(By.tagName("h1"))).isEqualTo("Not found");
    }

    @Test
    void anEmployeeChecksInAStepAndTheManagersViewFollows() throws Exception {
        Person erin = team.erin();
        JsonNode step = firstStep(erin);
        String stepId = step.get("stepId").asString();
        String reflection = "Ran the retro with the new listening checklist " + UUID.randomUUID();

        signIn(erin);
        assertThat(browser.getCurrentUrl()).isEqualTo(dashboard.url() + "/me");
        assertThat(browser.findElements(By.linkText("My team"))).as("no team in the navigation").isEmpty();
        browser.navigate().to(dashboard.url() + "/team");
        assertThat(text(By.tagName("h1"))).as("progress-service refuses the team to an employee")
                .isEqualTo("Not for you to see");
        browser.navigate().to(dashboard.url() + "/me");
        WebElement li = browser.findElement(By.id("step-" + stepId));
        li.findElement(By.tagName("textarea")).sendKeys(reflection);
        // through the label: it is tied to its checkbox
        li.findElement(By.cssSelector("label[for='complete-" + stepId + "']")).click();
        assertThat(li.findElement(By.id("complete-" + stepId)).isSelected()).isTrue();
        li.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(d -> d.getCurrentUrl().endsWith("/me#step-" + stepId));
        assertThat(text(By.cssSelector(".notice.success"))).isEqualTo("Done: Checked in and reported the step done.");
        assertThat(browser.findElement(By.id("step-" + stepId)).findElement(By.className("status")).getText())
                .isEqualTo("Done");
        screenshot("employee-checked-in");
        JsonNode portfolio = JSON.readTree(system.get(Service.PROGRESS, "/api/progress/people/" + erin.personId()
                + "/portfolio", token(team.manager())).body());
        assertThat(portfolio.toString()).contains(reflection);

        signOut();
        signIn(team.manager());
        // the dashboard's read model follows the step.completed event: fresh page loads until it shows
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.navigate().to(dashboard.url() + "/team");
            assertThat(card(erin).getText()).containsPattern("1 of \\d+ steps done");
        });
        assertThat(Integer.parseInt(card(erin).findElement(By.tagName("progress")).getAttribute("value"))).isPositive();
        card(erin).findElement(By.linkText(erin.name())).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/people/" + erin.personId()));
        assertThat(browser.findElement(By.id("step-" + stepId)).findElement(By.className("status")).getText())
                .isEqualTo("Done");
        screenshot("manager-after-check-in");
    }

    @Test
    void anLdAdminSeesTheOrganisationsGapsBySkill() throws Exception {
        signIn(team.admin());

        assertThat(browser.getCurrentUrl()).isEqualTo(dashboard.url() + "/organisation");
        assertThat(text(By.tagName("h1"))).isEqualTo("Organisation");
        List<String> skills = browser.findElements(By.cssSelector("#gaps-table tbody th")).stream()
                .map(WebElement::getText).toList();
        assertThat(skills).contains("Conflict resolution", "Budgeting");
        assertThat(browser.findElements(By.cssSelector("svg.bars g[role=img]"))).hasSize(skills.size());
        assertAccessibleBasics();
        screenshot("organisation");

        WebElement department = browser.findElement(By.cssSelector("label[for=department]"));
        assertThat(department.getText()).isEqualTo("Department");
        browser.findElement(By.id("department")).sendKeys("Delivery", Keys.ENTER);
        wait.until(d -> d.getCurrentUrl().contains("department=Delivery"));
        assertThat(browser.findElements(By.cssSelector("#gaps-table tbody th"))).isNotEmpty();
    }

    @Test
    void onAPhoneTheTeamFitsTheScreenWithoutSidewaysScrolling() throws Exception {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 2, "mobile", true));
        signIn(team.manager());

        assertThat(text(By.tagName("h1"))).isEqualTo("My team");
        long viewport = number("return window.innerWidth");
        assertThat(viewport).isEqualTo(375);
        assertThat(number("return document.documentElement.scrollWidth")).as("page width").isLessThanOrEqualTo(viewport);
        for (Person report : team.reports()) {
            WebElement card = card(report);
            assertThat(card.isDisplayed()).isTrue();
            assertThat(card.getRect().getX() + card.getRect().getWidth()).isLessThanOrEqualTo((int) viewport);
        }
        screenshot("team-phone");
    }

    // ---- the browser ----

    void signIn(Person person) {
        browser.navigate().to(dashboard.url() + "/");
        wait.until(d -> d.getCurrentUrl().startsWith(system.issuer.issuerUrl() + "/login"));
        browser.findElement(By.id("username")).sendKeys(person.userName());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(dashboard.url() + "/") && !d.findElements(By.tagName("h1")).isEmpty());
        assertThat(text(By.cssSelector(".account .who"))).isEqualTo("Signed in as " + person.name());
    }

    /**
     * Signs out through the dashboard, which ends the issuer's session too and comes back to /signed-out; the next
     * {@link #signIn} then proves it, since it expects the issuer's login form rather than a silent sign-in.
     */
    void signOut() {
        browser.findElement(By.cssSelector(".account button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().equals(dashboard.url() + "/signed-out"));
        assertThat(text(By.tagName("h1"))).isEqualTo("You are signed out");
    }

    WebElement card(Person person) {
        return browser.findElement(By.cssSelector("li.member[data-person-id='" + person.personId() + "']"));
    }

    WebElement tabTo(String text) {
        for (int i = 0; i < 30; i++) {
            WebElement focused = browser.switchTo().activeElement();
            if (text.equals(focused.getText())) {
                return focused;
            }
            focused.sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + text);
    }

    String text(By by) {
        return browser.findElement(by).getText();
    }

    long number(String script) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script)).longValue();
    }

    /** Checks any page can: language, one h1, no skipped heading level, a label for every control, named charts. */
    @SuppressWarnings("unchecked")
    void assertAccessibleBasics() {
        Map<String, Object> report = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]));
                const controls = [...document.querySelectorAll('input:not([type=hidden]),textarea,select')];
                const images = [...document.querySelectorAll('svg [role=img]')];
                return {
                  lang: document.documentElement.lang,
                  h1: headings.filter(h => h === 1).length,
                  skipped: headings.some((h, i) => i > 0 && h > headings[i - 1] + 1),
                  unlabelled: controls.filter(c => c.labels.length === 0).map(c => c.name),
                  unnamedImages: images.filter(i => !i.getAttribute('aria-label')).length,
                  main: document.querySelectorAll('main').length,
                  nav: document.querySelectorAll('nav').length
                };""");
        assertThat(report.get("lang")).isEqualTo("en");
        assertThat(report.get("h1")).isEqualTo(1L);
        assertThat(report.get("skipped")).isEqualTo(false);
        assertThat((List<String>) report.get("unlabelled")).isEmpty();
        assertThat(report.get("unnamedImages")).isEqualTo(0L);
        assertThat(report.get("main")).isEqualTo(1L);
        assertThat(report.get("nav")).isEqualTo(1L);
    }

    /** The whole page at the window's width, beyond the viewport (Chrome's own full-page capture). */
    void fullPageScreenshot(String name) throws IOException {
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "scale", 1,
                        "width", number("return document.documentElement.scrollWidth"),
                        "height", number("return document.documentElement.scrollHeight"))));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- the seeded organisation, through the public APIs ----

    static Seeded seed() throws Exception {
        String org = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        // the demo organisation's names (DemoData), so the README's screenshot reads like the demo
        Person manager = createPerson(org, "bob-" + suffix, "Bob Manager", "Delivery", null,
                List.of("EMPLOYEE", "MANAGER"));
        Person alice = createPerson(org, "alice-" + suffix, "Alice Specialist", "Delivery", manager, List.of("EMPLOYEE"));
        Person dave = createPerson(org, "dave-" + suffix, "Dave Developer", "Delivery", manager, List.of("EMPLOYEE"));
        Person erin = createPerson(org, "erin-" + suffix, "Erin Engineer", "Delivery", manager, List.of("EMPLOYEE"));
        Person admin = createPerson(org, "lee-" + suffix, "Lee Learning", "People Operations", null,
                List.of("EMPLOYEE", "LD_ADMIN"));
        Seeded seeded = new Seeded(org, manager, alice, dave, erin, admin);

        List<PeopleDirectory.Person> directory = new ArrayList<>();
        for (Person p : List.of(manager, alice, dave, erin, admin)) {
            directory.add(new PeopleDirectory.Person(p.userName(), PASSWORD, p.personId(), org, p.roles(), p.name()));
        }
        PeopleDirectory.write(system.issuer.directoryFile(), directory);

        // self and manager ratings (conflict resolution, budgeting, active listening): different gaps per person
        assess(seeded, alice, new int[] {2, 3, 4}, new int[] {2, 2, 4});
        assess(seeded, dave, new int[] {3, 2, 3}, new int[] {2, 1, 3});
        assess(seeded, erin, new int[] {3, 4, 2}, new int[] {3, 3, 2});

        // plans are made and projected asynchronously: wait until the manager's dashboard shows all three
        String managerToken = token(manager);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = system.get(Service.PROGRESS, "/api/dashboard/team", managerToken);
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode items = JSON.readTree(response.body()).get("members").get("items");
            int ready = 0;
            for (JsonNode m : items) {
                if (m.hasNonNull("displayName") && m.hasNonNull("activePlan") && m.get("topGaps").size() > 0) {
                    ready++;
                }
            }
            return ready == 3;
        });
        for (Person report : seeded.reports()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                    system.get(Service.PLAN, "/api/plans?personId=" + report.personId(), managerToken).statusCode() == 200
                            && JSON.readTree(system.get(Service.PROGRESS, "/api/progress?personId=" + report.personId(),
                            managerToken).body()).path("totalItems").asLong() == 1);
        }
        return seeded;
    }

    static Person createPerson(String org, String userName, String name, String department, Person manager,
                               List<String> roles) throws Exception {
        String body = JSON.writeValueAsString(manager == null
                ? Map.of("userName", userName, "displayName", name, "email", userName + "@example.com",
                "department", department)
                : Map.of("userName", userName, "displayName", name, "email", userName + "@example.com",
                "department", department, "managerId", manager.personId()));
        var response = system.post(Service.ASSESSMENT, "/api/people", system.hr(org), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new Person(userName, name, JSON.readTree(response.body()).get("personId").asString(), org, roles);
    }

    static void assess(Seeded seeded, Person person, int[] self, int[] manager) throws Exception {
        String json = """
                {"personId":"%s","roleProfileId":"team-lead","ratings":[
                  {"raterId":"%s","group":"SELF","scores":{"conflict-resolution":%d,"budgeting":%d,"active-listening":%d}},
                  {"raterId":"%s","group":"MANAGER","scores":{"conflict-resolution":%d,"budgeting":%d,"active-listening":%d}}]}
                """.formatted(person.personId(), person.personId(), self[0], self[1], self[2],
                seeded.manager().personId(), manager[0], manager[1], manager[2]);
        var response = system.post(Service.ASSESSMENT, "/api/assessments", token(seeded.admin()), json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    static String token(Person person) {
        return system.person(person.org(), person.personId(), person.roles().toArray(String[]::new));
    }

    /** plan-service's plan of the person (its steps with their reasons). */
    static JsonNode planOf(Person person) throws Exception {
        JsonNode plans = JSON.readTree(system.get(Service.PLAN, "/api/plans?personId=" + person.personId(),
                token(team.manager())).body());
        return plans.get("items").get(0);
    }

    /** The first step the person can complete by checking in (practice waits for the manager's confirmation). */
    static JsonNode firstStep(Person person) throws Exception {
        JsonNode progress = JSON.readTree(system.get(Service.PROGRESS, "/api/progress?personId=" + person.personId(),
                token(team.manager())).body()).get("items").get(0);
        for (JsonNode step : progress.get("steps")) {
            if (!"PRACTICE".equals(step.get("format").asString()) && "NOT_STARTED".equals(step.get("status").asString())) {
                return step;
            }
        }
        throw new AssertionError("no step to check in on: " + progress);
    }
}
