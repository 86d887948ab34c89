package cafe.system;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The café's two screens in a real browser, through the one address: a visitor sees the menu and prices and
 * signs in only at "Order and pay", the choice kept; a customer orders and watches the coffee become READY
 * (and is told so) while it comes, live and with the customer's name, to the board in a second browser,
 * where another barista's start shows unasked, and the barista finishes it and hands it over; another
 * customer cancels and sees the refund; signing out ends the session at Keycloak; markup slipped into
 * a page runs no script; at 360 px every screen passes axe-core's WCAG 2.1 AA rules and works with the
 * keyboard alone; an operator sees each service at /ops and replays a dead letter, where a customer sees
 * nothing. Screenshots of the pages go to target/screenshots (docs/ keeps a copy for the README).
 */
class PagesIT {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final RunningSystem system = RunningSystem.shared();
    private final Cafe cafe = new Cafe(system);

    @BeforeAll
    static void chromium() {
        assumeTrue(
                Browser.installed(),
                "Debian's chromium and chromium-driver are not installed: apt-get install -y chromium chromium-driver"
                        + " (.ci/run installs them)");
    }

    @Test
    void aCustomerWatchesTheOrderBecomeReadyWhileTheBaristaMakesItAndHandsItOver() {
        try (Browser customer = new Browser();
                Browser barista = new Browser()) {
            // the board is open before the order exists: the ticket must come to it, live
            barista.open(system.edgeUrl() + "/barista").signIn("bea", "barista");
            barista.await(page -> barista.text("#queued-count").startsWith("("));

            customer.open(system.edgeUrl() + "/").signIn("ana", "customer");
            customer.await(page -> customer.select("#menu-item").getOptions().size() > 1);
            customer.select("#menu-item").selectByIndex(1);
            customer.find("#qty").clear();
            customer.find("#qty").sendKeys("2");
            customer.click("#place-order");
            String orderId =
                    customer.await(page -> customer.find("li[data-order-id]").getAttribute("data-order-id"));
            assertThat(customer.text("#message"), containsString("Paid"));
            String card = "li[data-order-id='" + orderId + "']";
            customer.await(page -> customer.text(card + " .status").equals("PLACED"));

            String ticket = "li[data-order-id='" + orderId + "']";
            barista.await(page -> barista.present("#queued " + ticket + " button.start"));
            assertThat("the name to call out", barista.text(ticket + " .who"), equalTo("Ana Local"));
            assertThat(barista.text(ticket + " .what"), equalTo(customer.text(card + " h3")));
            assertThat(barista.text(ticket + " .waited"), startsWith("waiting"));
            barista.screenshot(SCREENSHOTS.resolve("barista.png"));

            // another barista starts it: this board shows the move without a click of its own
            cafe.startBrewing(barista.find(ticket).getAttribute("data-ticket-id"))
                    .then()
                    .statusCode(200);
            barista.await(page -> barista.present("#brewing " + ticket + " button.finish"));
            customer.await(page -> customer.text(card + " .status").equals("BREWING"));
            barista.click(ticket + " button.finish");
            barista.await(page -> barista.present("#ready " + ticket + " button.hand-over"));

            customer.await(page -> customer.text(card + " .status").equals("READY"));
            assertThat(customer.present(card + " button.cancel"), equalTo(false));
            // told without looking at the card: the message, and the tab's title (no notification allowed here)
            assertThat(customer.text("#message"), containsString("is ready"));
            assertThat(customer.title(), startsWith("Ready: 2 × "));
            customer.screenshot(SCREENSHOTS.resolve("customer.png"));

            barista.click(ticket + " button.hand-over");
            barista.await(page -> !barista.present(ticket));
            customer.await(page -> customer.text(card + " .status").equals("HANDED_OVER"));
        }
    }

    /**
     * On a phone's 360 px, every screen, signed out and signed in, with and without an order or a ticket,
     * has nothing axe-core counts against WCAG 2.1 A and AA and nothing to scroll sideways; a customer orders
     * and a barista starts the drink with the keyboard alone.
     */
    @Test
    void everyScreenPassesAxeAtPhoneWidthAndWorksWithTheKeyboardAlone() {
        assumeTrue(Axe.available(), "axe-core needs npm to install it: apt-get install -y npm (.ci/run installs it)");
        try (Browser customer = new Browser().resize(360, 800);
                Browser barista = new Browser().resize(360, 800)) {
            customer.open(system.edgeUrl() + "/");
            customer.await(page -> customer.select("#menu-item").getOptions().size() > 1);
            assertAccessible(customer, "the customer's page to a visitor");
            barista.open(system.edgeUrl() + "/barista");
            barista.await(page -> barista.find("#sign-in").isDisplayed());
            assertAccessible(barista, "the barista board, signed out");

            customer.signIn("kim", "customer");
            customer.await(page -> customer.select("#menu-item").getOptions().size() > 1);
            customer.tabToAndPressEnter("#place-order");
            String orderId =
                    customer.await(page -> customer.find("li[data-order-id]").getAttribute("data-order-id"));
            String ticket = "li[data-order-id='" + orderId + "']";
            customer.await(page -> customer.text(ticket + " .status").equals("PLACED"));
            assertAccessible(customer, "the customer's page with an order");

            barista.signIn("ben", "barista");
            barista.await(page -> barista.present("#queued " + ticket + " button.start"));
            assertAccessible(barista, "the barista board with a ticket");
            barista.tabToAndPressEnter("#queued " + ticket + " button.start");
            barista.await(page -> barista.present("#brewing " + ticket));
            customer.await(page -> customer.text(ticket + " .status").equals("BREWING"));
        }
    }

    /**
     * An operator sees each service's health and the payment circuit at /ops, finds barista's dead letter
     * (an order an outage dead-lettered) and replays it, which queues its ticket; a customer signed in there
     * gets no operator data. The console passes axe-core too.
     */
    @Test
    void anOperatorSeesEachServiceAndReplaysADeadLetterWhileACustomerSeesNothing() {
        // against the containers the tests only call the café: nothing is dead-lettered there, and the replay
        // is asked of what the topic holds
        String orderId = RunningSystem.IN_CONTAINERS ? null : Cafe.deadLetteredAtBarista("c-ops");
        try (Browser operator = new Browser();
                Browser customer = new Browser()) {
            operator.open(system.edgeUrl() + "/ops");
            operator.await(page -> operator.find("#sign-in").isDisplayed());
            if (Axe.available()) {
                assertAccessible(operator.resize(360, 800), "the operators' console, signed out");
            }
            operator.signIn("olga", "admin");
            String barista = "li[data-service='barista-service']";
            operator.await(page -> operator.present(barista + " .health"));
            for (String service : List.of("order-service", "payment-service", "barista-service", "status-service")) {
                String health = "li[data-service='" + service + "'] .health";
                operator.await(page -> List.of("UP", "DOWN").contains(operator.text(health)));
            }
            assertThat(
                    operator.text("li[data-service='order-service'] .checks"),
                    containsString("payment-circuit UP · state "));
            assertThat(operator.text("li[data-service='order-service'] .checks"), containsString("outbox"));
            if (orderId != null) {
                // a dead letter waiting is a wellness check down: the operator's attention
                operator.await(page -> {
                    operator.click("#refresh");
                    return operator.text(barista + " .checks").contains("dead-letters DOWN");
                });
            }
            if (Axe.available()) {
                assertAccessible(operator, "the operators' console");
            }
            operator.screenshot(SCREENSHOTS.resolve("ops.png"));

            operator.click(barista + " button.replay");
            operator.await(page -> operator.text("#message").startsWith("barista-service: "));
            assertThat(operator.text("#message"), containsString("applied"));
            if (orderId != null) {
                assertThat(
                        "the replayed order is queued",
                        cafe.awaitTicket(orderId).get("status"),
                        equalTo("QUEUED"));
                operator.await(
                        page -> operator.text(barista + " .dead-letters").startsWith("Dead letters: 0 to replay"));
            }

            customer.open(system.edgeUrl() + "/ops").signIn("cal", "customer");
            customer.await(page -> customer.text("#message").equals("This console is for operators."));
            assertThat(customer.present("li[data-service]"), equalTo(false));
        }
    }

    private static void assertAccessible(Browser browser, String screen) {
        assertThat(screen + ": axe-core's WCAG 2.1 AA violations", Axe.violations(browser), equalTo(List.of()));
        assertThat(screen + " fits 360 px", browser.fitsTheWidth(), equalTo(true));
    }

    @Test
    void aVisitorSeesTheMenuWithPricesAndSignsInAtOrderAndPayWithoutLosingTheChoice() {
        try (Browser visitor = new Browser()) {
            visitor.open(system.edgeUrl() + "/");
            visitor.await(page -> visitor.select("#menu-item").getOptions().size() > 2);
            assertThat(visitor.select("#menu-item").getOptions().get(2).getText(), containsString("€"));
            assertThat(visitor.present("#my-orders:not([hidden])"), equalTo(false));
            visitor.select("#menu-item").selectByIndex(2);
            String drink = visitor.select("#menu-item")
                    .getFirstSelectedOption()
                    .getText()
                    .split(" · ")[0];
            visitor.find("#qty").clear();
            visitor.find("#qty").sendKeys("3");

            visitor.click("#place-order");
            visitor.signInAtKeycloak("eve", "customer");

            String orderId =
                    visitor.await(page -> visitor.find("li[data-order-id]").getAttribute("data-order-id"));
            assertThat(visitor.text("li[data-order-id='" + orderId + "'] h3"), equalTo("3 × " + drink));
            assertThat(visitor.text("#message"), containsString("Paid"));
        }
    }

    @Test
    void signingOutEndsTheSessionAtTheProviderSoTheNextSignInAsks() {
        try (Browser customer = new Browser()) {
            customer.open(system.edgeUrl() + "/").signIn("dee", "customer");
            // the tab forgets its token, as when it expires: the provider's session signs dee in again unasked
            customer.runAsync("sessionStorage.clear(); arguments[arguments.length - 1](true);");
            customer.open(system.edgeUrl() + "/");
            customer.click("#sign-in-button");
            customer.await(page -> customer.text("#who").equals("dee"));

            customer.click("#sign-out");
            customer.await(page -> customer.find("#sign-in").isDisplayed());
            customer.click("#sign-in-button");
            customer.await(page -> customer.present("#username"));
        }
    }

    @Test
    void markupThatReachesAPageRunsNoScript() {
        try (Browser visitor = new Browser()) {
            visitor.open(system.edgeUrl() + "/");
            // as if an order's data had been written into the page as HTML: its inline handler must not run
            Object outcome = visitor.runAsync("""
                    const answer = arguments[arguments.length - 1];
                    document.addEventListener('securitypolicyviolation', (e) => answer('refused by ' + e.violatedDirective));
                    setInterval(() => window.injected && answer('ran'), 50);
                    const data = document.createElement('div');
                    data.innerHTML = '<img src="/ui/no-such-image.png" onerror="window.injected = true">';
                    document.body.append(data);
                    """);
            assertThat(String.valueOf(outcome), startsWith("refused by script-src"));
        }
    }

    @Test
    void aCustomerCancelsAndSeesTheRefundAndTheBoardDropsTheTicket() {
        try (Browser customer = new Browser();
                Browser barista = new Browser()) {
            customer.open(system.edgeUrl() + "/").signIn("cyd", "customer");
            customer.await(page -> customer.select("#menu-item").getOptions().size() > 1);
            customer.click("#place-order");
            String orderId =
                    customer.await(page -> customer.find("li[data-order-id]").getAttribute("data-order-id"));
            String card = "li[data-order-id='" + orderId + "']";
            barista.open(system.edgeUrl() + "/barista").signIn("bob", "barista");
            barista.await(page -> barista.present("li[data-order-id='" + orderId + "']"));

            customer.click(card + " button.cancel");
            customer.await(page -> customer.text(card + " .status").equals("CANCELED"));
            customer.await(page -> customer.text(card + " .payment").equals("REFUNDED"));
            barista.await(page -> !barista.present("li[data-order-id='" + orderId + "']"));
        }
    }
}
