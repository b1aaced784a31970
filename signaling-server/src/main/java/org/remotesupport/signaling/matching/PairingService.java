package org.remotesupport.signaling.matching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.presence.AgentPresence;
import org.remotesupport.signaling.presence.Availability;
import org.remotesupport.signaling.presence.PresenceStore;
import org.remotesupport.signaling.queue.Contact;
import org.remotesupport.signaling.queue.ContactHistory;
import org.remotesupport.signaling.queue.QueueEntry;
import org.remotesupport.signaling.queue.QueueStore;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.MessageSink;
import org.remotesupport.signaling.session.ParticipantListener;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.signaling.session.SignalingException;
import org.remotesupport.signaling.ticket.Severity;
import org.remotesupport.signaling.ticket.Tier;
import org.remotesupport.signaling.ticket.Ticket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's and the customer's side of pairing: presence, joining and leaving the queue, offers,
 * picks and invitations, and what becomes of a waiting customer or a signed-in agent whose
 * connection drops, comes back or is gone. Called on WebSocket threads with the sender's identity
 * (and by {@link org.remotesupport.signaling.session.ParticipantService} on its threads); replies
 * and pushes go out through the {@link MessageSink}; refusals are thrown as
 * {@link SignalingException} before anything is changed.
 */
public final class PairingService implements ParticipantListener {

    private static final Logger log = LoggerFactory.getLogger(PairingService.class);
    /** {@code queue.left} reasons. */
    static final String CUSTOMER_LEFT = "customer_left";
    static final String CUSTOMER_DISCONNECTED = "customer_disconnected";
    private static final String TICKET_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int TICKET_ID_LENGTH = 20;

    private final QueueStore queue;
    private final PresenceStore presence;
    private final ContactHistory contacts;
    private final SessionRegistry registry;
    private final SessionService sessions;
    private final MatchingEngine engine;
    private final QueueBoard board;
    private final MessageSink sink;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration heartbeatTtl;
    private final Duration grace;
    private final LongSupplier nanoTime;
    // participant id -> when this node last extended the agent's presence (monotonic nanos)
    private final Map<String, Long> lastHeartbeat = new ConcurrentHashMap<>();

    /**
     * @param heartbeatTtl how long a presence lives after the agent's last message (the idle timeout
     *                     plus a margin): a node that dies stops extending its agents' presences
     * @param grace        how long a dropped agent's presence is kept for it to resume
     */
    public PairingService(QueueStore queue, PresenceStore presence, ContactHistory contacts, SessionRegistry registry,
                          SessionService sessions, MatchingEngine engine, QueueBoard board, MessageSink sink,
                          Clock clock, RandomGenerator random, Duration heartbeatTtl, Duration grace,
                          LongSupplier nanoTime) {
        this.queue = queue;
        this.presence = presence;
        this.contacts = contacts;
        this.registry = registry;
        this.sessions = sessions;
        this.engine = engine;
        this.board = board;
        this.sink = sink;
        this.clock = clock;
        this.random = random;
        this.heartbeatTtl = heartbeatTtl;
        this.grace = grace;
        this.nanoTime = nanoTime;
    }

    // ---- agents

    /** Stores what the agent declares, replies {@code presence.state}, and shows it the queue. */
    public void setPresence(Member agent, ClientMessage.PresenceSet request) {
        requireAgent(agent);
        String agentId = MatchingEngine.agentIdOf(agent);
        Optional<AgentPresence> stored = presence.find(agentId);
        Availability availability = request.availability() == null
                ? stored.map(AgentPresence::availability).orElseThrow(() -> invalid("availability is required"))
                : Availability.fromWire(request.availability()).orElseThrow(() ->
                        invalid("availability must be available, busy, away or offline"));
        if (availability == Availability.OFFLINE) {
            signOff(agent, agentId, request.id());
            return;
        }
        Set<String> languages = request.languages() == null
                ? stored.map(AgentPresence::languages).orElseThrow(() -> invalid("languages is required"))
                : PairingRequests.languages(request.languages());
        Set<String> categories = request.categories() == null
                ? stored.map(AgentPresence::categories).orElse(Set.of())
                : PairingRequests.categories(request.categories());
        int capacity = request.capacity() == null
                ? stored.map(AgentPresence::capacity).orElse(1)
                : PairingRequests.capacity(request.capacity());
        boolean autoAccept = request.autoAccept() == null
                ? stored.map(AgentPresence::autoAccept).orElse(false)
                : request.autoAccept();
        Instant now = clock.instant();
        AgentPresence declared = presence.declare(new AgentPresence(agentId, agent.participantId(), agent.name(),
                availability, languages, categories, capacity, autoAccept, Set.of(), null, true, now,
                now.plus(heartbeatTtl)));
        lastHeartbeat.put(agent.participantId(), nanoTime.getAsLong());
        log.info("agent {} is {} for {} {}", agentId, availability.wire(), languages, categories);
        sink.send(agent.participantId(), PresenceViews.state(request.id(), declared, null));
        board.watchAgent(agent.participantId(), declared.languages(), null);
        if (availability != Availability.AVAILABLE) {
            engine.agentUnavailable(declared);
        } else {
            engine.agentFree(agentId);
        }
    }

    /** Any message from an agent is a heartbeat: its presence is extended, at most three times per TTL. */
    public void heard(Member member) {
        if (member.role() != Role.AGENT) {
            return;
        }
        long now = nanoTime.getAsLong();
        Long last = lastHeartbeat.get(member.participantId());
        if (last == null || now - last < heartbeatTtl.toNanos() / 3) {
            return;
        }
        lastHeartbeat.put(member.participantId(), now);
        presence.heartbeat(MatchingEngine.agentIdOf(member), member.participantId(), clock.instant().plus(heartbeatTtl));
    }

    public void accept(Member agent, ClientMessage.OfferAccept request) {
        requireAgent(agent);
        engine.accept(agent, request.id(), PairingRequests.id("offerId", request.offerId()));
    }

    public void decline(Member agent, ClientMessage.OfferDecline request) {
        requireAgent(agent);
        engine.decline(agent, request.id(), PairingRequests.id("offerId", request.offerId()));
    }

    public void pick(Member agent, ClientMessage.QueuePick request) {
        requireAgent(agent);
        engine.pick(agent, request.id(), PairingRequests.id("ticketId", request.ticketId()));
    }

    /** The session's agent invites a signed-in colleague as an expert or observer. */
    public void invite(Member agent, ClientMessage.SessionInvite request, String sessionId) {
        requireAgent(agent);
        String inviteeId = PairingRequests.id("agentId", request.agentId());
        Role role = Role.fromWire(request.role() == null ? "" : request.role())
                .filter(r -> r == Role.EXPERT || r == Role.OBSERVER)
                .orElseThrow(() -> invalid("role must be expert or observer"));
        AgentPresence invitee = presence.find(inviteeId)
                .filter(p -> p.connected() && !p.agentId().equals(MatchingEngine.agentIdOf(agent)))
                .orElseThrow(() -> new SignalingException(ErrorCode.UNKNOWN_AGENT, "that agent is not signed in"));
        sessions.invite(agent, sessionId, new Member(invitee.participantId(), Role.AGENT, invitee.name(),
                invitee.agentId()), role);
    }

    /** An invited agent joins; the session counts towards its load. */
    public void acceptInvitation(Member agent, ClientMessage.InviteAccept request) {
        requireAgent(agent);
        String sessionId = PairingRequests.id("sessionId", request.sessionId());
        sessions.acceptInvitation(agent, request.id(), sessionId);
        presence.startSession(MatchingEngine.agentIdOf(agent), null, sessionId);
    }

    public void declineInvitation(Member agent, ClientMessage.InviteDecline request) {
        requireAgent(agent);
        sessions.declineInvitation(agent, request.id(), PairingRequests.id("sessionId", request.sessionId()),
                MatchingEngine.agentIdOf(agent));
    }

    private void signOff(Member agent, String agentId, String replyTo) {
        AgentPresence gone = presence.find(agentId).orElse(null);
        if (gone != null) {
            engine.agentUnavailable(gone);
            presence.remove(agentId);
            log.info("agent {} signed off", agentId);
        }
        board.forgetAgent(agent.participantId());
        lastHeartbeat.remove(agent.participantId());
        Instant now = clock.instant();
        AgentPresence offline = new AgentPresence(agentId, agent.participantId(), agent.name(), Availability.OFFLINE,
                gone == null ? Set.of() : gone.languages(), gone == null ? Set.of() : gone.categories(),
                gone == null ? 1 : gone.capacity(), gone != null && gone.autoAccept(),
                gone == null ? Set.of() : gone.sessions(), null, true, now, now);
        sink.send(agent.participantId(), PresenceViews.state(replyTo, offline, null));
    }

    // ---- customers

    /**
     * Puts the customer in the queue (or back in its place, for a ticket already queued), replies
     * {@code queue.status} and rings an agent if one is free.
     *
     * @param bound the ticket the customer's entry fixed, or null: then the request describes it
     */
    public void join(Member customer, ClientMessage.QueueJoin request, Ticket bound) {
        if (customer.role() != Role.CUSTOMER) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "only a customer joins the queue");
        }
        if (!registry.sessionIdsOf(customer.participantId()).isEmpty()) {
            throw new SignalingException(ErrorCode.ALREADY_IN_SESSION, "leave the current session first");
        }
        Ticket ticket = bound != null ? bound : ticketFrom(request);
        String queued = board.ticketOf(customer.participantId());
        if (queued != null && !queued.equals(ticket.id())) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "you are already waiting; leave the queue first");
        }
        Instant now = clock.instant();
        Optional<Contact> contact = CustomerRefs.of(ticket).flatMap(contacts::find);
        QueueEntry entry = new QueueEntry(ticket, customer.participantId(), customer.name(), now, true, null, Set.of(),
                contact.isPresent(), contact.map(Contact::lastAgentId).orElse(null), customer.subject());
        QueueEntry stored = queue.add(entry);
        if (stored != entry) {
            // the same ticket again (a reloaded page): the place is kept, this connection takes it
            queue.rebind(ticket.id(), customer.participantId(), true);
        } else {
            log.info("ticket {} joined the queue ({}, {})", ticket.id(), ticket.language(), ticket.category());
        }
        ServerMessage.QueueStatus status = board.statusNow(request.id(), ticket.id());
        if (status == null) {
            // matched in the instant since it was added: session.started is on its way
            return;
        }
        board.watchCustomer(customer.participantId(), ticket.id(), status);
        sink.send(customer.participantId(), status);
        engine.customerWaiting(ticket.id());
    }

    /** The customer gives up its place; replies {@code queue.left}. */
    public void leave(Member customer, String replyTo) {
        String ticketId = board.ticketOf(customer.participantId());
        if (ticketId == null || engine.customerLeft(ticketId, CUSTOMER_LEFT).isEmpty()) {
            throw new SignalingException(ErrorCode.NOT_QUEUED, "you are not waiting in the queue");
        }
        board.forgetCustomer(customer.participantId());
        sink.send(customer.participantId(), new ServerMessage.QueueLeft(replyTo, ticketId, CUSTOMER_LEFT));
    }

    private Ticket ticketFrom(ClientMessage.QueueJoin request) {
        String language = PairingRequests.language("language", request.language());
        String category = PairingRequests.category("category", request.category());
        String product = PairingRequests.text("product", request.product(), PairingRequests.MAX_FIELD_LENGTH);
        String order = PairingRequests.text("orderNumber", request.orderNumber(), PairingRequests.MAX_FIELD_LENGTH);
        String description = PairingRequests.text("description", request.description(),
                PairingRequests.MAX_DESCRIPTION_LENGTH);
        return new Ticket(newTicketId(), order == null ? "" : order, product, category, language, Tier.STANDARD,
                Severity.NORMAL, description, null, null, clock.instant());
    }

    private String newTicketId() {
        char[] id = new char[TICKET_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = TICKET_ALPHABET.charAt(random.nextInt(TICKET_ALPHABET.length()));
        }
        return new String(id);
    }

    // ---- connections dropping, resuming, going

    @Override
    public void dropped(Member member) {
        if (member.role() == Role.CUSTOMER) {
            entryOf(member.participantId()).ifPresent(entry ->
                    queue.rebind(entry.ticketId(), member.participantId(), false));
            board.forgetCustomer(member.participantId());
        } else if (member.role() == Role.AGENT) {
            board.forgetAgent(member.participantId());
            lastHeartbeat.remove(member.participantId());
            presence.setConnected(MatchingEngine.agentIdOf(member), member.participantId(), false,
                    clock.instant().plus(grace)).ifPresent(engine::agentUnavailable);
        }
    }

    @Override
    public void resumed(Member member) {
        if (member.role() == Role.CUSTOMER) {
            entryOf(member.participantId()).ifPresent(entry -> {
                queue.rebind(entry.ticketId(), member.participantId(), true);
                ServerMessage.QueueStatus status = board.statusNow(null, entry.ticketId());
                if (status != null) {
                    board.watchCustomer(member.participantId(), entry.ticketId(), status);
                    sink.send(member.participantId(), status);
                }
                engine.customerWaiting(entry.ticketId());
            });
        } else if (member.role() == Role.AGENT) {
            String agentId = MatchingEngine.agentIdOf(member);
            presence.setConnected(agentId, member.participantId(), true, clock.instant().plus(heartbeatTtl))
                    .ifPresent(p -> {
                        lastHeartbeat.put(member.participantId(), nanoTime.getAsLong());
                        sink.send(member.participantId(), PresenceViews.state(null, p, null));
                        board.watchAgent(member.participantId(), p.languages(), null);
                        engine.agentFree(agentId);
                    });
        }
    }

    @Override
    public void departed(Member member, boolean dropped) {
        if (member.role() == Role.CUSTOMER) {
            board.forgetCustomer(member.participantId());
            entryOf(member.participantId()).ifPresent(entry ->
                    engine.customerLeft(entry.ticketId(), dropped ? CUSTOMER_DISCONNECTED : CUSTOMER_LEFT));
        } else if (member.role() == Role.AGENT) {
            board.forgetAgent(member.participantId());
            lastHeartbeat.remove(member.participantId());
            String agentId = MatchingEngine.agentIdOf(member);
            presence.find(agentId).filter(p -> p.participantId().equals(member.participantId())).ifPresent(p -> {
                engine.agentUnavailable(p);
                presence.remove(agentId);
                log.info("agent {} is gone", agentId);
            });
        }
    }

    /** The queue entry a customer's participant holds; a search, for the rare drop and resume. */
    private Optional<QueueEntry> entryOf(String participantId) {
        String local = board.ticketOf(participantId);
        if (local != null) {
            return queue.find(local);
        }
        return queue.entries().stream().filter(e -> e.participantId().equals(participantId)).findFirst();
    }

    private static void requireAgent(Member member) {
        if (member.role() != Role.AGENT) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "only an agent can do this");
        }
    }

    private static SignalingException invalid(String message) {
        return new SignalingException(ErrorCode.INVALID_FIELD, message);
    }
}
