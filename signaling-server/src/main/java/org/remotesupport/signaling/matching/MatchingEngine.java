package org.remotesupport.signaling.matching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.presence.AgentPresence;
import org.remotesupport.signaling.presence.Availability;
import org.remotesupport.signaling.presence.PresenceStore;
import org.remotesupport.signaling.queue.ContactHistory;
import org.remotesupport.signaling.queue.Offer;
import org.remotesupport.signaling.queue.QueueEntry;
import org.remotesupport.signaling.queue.QueueStore;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.MessageSink;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionListener;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.signaling.session.SignalingException;
import org.remotesupport.signaling.session.SupportSession;
import org.remotesupport.signaling.session.TicketViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings agents for waiting customers. Works only on the shared {@link QueueStore} and
 * {@link PresenceStore}, so the engines of several nodes can run at once: an offer is made by
 * reserving the agent and then the customer, each one conditional store step, and undone if the
 * second fails; accepting claims the customer in one conditional step, so of two agents who accept
 * or pick one customer at once exactly one gets it.
 *
 * <p>Matching is event-driven: a customer who joins is matched against the free agents, an agent who
 * becomes free against the waiting customers; after each event no waiting customer has a free agent
 * it could go to, so these two cheap matches keep the queue drained. A periodic sweep, on every node,
 * moves offers that rang out on to the next agent, removes presences whose heartbeat stopped and
 * runs a full match for anything an event missed. Matching runs on the single-threaded scheduler
 * given here (which the engine shuts down on {@link #close}); accepting, declining and picking run on
 * the WebSocket thread of the agent's message.
 */
public final class MatchingEngine implements SessionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MatchingEngine.class);

    /** {@code offer.withdrawn} reasons. */
    static final String TIMEOUT = "timeout";
    static final String DECLINED = "declined";
    static final String AGENT_UNAVAILABLE = "agent_unavailable";
    /** {@code presence.state} reason when the server set the agent away. */
    static final String MISSED_OFFER = "missed_offer";

    private final QueueStore queue;
    private final PresenceStore presence;
    private final ContactHistory contacts;
    private final SessionService sessions;
    private final MessageSink sink;
    private final Clock clock;
    private final MatchingProperties properties;
    private final PriorityPolicy priority;
    private final AgentPreference preference;
    private final OfferIds offerIds;
    private final ScheduledExecutorService executor;
    private final MatchListener matches;
    private final AtomicBoolean fullMatchQueued = new AtomicBoolean();
    // offers an agent holds that no queue entry rings with; cleared when seen on two sweeps in a row
    private Set<String> strayOffers = Set.of();

    public MatchingEngine(QueueStore queue, PresenceStore presence, ContactHistory contacts, SessionService sessions,
                          MessageSink sink, Clock clock, RandomGenerator random, MatchingProperties properties,
                          ScheduledExecutorService executor) {
        this(queue, presence, contacts, sessions, sink, clock, random, properties, executor, MatchListener.NONE);
    }

    /** As the shorter constructor, and tells {@code matches} about each customer handed to an agent. */
    public MatchingEngine(QueueStore queue, PresenceStore presence, ContactHistory contacts, SessionService sessions,
                          MessageSink sink, Clock clock, RandomGenerator random, MatchingProperties properties,
                          ScheduledExecutorService executor, MatchListener matches) {
        this.matches = matches;
        this.queue = queue;
        this.presence = presence;
        this.contacts = contacts;
        this.sessions = sessions;
        this.sink = sink;
        this.clock = clock;
        this.properties = properties;
        this.priority = new PriorityPolicy(properties);
        this.preference = new AgentPreference(properties);
        this.offerIds = new OfferIds(random);
        this.executor = executor;
    }

    /**
     * The agent id of a connection: who its token says it is (the account's username), so that an
     * agent's presence, its load and "the agent who served this customer before" follow the person
     * across connections, and no connection can act for another account.
     */
    public static String agentIdOf(Member member) {
        return member.subject();
    }

    /** Starts the periodic sweep. */
    public void start() {
        long period = properties.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> guarded("sweep", this::sweep), period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The priority policy in force. */
    public PriorityPolicy priority() {
        return priority;
    }

    // ---- events, from any thread

    /** A customer joined or can be offered again: ring the best free agent for it, if any. */
    public void customerWaiting(String ticketId) {
        submit("match customer", () -> matchCustomer(ticketId));
    }

    /** An agent may have become free: ring it for the most urgent customer it can take, if any. */
    public void agentFree(String agentId) {
        submit("match agent", () -> matchAgent(agentId));
    }

    /** Something changed that events do not describe precisely: run a full match soon, once. */
    public void matchAll() {
        if (fullMatchQueued.compareAndSet(false, true)) {
            submit("full match", () -> {
                fullMatchQueued.set(false);
                fullMatch();
            });
        }
    }

    // ---- agent actions, on WebSocket threads

    /**
     * The agent accepts the offer ringing at it: claims the customer and starts the session.
     *
     * @throws SignalingException {@code offer_gone} if the offer no longer rings at this agent
     */
    public void accept(Member agent, String replyTo, String offerId) {
        String agentId = agentIdOf(agent);
        String ticketId = OfferIds.ticketOf(offerId).orElseThrow(MatchingEngine::offerGone);
        String sessionId = sessions.newSessionId();
        // the agent's own offer, taken first, proves the offer rang at this agent
        presence.startSession(agentId, offerId, sessionId).orElseThrow(MatchingEngine::offerGone);
        Optional<QueueEntry> claimed = queue.claim(ticketId, offerId);
        if (claimed.isEmpty()) {
            // the offer rang out or the customer left in between: the agent is free again
            presence.endSession(agentId, sessionId, clock.instant());
            agentFree(agentId);
            throw offerGone();
        }
        start(agent, replyTo, claimed.get(), sessionId);
    }

    /**
     * The agent takes a waiting customer from the queue, as an offer it accepts at once.
     *
     * @throws SignalingException {@code not_available} if the agent cannot take a customer now,
     *         {@code not_queued} if the ticket is not queued, {@code offer_gone} if the customer is
     *         ringing at another agent or was taken
     */
    public void pick(Member agent, String replyTo, String ticketId) {
        String agentId = agentIdOf(agent);
        Instant now = clock.instant();
        QueueEntry entry = queue.find(ticketId).orElseThrow(() -> new SignalingException(ErrorCode.NOT_QUEUED,
                "that customer is not waiting in the queue"));
        String offerId = offerIds.next(ticketId);
        presence.reserve(agentId, offerId, now).orElseThrow(() -> new SignalingException(ErrorCode.NOT_AVAILABLE,
                "set yourself available, with a free place and no offer ringing, to take a customer"));
        if (queue.reserve(entry.ticketId(), new Offer(offerId, agentId, now, now.plus(properties.ringTimeout())))
                .isEmpty()) {
            presence.clearOffer(agentId, offerId);
            throw new SignalingException(ErrorCode.OFFER_GONE,
                    "that customer is being offered to another agent or was taken");
        }
        accept(agent, replyTo, offerId);
    }

    /**
     * The agent declines the offer ringing at it: replies {@code offer.withdrawn} and rings the next agent.
     *
     * @throws SignalingException {@code offer_gone} if the offer no longer rings at this agent
     */
    public void decline(Member agent, String replyTo, String offerId) {
        String agentId = agentIdOf(agent);
        String ticketId = OfferIds.ticketOf(offerId).orElseThrow(MatchingEngine::offerGone);
        presence.clearOffer(agentId, offerId).orElseThrow(MatchingEngine::offerGone);
        queue.release(ticketId, offerId, true);
        sink.send(agent.participantId(), new ServerMessage.OfferWithdrawn(replyTo, offerId, DECLINED));
        customerWaiting(ticketId);
        agentFree(agentId);
    }

    /**
     * The customer is out of the queue without a session; an offer ringing for it is withdrawn.
     *
     * @return the entry it had, if it was queued
     */
    public Optional<QueueEntry> customerLeft(String ticketId, String reason) {
        Optional<QueueEntry> removed = queue.remove(ticketId);
        removed.map(QueueEntry::offer).ifPresent(offer -> presence.clearOffer(offer.agentId(), offer.offerId())
                .ifPresent(agent -> {
                    sink.send(agent.participantId(), new ServerMessage.OfferWithdrawn(null, offer.offerId(), reason));
                    agentFree(agent.agentId());
                }));
        removed.ifPresent(e -> log.info("ticket {} left the queue: {}", ticketId, reason));
        return removed;
    }

    /** The agent can no longer take the offer ringing at it (it dropped, signed off or changed availability). */
    public void agentUnavailable(AgentPresence agent) {
        String offerId = agent.offerId();
        if (offerId == null) {
            return;
        }
        presence.clearOffer(agent.agentId(), offerId).ifPresent(p -> {
            sink.send(p.participantId(), new ServerMessage.OfferWithdrawn(null, offerId, AGENT_UNAVAILABLE));
            OfferIds.ticketOf(offerId).ifPresent(ticketId -> {
                queue.release(ticketId, offerId, false);
                customerWaiting(ticketId);
            });
        });
    }

    // ---- session listener

    @Override
    public void memberLeft(SupportSession session, Member member, Instant at) {
        if (member.role() == Role.CUSTOMER || member.role().silent()) {
            return;
        }
        String agentId = agentIdOf(member);
        presence.endSession(agentId, session.sessionId(), at).ifPresent(p -> agentFree(agentId));
    }

    @Override
    public void sessionEnded(SupportSession session, String reason, Instant at) {
        if (session.ticket() != null && session.startedAt() != null) {
            queue.recordHandlingTime(Duration.between(session.startedAt(), at));
        }
    }

    // ---- matching, on the executor

    /**
     * Rings an agent for a customer who can be offered: each free agent who may take it, best first,
     * is given to the most urgent customer it may take, until this customer rings. Asking the agent's
     * side keeps priority right when an agent became free a moment before its own event is handled:
     * a newcomer does not take it from a customer who waited longer.
     */
    void matchCustomer(String ticketId) {
        Instant now = clock.instant();
        QueueEntry entry = queue.find(ticketId).filter(QueueEntry::offerable).orElse(null);
        if (entry == null) {
            return;
        }
        List<AgentPresence> candidates = new ArrayList<>();
        for (AgentPresence agent : presence.all()) {
            if (eligible(agent, entry, now)) {
                candidates.add(agent);
            }
        }
        candidates.sort(preference.bestFirst(entry));
        for (AgentPresence agent : candidates) {
            matchAgent(agent, now);
            if (queue.find(ticketId).filter(QueueEntry::offerable).isEmpty()) {
                return;
            }
        }
    }

    void matchAgent(String agentId) {
        Instant now = clock.instant();
        presence.find(agentId).filter(p -> p.canTakeOffer(now)).ifPresent(agent -> matchAgent(agent, now));
    }

    /** Rings the agent for the most urgent customer it may take, if any. */
    private void matchAgent(AgentPresence agent, Instant now) {
        List<QueueEntry> entries = new ArrayList<>();
        for (String language : agent.languages()) {
            for (QueueEntry entry : queue.entries(language)) {
                if (entry.offerable() && eligible(agent, entry, now)) {
                    entries.add(entry);
                }
            }
        }
        entries.sort(priority.highestFirst(now));
        for (QueueEntry entry : entries) {
            Outcome outcome = offer(entry, agent, now);
            if (outcome != Outcome.CUSTOMER_TAKEN) {
                return;
            }
        }
    }

    void fullMatch() {
        Instant now = clock.instant();
        List<AgentPresence> free = new ArrayList<>();
        for (AgentPresence agent : presence.all()) {
            if (agent.canTakeOffer(now)) {
                free.add(agent);
            }
        }
        if (free.isEmpty()) {
            return;
        }
        // only the languages a free agent speaks: with thousands waiting for languages nobody free
        // serves, reading the whole queue on every sweep would cost more than all the matching
        Set<String> languages = new HashSet<>();
        for (AgentPresence agent : free) {
            languages.addAll(agent.languages());
        }
        List<QueueEntry> entries = new ArrayList<>();
        for (String language : languages) {
            for (QueueEntry entry : queue.entries(language)) {
                if (entry.offerable()) {
                    entries.add(entry);
                }
            }
        }
        entries.sort(priority.highestFirst(now));
        for (QueueEntry entry : entries) {
            if (free.isEmpty()) {
                return;
            }
            List<AgentPresence> candidates = new ArrayList<>(free.stream().filter(a -> eligible(a, entry, now)).toList());
            candidates.sort(preference.bestFirst(entry));
            for (AgentPresence agent : candidates) {
                Outcome outcome = offer(entry, agent, now);
                if (outcome == Outcome.CUSTOMER_TAKEN) {
                    break;
                }
                // offered or taken elsewhere: either way this agent is not free any more
                free.remove(agent);
                if (outcome == Outcome.OFFERED) {
                    break;
                }
            }
        }
    }

    void sweep() {
        Instant now = clock.instant();
        for (QueueEntry entry : queue.ringingExpired(now)) {
            Offer offer = entry.offer();
            ringOut(entry.ticketId(), offer.offerId(), offer.agentId());
        }
        Set<String> stray = new HashSet<>();
        for (AgentPresence agent : presence.all()) {
            if (!agent.expiresAt().isAfter(now)) {
                presence.removeIfExpired(agent.agentId(), now).ifPresent(gone -> {
                    log.info("presence of agent {} expired", gone.agentId());
                    agentUnavailable(gone);
                    releaseOffer(gone);
                });
            } else if (agent.offerId() != null && !ringsFor(agent)) {
                stray.add(agent.offerId());
                if (strayOffers.contains(agent.offerId())) {
                    presence.clearOffer(agent.agentId(), agent.offerId()).ifPresent(p -> agentFree(p.agentId()));
                }
            }
        }
        strayOffers = stray;
        fullMatch();
    }

    /** An offer rang out: the customer waits again, the agent is set away and told. */
    void ringOut(String ticketId, String offerId, String agentId) {
        if (queue.release(ticketId, offerId, false).isEmpty()) {
            return;
        }
        presence.clearOffer(agentId, offerId).ifPresent(agent -> {
            log.info("offer {} rang out at agent {}", offerId, agentId);
            sink.send(agent.participantId(), new ServerMessage.OfferWithdrawn(null, offerId, TIMEOUT));
            // an agent who lets an offer ring out is probably not at the desk: it gets no more until it says so
            presence.setAvailability(agentId, Availability.AWAY).ifPresent(away ->
                    sink.send(away.participantId(), PresenceViews.state(null, away, MISSED_OFFER)));
        });
        matchCustomer(ticketId);
    }

    private void releaseOffer(AgentPresence gone) {
        if (gone.offerId() != null) {
            OfferIds.ticketOf(gone.offerId()).ifPresent(ticketId -> {
                queue.release(ticketId, gone.offerId(), false);
                customerWaiting(ticketId);
            });
        }
    }

    private boolean ringsFor(AgentPresence agent) {
        return OfferIds.ticketOf(agent.offerId())
                .flatMap(queue::find)
                .map(e -> e.ringing(agent.offerId()))
                .orElse(false);
    }

    private static boolean eligible(AgentPresence agent, QueueEntry entry, Instant now) {
        String onlyAgent = entry.ticket().agent();
        return agent.canTakeOffer(now)
                && agent.speaks(entry.ticket().language())
                && !entry.declinedBy().contains(agent.agentId())
                && (onlyAgent == null || onlyAgent.equals(agent.agentId()));
    }

    private enum Outcome { OFFERED, AGENT_TAKEN, CUSTOMER_TAKEN }

    private Outcome offer(QueueEntry entry, AgentPresence agent, Instant now) {
        String offerId = offerIds.next(entry.ticketId());
        Offer offer = new Offer(offerId, agent.agentId(), now, now.plus(properties.ringTimeout()));
        if (presence.reserve(agent.agentId(), offerId, now).isEmpty()) {
            return Outcome.AGENT_TAKEN;
        }
        Optional<QueueEntry> ringing = queue.reserve(entry.ticketId(), offer);
        if (ringing.isEmpty()) {
            presence.clearOffer(agent.agentId(), offerId);
            return Outcome.CUSTOMER_TAKEN;
        }
        QueueEntry rung = ringing.get();
        if (agent.autoAccept()) {
            autoAccept(agent, rung, offerId);
            return Outcome.OFFERED;
        }
        log.debug("offer {} rings at agent {}", offerId, agent.agentId());
        sink.send(agent.participantId(), new ServerMessage.Offer(null, offerId, rung.ticketId(), rung.name(),
                TicketViews.of(rung.ticket(), rung.repeatContact() ? Boolean.TRUE : null),
                Duration.between(rung.joinedAt(), now).toMillis(), offer.expiresAt().toEpochMilli(),
                properties.ringTimeout().toMillis(), agent.agentId().equals(rung.previousAgent()) ? Boolean.TRUE : null));
        Instant expiresAt = offer.expiresAt();
        schedule(properties.ringTimeout(), () -> {
            // the engine's clock decides when an offer expired; if it says not yet (the clock was set
            // back, or is a test's), the sweep rings it out once it has
            if (!clock.instant().isBefore(expiresAt)) {
                ringOut(rung.ticketId(), offerId, agent.agentId());
            }
        });
        return Outcome.OFFERED;
    }

    private void autoAccept(AgentPresence agent, QueueEntry entry, String offerId) {
        Member member = new Member(agent.participantId(), Role.AGENT, agent.name(), agent.agentId());
        String sessionId = sessions.newSessionId();
        if (presence.startSession(agent.agentId(), offerId, sessionId).isEmpty()) {
            queue.release(entry.ticketId(), offerId, false);
            return;
        }
        Optional<QueueEntry> claimed = queue.claim(entry.ticketId(), offerId);
        if (claimed.isEmpty()) {
            presence.endSession(agent.agentId(), sessionId, clock.instant());
            return;
        }
        start(member, null, claimed.get(), sessionId);
    }

    private void start(Member agent, String replyTo, QueueEntry entry, String sessionId) {
        Member customer = new Member(entry.participantId(), Role.CUSTOMER, entry.name(), entry.subject());
        CustomerRefs.of(entry.ticket()).ifPresent(ref -> contacts.record(ref, agentIdOf(agent), clock.instant()));
        // a customer the agent picked itself was offered and taken at once: it rang for no time
        Instant offeredAt = entry.offer() == null ? null : entry.offer().offeredAt();
        try {
            matches.matched(sessionId, customer, entry.joinedAt(), agent, offeredAt);
        } catch (RuntimeException e) {
            log.warn("session {}: recording the match failed", sessionId, e);
        }
        sessions.startMatched(sessionId, agent, replyTo, customer, entry.connected(), entry.ticket(),
                entry.repeatContact() ? Boolean.TRUE : null);
    }

    private static SignalingException offerGone() {
        return new SignalingException(ErrorCode.OFFER_GONE, "this offer is no longer ringing for you");
    }

    private void submit(String what, Runnable task) {
        try {
            executor.execute(() -> guarded(what, task));
        } catch (RejectedExecutionException e) {
            // only while shutting down
            log.debug("{} dropped: matching stopped", what);
        }
    }

    private void schedule(Duration delay, Runnable task) {
        try {
            executor.schedule(() -> guarded("ring timeout", task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("ring timeout not scheduled: matching stopped");
        }
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // the periodic sweep and every later event must keep running
            log.warn("{} failed", what, e);
        }
    }
}
