package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Customers queue and agents are matched over real WebSockets: the language constraint, priority,
 * ring timeouts, agents and customers going away while an offer rings, two agents taking one
 * customer at once, and the position and wait a customer is shown. Each test uses its own language,
 * so the tests of this class, which share one server, never match each other's clients.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                // offers expire by the test's clock, which moves only when a test moves it: an offer rings
                // until the ring-timeout test lets it ring out, however slow the machine is
                "remote-support.matching.ring-timeout=30s",
                "remote-support.matching.status-interval=50ms",
                "remote-support.matching.sweep-interval=100ms",
                "remote-support.matching.default-sla=1h",
                "remote-support.matching.sla.urgent-repairs=10s",
                "remote-support.matching.default-handling-time=4m",
                "remote-support.matching.queue-view-size=2",
        })
class MatchingFlowTest {

    private static final AtomicInteger LANGUAGES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TestIdentities identities;

    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(TestClient::close);
    }

    @Test
    void languageIsAHardConstraint() {
        String french = uniqueLanguage();
        String german = uniqueLanguage();
        TestClient germanAgent = availableAgent("Greta", List.of(german), List.of("coffee-machines"), false);

        TestClient customer = customer("Claire");
        ServerMessage.QueueStatus waiting = join(customer, french, "coffee-machines");

        // nobody speaks French: no estimate, and the skilled German agent is not rung
        assertThat(waiting.position()).isEqualTo(1);
        assertThat(waiting.agentsOnline()).isZero();
        assertThat(waiting.estimatedWaitMs()).isNull();
        germanAgent.assertNothingButQueueViews();

        // an unskilled agent who speaks French gets the customer: skill is a preference, language is not
        TestClient frenchAgent = availableAgent("Fabien", List.of(french), List.of(), false);
        ServerMessage.Offer offer = frenchAgent.nextOf(ServerMessage.Offer.class);
        assertThat(offer.ticket().language()).isEqualTo(french);
        assertThat(offer.name()).isEqualTo("Claire");
        germanAgent.assertNothingButQueueViews();
    }

    @Test
    void theMostUrgentCustomerIsOfferedFirst() {
        String language = uniqueLanguage();
        TestClient agent = agent("Ana");
        setPresence(agent, "busy", List.of(language), List.of());

        TestClient patient = customer("Pat");
        join(patient, language, "garden-tools");
        clock.advance(Duration.ofSeconds(5));
        TestClient urgent = customer("Uma");
        join(urgent, language, "urgent-repairs");
        clock.advance(Duration.ofSeconds(5));

        // Uma waited half of her 10 s SLA, Pat a sliver of his hour: Uma is first in line although she came later
        assertThat(urgent.nextOf(ServerMessage.QueueStatus.class, s -> s.position() == 1).state()).isEqualTo("waiting");
        assertThat(patient.nextOf(ServerMessage.QueueStatus.class, s -> s.position() == 2).position()).isEqualTo(2);

        setPresence(agent, "available", null, null);
        assertThat(agent.nextOf(ServerMessage.Offer.class).name()).isEqualTo("Uma");
    }

    @Test
    void anOfferThatRingsOutGoesToTheNextAgentAndTheSilentAgentIsSetAway() {
        String language = uniqueLanguage();
        TestClient first = availableAgent("First", List.of(language), List.of(), false);
        TestClient second = availableAgent("Second", List.of(language), List.of(), false);

        TestClient customer = customer("Carla");
        join(customer, language, "phones");
        // the agent idle longest is rung first
        ServerMessage.Offer missed = first.nextOf(ServerMessage.Offer.class);
        assertThat(missed.timeoutMs()).isEqualTo(Duration.ofSeconds(30).toMillis());
        assertThat(customer.nextOf(ServerMessage.QueueStatus.class, s -> s.state().equals("ringing"))).isNotNull();
        // the ring timeout passes (the sweep sees it on the test's clock)
        clock.advance(Duration.ofSeconds(31));

        ServerMessage.OfferWithdrawn withdrawn = first.nextOf(ServerMessage.OfferWithdrawn.class);
        assertThat(withdrawn).isEqualTo(new ServerMessage.OfferWithdrawn(null, missed.offerId(), "timeout"));
        ServerMessage.PresenceState away = first.nextOf(ServerMessage.PresenceState.class);
        assertThat(away.availability()).isEqualTo("away");
        assertThat(away.reason()).isEqualTo("missed_offer");

        ServerMessage.Offer offer = second.nextOf(ServerMessage.Offer.class);
        assertThat(offer.ticketId()).isEqualTo(missed.ticketId());
        // too late for the first agent
        refuse(first, new ClientMessage.OfferAccept(first.nextId(), missed.offerId()), ErrorCode.OFFER_GONE);

        ServerMessage.SessionStarted started = reply(second, new ClientMessage.OfferAccept(second.nextId(),
                offer.offerId()), ServerMessage.SessionStarted.class);
        assertThat(started.role()).isEqualTo("agent");
        assertThat(started.ticket().language()).isEqualTo(language);
        ServerMessage.SessionStarted customerSide = customer.nextOf(ServerMessage.SessionStarted.class);
        assertThat(customerSide.sessionId()).isEqualTo(started.sessionId());
        assertThat(customerSide.role()).isEqualTo("customer");
        assertThat(customerSide.ticket()).as("customers do not see the ticket").isNull();
        assertThat(customerSide.participants()).extracting(ServerMessage.Participant::name)
                .containsExactly("Second", "Carla");
    }

    @Test
    void anAgentWhoDropsWhileRingingLosesTheOfferToTheNextAgent() {
        String language = uniqueLanguage();
        TestClient dropping = availableAgent("Dropping", List.of(language), List.of(), false);
        TestClient steady = availableAgent("Steady", List.of(language), List.of(), false);

        TestClient customer = customer("Carla");
        join(customer, language, "phones");
        ServerMessage.Offer lost = dropping.nextOf(ServerMessage.Offer.class);

        dropping.abort();
        ServerMessage.Offer offer = steady.nextOf(ServerMessage.Offer.class);
        assertThat(offer.ticketId()).isEqualTo(lost.ticketId());
        reply(steady, new ClientMessage.OfferAccept(steady.nextId(), offer.offerId()), ServerMessage.SessionStarted.class);
        assertThat(customer.nextOf(ServerMessage.SessionStarted.class).participants())
                .extracting(ServerMessage.Participant::name).containsExactly("Steady", "Carla");
    }

    @Test
    void aCustomerWhoLeavesWhileRingingWithdrawsTheOffer() {
        String language = uniqueLanguage();
        TestClient agent = availableAgent("Ana", List.of(language), List.of(), false);

        TestClient customer = customer("Carla");
        join(customer, language, "phones");
        ServerMessage.Offer offer = agent.nextOf(ServerMessage.Offer.class);

        ServerMessage.QueueLeft left = reply(customer, new ClientMessage.QueueLeave(customer.nextId()),
                ServerMessage.QueueLeft.class);
        assertThat(left.reason()).isEqualTo("customer_left");
        assertThat(agent.nextOf(ServerMessage.OfferWithdrawn.class))
                .isEqualTo(new ServerMessage.OfferWithdrawn(null, offer.offerId(), "customer_left"));
        refuse(agent, new ClientMessage.OfferAccept(agent.nextId(), offer.offerId()), ErrorCode.OFFER_GONE);

        // the agent is free for the next customer at once
        TestClient next = customer("Nora");
        join(next, language, "phones");
        assertThat(agent.nextOf(ServerMessage.Offer.class).name()).isEqualTo("Nora");
    }

    @Test
    void aCustomerWhoClosesThePageWhileRingingWithdrawsTheOffer() {
        String language = uniqueLanguage();
        TestClient agent = availableAgent("Ana", List.of(language), List.of(), false);
        TestClient customer = customer("Carla");
        join(customer, language, "phones");
        ServerMessage.Offer offer = agent.nextOf(ServerMessage.Offer.class);

        customer.close();
        assertThat(agent.nextOf(ServerMessage.OfferWithdrawn.class))
                .isEqualTo(new ServerMessage.OfferWithdrawn(null, offer.offerId(), "customer_left"));
    }

    @Test
    void ofTwoAgentsTakingOneCustomerAtOnceExactlyOneGetsIt() throws Exception {
        String language = uniqueLanguage();
        TestClient ana = availableAgent("Ana", List.of(language), List.of(), false);
        TestClient ben = availableAgent("Ben", List.of(language), List.of(), false);
        TestClient customer = customer("Carla");
        String ticketId = join(customer, language, "phones").ticketId();

        // both decline the offer (Ana, idle longer, first), so the customer waits for someone to take it
        for (TestClient rung : List.of(ana, ben)) {
            ServerMessage.Offer offer = rung.nextOf(ServerMessage.Offer.class);
            String id = rung.nextId();
            rung.send(new ClientMessage.OfferDecline(id, offer.offerId()));
            assertThat(rung.nextOf(ServerMessage.OfferWithdrawn.class, m -> id.equals(m.replyTo())).reason())
                    .isEqualTo("declined");
        }

        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
        for (TestClient agent : List.of(ana, ben)) {
            replies.add(CompletableFuture.supplyAsync(() -> {
                String id = agent.nextId();
                awaitQuietly(go);
                agent.send(new ClientMessage.QueuePick(id, ticketId));
                return agent.nextOf(ServerMessage.class, m -> id.equals(m.replyTo()));
            }));
        }
        go.countDown();
        List<ServerMessage> answers = new ArrayList<>();
        for (CompletableFuture<ServerMessage> reply : replies) {
            answers.add(reply.get(10, TimeUnit.SECONDS));
        }

        assertThat(answers).as("answers %s", answers).filteredOn(m -> m instanceof ServerMessage.SessionStarted).hasSize(1);
        // the loser finds the customer ringing for the winner, or already gone from the queue
        assertThat(answers).filteredOn(m -> m instanceof ServerMessage.Error e && (e.code().equals(ErrorCode.OFFER_GONE.wire())
                || e.code().equals(ErrorCode.NOT_QUEUED.wire()))).hasSize(1);
        assertThat(customer.nextOf(ServerMessage.SessionStarted.class).participants()).hasSize(2);
    }

    @Test
    void anOfferAcceptedAndAPickOfTheSameCustomerLeaveOneSession() throws Exception {
        String language = uniqueLanguage();
        TestClient ana = availableAgent("Ana", List.of(language), List.of(), false);
        TestClient customer = customer("Carla");
        String ticketId = join(customer, language, "phones").ticketId();
        ServerMessage.Offer offer = ana.nextOf(ServerMessage.Offer.class);
        TestClient ben = availableAgent("Ben", List.of(language), List.of(), false);

        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<ServerMessage> accepted = CompletableFuture.supplyAsync(() -> {
            String id = ana.nextId();
            awaitQuietly(go);
            ana.send(new ClientMessage.OfferAccept(id, offer.offerId()));
            return ana.nextOf(ServerMessage.class, m -> id.equals(m.replyTo()));
        });
        CompletableFuture<ServerMessage> picked = CompletableFuture.supplyAsync(() -> {
            String id = ben.nextId();
            awaitQuietly(go);
            ben.send(new ClientMessage.QueuePick(id, ticketId));
            return ben.nextOf(ServerMessage.class, m -> id.equals(m.replyTo()));
        });
        go.countDown();

        assertThat(accepted.get(10, TimeUnit.SECONDS)).isInstanceOf(ServerMessage.SessionStarted.class);
        ServerMessage refused = picked.get(10, TimeUnit.SECONDS);
        assertThat(refused).isInstanceOf(ServerMessage.Error.class);
        assertThat(((ServerMessage.Error) refused).code()).isIn(ErrorCode.OFFER_GONE.wire(), ErrorCode.NOT_QUEUED.wire());
    }

    @Test
    // a server of its own: the handling times of the other tests' sessions would change the estimates
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.BEFORE_METHOD)
    void aCustomerSeesItsPositionAndEstimatedWaitUpdatedAsTheQueueMoves() {
        String language = uniqueLanguage();
        TestClient agent = availableAgent("Ana", List.of(language), List.of(), true);
        TestClient first = customer("First");
        join(first, language, "phones");
        // auto-accept: the session starts without an offer
        ServerMessage.SessionStarted started = agent.nextOf(ServerMessage.SessionStarted.class);
        first.nextOf(ServerMessage.SessionStarted.class);

        TestClient second = customer("Second");
        ServerMessage.QueueStatus secondStatus = join(second, language, "phones");
        TestClient third = customer("Third");
        ServerMessage.QueueStatus thirdStatus = join(third, language, "phones");

        // one agent, busy, and no session finished yet: 4 minutes per customer, half of one for the first in line
        assertThat(secondStatus.position()).as("%s", secondStatus).isEqualTo(1);
        assertThat(secondStatus.agentsOnline()).isEqualTo(1);
        assertThat(secondStatus.estimatedWaitMs()).as("%s", secondStatus).isEqualTo(Duration.ofMinutes(2).toMillis());
        assertThat(thirdStatus.position()).isEqualTo(2);
        assertThat(thirdStatus.estimatedWaitMs()).isEqualTo(Duration.ofMinutes(6).toMillis());

        reply(second, new ClientMessage.QueueLeave(second.nextId()), ServerMessage.QueueLeft.class);
        ServerMessage.QueueStatus moved = third.nextOf(ServerMessage.QueueStatus.class);
        assertThat(moved.position()).isEqualTo(1);
        assertThat(moved.estimatedWaitMs()).isEqualTo(Duration.ofMinutes(2).toMillis());

        // the first session took one minute: that is the handling time now, and the agent takes the next customer
        clock.advance(Duration.ofMinutes(1));
        TestClient fourth = customer("Fourth");
        join(fourth, language, "phones");
        reply(agent, new ClientMessage.SessionLeave(agent.nextId(), started.sessionId()), ServerMessage.SessionLeft.class);
        assertThat(first.nextOf(ServerMessage.SessionEnded.class).reason()).isEqualTo("agent_left");
        assertThat(third.nextOf(ServerMessage.SessionStarted.class).participants())
                .extracting(ServerMessage.Participant::name).containsExactly("Ana", "Third");
        ServerMessage.QueueStatus fourthNow = fourth.nextOf(ServerMessage.QueueStatus.class, s -> s.position() == 1);
        // (the clock moved a few milliseconds more while customers joined)
        assertThat(fourthNow.estimatedWaitMs()).isCloseTo(Duration.ofSeconds(30).toMillis(), within(100L));
    }

    @Test
    void anAgentSeesTheMostUrgentCustomersInItsLanguagesAndHowManyWait() {
        String language = uniqueLanguage();
        String other = uniqueLanguage();
        TestClient agent = agent("Ana");
        setPresence(agent, "busy", List.of(language), List.of());
        List<String> names = List.of("First", "Second", "Third");
        for (String name : names) {
            join(customer(name), language, "phones");
        }
        join(customer("Elsewhere"), other, "phones");

        // the view holds two entries, the two who waited longest; the count says three wait
        java.util.Map<String, String> shown = new java.util.LinkedHashMap<>();
        ServerMessage.QueueUpdate update;
        do {
            update = agent.nextOf(ServerMessage.QueueUpdate.class);
            update.changed().forEach(item -> shown.put(item.ticketId(), item.name()));
            update.removed().forEach(shown::remove);
        } while (update.waiting() < 3);
        assertThat(shown.values()).containsExactlyInAnyOrder("First", "Second");

        // a new snapshot shows the same
        String id = agent.nextId();
        agent.send(new ClientMessage.PresenceSet(id, "busy", null, null, null, null));
        ServerMessage.QueueSnapshot snapshot = agent.nextOf(ServerMessage.QueueSnapshot.class);
        assertThat(snapshot.waiting()).isEqualTo(3);
        assertThat(snapshot.entries()).extracting(ServerMessage.QueueItem::name).containsExactly("First", "Second");
    }

    @Test
    void aReloadedCustomerPageKeepsItsPlaceInTheQueue() {
        String language = uniqueLanguage();
        TestClient first = customer("First");
        join(first, language, "phones");
        TestClient second = customer("Second");
        ServerMessage.QueueStatus before = join(second, language, "phones");
        String token = second.welcome().resumeToken();

        second.abort();
        TestClient reloaded = track(TestClient.resumed(port, second.accessToken(), token));
        assertThat(reloaded.welcome().resumed()).isTrue();
        assertThat(reloaded.participantId()).isEqualTo(second.participantId());
        ServerMessage.QueueStatus after = reloaded.nextOf(ServerMessage.QueueStatus.class);
        assertThat(after.ticketId()).isEqualTo(before.ticketId());
        assertThat(after.position()).isEqualTo(2);

        // and when an agent comes, the first customer is still first
        TestClient agent = availableAgent("Ana", List.of(language), List.of(), false);
        assertThat(agent.nextOf(ServerMessage.Offer.class).name()).isEqualTo("First");
    }

    @Test
    void refusalsNameWhatIsWrong() {
        TestClient agent = agent("Ana");
        refuse(agent, new ClientMessage.PresenceSet(agent.nextId(), "available", null, null, null, null),
                ErrorCode.INVALID_FIELD);
        refuse(agent, new ClientMessage.PresenceSet(agent.nextId(), "napping", List.of("en"), null, null, null),
                ErrorCode.INVALID_FIELD);
        refuse(agent, new ClientMessage.PresenceSet(agent.nextId(), "available", List.of("english!"), null, null, null),
                ErrorCode.INVALID_FIELD);
        refuse(agent, new ClientMessage.PresenceSet(agent.nextId(), "available", List.of("en"), null, 11, null),
                ErrorCode.INVALID_FIELD);
        refuse(agent, new ClientMessage.QueueJoin(agent.nextId(), "en", "phones", null, null, null), ErrorCode.FORBIDDEN);
        refuse(agent, new ClientMessage.OfferAccept(agent.nextId(), "nonsense"), ErrorCode.OFFER_GONE);
        refuse(agent, new ClientMessage.QueuePick(agent.nextId(), "t0000000000000000000"), ErrorCode.NOT_QUEUED);

        TestClient customer = customer("Carla");
        refuse(customer, new ClientMessage.QueueJoin(customer.nextId(), null, "phones", null, null, null),
                ErrorCode.INVALID_FIELD);
        refuse(customer, new ClientMessage.QueueJoin(customer.nextId(), "en", "phones", null, null, "x".repeat(1001)),
                ErrorCode.INVALID_FIELD);
        refuse(customer, new ClientMessage.QueueLeave(customer.nextId()), ErrorCode.NOT_QUEUED);
        refuse(customer, new ClientMessage.PresenceSet(customer.nextId(), "available", List.of("en"), null, null, null),
                ErrorCode.FORBIDDEN);
        customer.assertAliveAndQuiet();
        agent.assertAliveAndQuiet();
    }

    // ---- helpers

    private static String uniqueLanguage() {
        return String.format("en-t%03d", LANGUAGES.incrementAndGet());
    }

    private TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }

    private TestClient agent(String name) {
        return track(TestClient.greeted(port, identities.agent(name)));
    }

    private TestClient customer(String name) {
        return track(TestClient.greeted(port, identities.queuedCustomer(name)));
    }

    /** An agent who declared itself available; each one declares a millisecond after the one before, so it is idle less long. */
    private TestClient availableAgent(String name, List<String> languages, List<String> categories, boolean autoAccept) {
        clock.advance(Duration.ofMillis(1));
        TestClient agent = agent(name);
        reply(agent, new ClientMessage.PresenceSet(agent.nextId(), "available", languages, categories, 1, autoAccept),
                ServerMessage.PresenceState.class);
        agent.nextOf(ServerMessage.QueueSnapshot.class);
        return agent;
    }

    private static void setPresence(TestClient agent, String availability, List<String> languages,
                                    List<String> categories) {
        String id = agent.nextId();
        agent.send(new ClientMessage.PresenceSet(id, availability, languages, categories, null, null));
        ServerMessage.PresenceState state = agent.nextOf(ServerMessage.PresenceState.class,
                m -> id.equals(m.replyTo()));
        assertThat(state.availability()).isEqualTo(availability);
    }

    /** The customer joins the queue a millisecond after the one before, so that it is behind it in line. */
    private ServerMessage.QueueStatus join(TestClient customer, String language, String category) {
        clock.advance(Duration.ofMillis(1));
        // an order number of its own: a shared one would make every customer a repeat contact
        return reply(customer, new ClientMessage.QueueJoin(customer.nextId(), language, category, "Model 7",
                "A-" + customer.participantId(), "It hums"), ServerMessage.QueueStatus.class);
    }

    /** Sends a request and returns its reply, which must be of this type; queue views pushed meanwhile are skipped. */
    private static <T extends ServerMessage> T reply(TestClient client, ClientMessage request, Class<T> type) {
        client.send(request);
        ServerMessage reply = client.nextOf(ServerMessage.class, m -> request.id().equals(m.replyTo()));
        assertThat(reply).isInstanceOf(type);
        return type.cast(reply);
    }

    /** Sends a request that must be refused with this code. */
    private static void refuse(TestClient client, ClientMessage request, ErrorCode code) {
        ServerMessage.Error error = reply(client, request, ServerMessage.Error.class);
        assertThat(error.code()).as(error.message()).isEqualTo(code.wire());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
