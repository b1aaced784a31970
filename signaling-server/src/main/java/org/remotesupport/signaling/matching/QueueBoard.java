package org.remotesupport.signaling.matching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.presence.AgentPresence;
import org.remotesupport.signaling.presence.Availability;
import org.remotesupport.signaling.presence.PresenceStore;
import org.remotesupport.signaling.queue.QueueEntry;
import org.remotesupport.signaling.queue.QueueStore;
import org.remotesupport.signaling.session.MessageSink;
import org.remotesupport.signaling.session.TicketViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node's clients see of the queue: waiting customers their position and estimated wait
 * ({@code queue.status}), agents the head of the queue in their languages and their colleagues
 * ({@code queue.snapshot}, then {@code queue.update}). Each node tells only the clients connected to
 * it, from the shared stores, so no node needs another's help and nobody is told twice. Pushes are
 * throttled: the board looks at the stores once per status interval on the scheduler given here
 * (shut down on {@link #close}), tells a customer only when its place or estimate changed
 * noticeably, and an agent only what changed in its view. An agent's view is the most urgent
 * customers it could serve, not the whole queue: with thousands waiting, every agent being sent
 * every entry would cost more than the queue itself. Registration methods are called on WebSocket
 * threads.
 */
public final class QueueBoard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueBoard.class);
    /** A changed estimate is pushed when it moved by more than this share of itself... */
    private static final double ESTIMATE_CHANGE = 0.1;
    /** ...and by more than this. */
    private static final long ESTIMATE_SLACK_MS = 5_000;
    /** Waiting time moves priorities and estimates even when the stores do not change: recompute this often anyway. */
    private static final int IDLE_TICKS_BEFORE_RECOMPUTE = 5;

    private final QueueStore queue;
    private final PresenceStore presence;
    private final MessageSink sink;
    private final Clock clock;
    private final MatchingProperties properties;
    private final PriorityPolicy priority;
    private final ScheduledExecutorService scheduler;
    // participant id -> ticket id of the waiting customers connected to this node
    private final Map<String, String> customers = new ConcurrentHashMap<>();
    // participant id -> the last status pushed to it
    private final Map<String, ServerMessage.QueueStatus> sent = new ConcurrentHashMap<>();
    // the agents connected to this node who watch the queue, by participant id
    private final Map<String, AgentView> agents = new ConcurrentHashMap<>();
    private long seenVersion = -1;
    private int idleTicks;

    public QueueBoard(QueueStore queue, PresenceStore presence, MessageSink sink, Clock clock,
                      MatchingProperties properties, ScheduledExecutorService scheduler) {
        this.queue = queue;
        this.presence = presence;
        this.sink = sink;
        this.clock = clock;
        this.properties = properties;
        this.priority = new PriorityPolicy(properties);
        this.scheduler = scheduler;
    }

    /** Starts the periodic pushes. */
    public void start() {
        long period = properties.statusInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                tick(false);
            } catch (RuntimeException e) {
                // a periodic task that throws is never run again
                log.warn("queue board update failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** A customer connected here waits with this ticket: it is told its place from now on. */
    public void watchCustomer(String participantId, String ticketId, ServerMessage.QueueStatus current) {
        customers.put(participantId, ticketId);
        sent.put(participantId, current);
    }

    /** The customer connected here is no longer waiting, or no longer connected here. */
    public void forgetCustomer(String participantId) {
        customers.remove(participantId);
        sent.remove(participantId);
    }

    /** The ticket a customer connected here waits with, if any. */
    public String ticketOf(String participantId) {
        return customers.get(participantId);
    }

    /**
     * An agent connected here watches the queue in these languages: it gets the snapshot now (as the
     * reply to {@code replyTo}), updates after it.
     */
    public void watchAgent(String participantId, Set<String> languages, String replyTo) {
        AgentView view = new AgentView(Set.copyOf(languages));
        synchronized (view) {
            agents.put(participantId, view);
            Instant now = clock.instant();
            List<AgentPresence> presences = presence.all();
            Ranking ranking = rank(queue.entries(), presences, now);
            View current = ranking.view(view.languages, properties.queueViewSize());
            Map<String, ServerMessage.AgentInfo> board = agentInfos(presences);
            view.shown(current, board);
            sink.send(participantId, new ServerMessage.QueueSnapshot(replyTo, List.copyOf(current.items().values()),
                    current.waiting(), List.copyOf(board.values()), now.toEpochMilli()));
        }
    }

    /** The agent connected here stops watching (signed off or disconnected). */
    public void forgetAgent(String participantId) {
        agents.remove(participantId);
    }

    /**
     * The current place of a queued customer, computed now; null if it is not queued. Positions
     * count within a language, so only that language's customers are read.
     */
    public ServerMessage.QueueStatus statusNow(String replyTo, String ticketId) {
        QueueEntry entry = queue.find(ticketId).orElse(null);
        if (entry == null) {
            return null;
        }
        Ranking ranking = rank(queue.entries(entry.ticket().language()), presence.all(), clock.instant());
        ServerMessage.QueueStatus status = ranking.status(ticketId);
        return status == null ? null : withReplyTo(status, replyTo);
    }

    /** Looks at the stores and pushes what changed; {@code force} skips the throttle's "nothing changed" check. */
    void tick(boolean force) {
        if (customers.isEmpty() && agents.isEmpty()) {
            return;
        }
        long version = queue.version();
        if (!force && version == seenVersion && ++idleTicks < IDLE_TICKS_BEFORE_RECOMPUTE) {
            return;
        }
        seenVersion = version;
        idleTicks = 0;
        Instant now = clock.instant();
        List<QueueEntry> entries = queue.entries();
        List<AgentPresence> presences = presence.all();
        Ranking ranking = rank(entries, presences, now);
        for (Map.Entry<String, String> customer : customers.entrySet()) {
            ServerMessage.QueueStatus status = ranking.status(customer.getValue());
            if (status == null) {
                // served or gone (session.started or queue.left told it already), or it joined after the
                // entries were read: only the store can tell, and only the first two are forgotten
                if (queue.find(customer.getValue()).isEmpty() && customers.remove(customer.getKey(), customer.getValue())) {
                    sent.remove(customer.getKey());
                }
                continue;
            }
            ServerMessage.QueueStatus last = sent.get(customer.getKey());
            if (last == null || noticeablyDifferent(last, status)) {
                sent.put(customer.getKey(), status);
                sink.send(customer.getKey(), status);
            }
        }
        if (!agents.isEmpty()) {
            pushAgentUpdates(ranking, presences, now);
        }
    }

    private void pushAgentUpdates(Ranking ranking, List<AgentPresence> presences, Instant now) {
        Map<String, ServerMessage.AgentInfo> board = agentInfos(presences);
        // agents who serve the same languages see the same view: it is computed once for them; and
        // agents who were shown the same board (most of them, the last one) get the same changes to
        // it, computed once rather than once per agent over every agent
        Map<Set<String>, View> views = new HashMap<>();
        Map<Map<String, ServerMessage.AgentInfo>, BoardChange> changes = new IdentityHashMap<>();
        for (Map.Entry<String, AgentView> watcher : agents.entrySet()) {
            AgentView view = watcher.getValue();
            View current = views.computeIfAbsent(view.languages, l -> ranking.view(l, properties.queueViewSize()));
            synchronized (view) {
                BoardChange change = changes.computeIfAbsent(view.agents, before -> BoardChange.between(before, board));
                ServerMessage.QueueUpdate update = view.update(current, board, change, now);
                if (update != null) {
                    sink.send(watcher.getKey(), update);
                }
            }
        }
    }

    private static Map<String, ServerMessage.AgentInfo> agentInfos(List<AgentPresence> presences) {
        Map<String, ServerMessage.AgentInfo> infos = new LinkedHashMap<>();
        presences.stream()
                .sorted(java.util.Comparator.comparing(AgentPresence::name).thenComparing(AgentPresence::agentId))
                .forEach(p -> infos.put(p.agentId(), PresenceViews.info(p)));
        return infos;
    }

    private static boolean noticeablyDifferent(ServerMessage.QueueStatus last, ServerMessage.QueueStatus now) {
        if (last.position() != now.position() || !last.state().equals(now.state())
                || last.agentsOnline() != now.agentsOnline()) {
            return true;
        }
        Long before = last.estimatedWaitMs();
        Long after = now.estimatedWaitMs();
        if (before == null || after == null) {
            return !Objects.equals(before, after);
        }
        long moved = Math.abs(after - before);
        return moved > ESTIMATE_SLACK_MS && moved > ESTIMATE_CHANGE * Math.max(before, after);
    }

    private static ServerMessage.QueueStatus withReplyTo(ServerMessage.QueueStatus status, String replyTo) {
        return new ServerMessage.QueueStatus(replyTo, status.ticketId(), status.state(), status.position(),
                status.estimatedWaitMs(), status.agentsOnline());
    }

    private Ranking rank(List<QueueEntry> entries, List<AgentPresence> presences, Instant now) {
        return new Ranking(entries, presences, now);
    }

    /** Positions, estimates and agent views of one look at the stores. */
    private final class Ranking {

        private final Map<String, ServerMessage.QueueStatus> statuses = new HashMap<>();
        private final Map<String, ServerMessage.QueueItem> items = new HashMap<>();
        private final List<Ranked> ordered;
        // language -> the ranks (indexes into ordered) of its entries, in order
        private final Map<String, List<Integer>> byLanguage = new HashMap<>();

        Ranking(List<QueueEntry> entries, List<AgentPresence> presences, Instant now) {
            // each priority computed once and kept with its entry: the sort compares them thousands of
            // times, and looking them up by entry would hash the whole record each time
            ordered = new ArrayList<>(entries.size());
            for (QueueEntry entry : entries) {
                ordered.add(new Ranked(entry, priority.priority(entry, now)));
            }
            ordered.sort(java.util.Comparator.comparingDouble((Ranked r) -> -r.priority())
                    .thenComparing(r -> r.entry().joinedAt()).thenComparing(r -> r.entry().ticketId()));
            Duration handling = WaitEstimator.averageHandlingTime(
                    queue.recentHandlingTimes(properties.handlingTimeSamples()), properties.defaultHandlingTime());
            Map<String, int[]> seats = new HashMap<>();
            for (int rank = 0; rank < ordered.size(); rank++) {
                QueueEntry entry = ordered.get(rank).entry();
                String language = entry.ticket().language();
                int[] perLanguage = seats.computeIfAbsent(language, l -> seatsFor(l, presences, now));
                List<Integer> ofLanguage = byLanguage.computeIfAbsent(language, l -> new ArrayList<>());
                ofLanguage.add(rank);
                int position = ofLanguage.size();
                statuses.put(entry.ticketId(), new ServerMessage.QueueStatus(null, entry.ticketId(), state(entry),
                        position, WaitEstimator.estimateMillis(position, perLanguage[0], perLanguage[1], handling),
                        perLanguage[2]));
            }
        }

        private static String state(QueueEntry entry) {
            return entry.waiting() ? "waiting" : "ringing";
        }

        /** How an entry appears in an agent's view; made only for the entries some view shows. */
        private ServerMessage.QueueItem item(Ranked ranked) {
            QueueEntry entry = ranked.entry();
            return items.computeIfAbsent(entry.ticketId(), id -> new ServerMessage.QueueItem(id, entry.name(),
                    TicketViews.of(entry.ticket(), entry.repeatContact() ? Boolean.TRUE : null),
                    entry.joinedAt().toEpochMilli(), Math.round(ranked.priority() * 1000) / 1000.0, state(entry)));
        }

        /** {capacity, free places, agents} of the signed-in agents who speak the language and are not away. */
        private static int[] seatsFor(String language, List<AgentPresence> presences, Instant now) {
            int capacity = 0;
            int free = 0;
            int agents = 0;
            for (AgentPresence p : presences) {
                if (!p.speaks(language) || p.availability() == Availability.AWAY || !p.expiresAt().isAfter(now)) {
                    continue;
                }
                agents++;
                capacity += p.capacity();
                if (p.canTakeOffer(now)) {
                    free += p.freeCapacity();
                }
            }
            return new int[] {capacity, free, agents};
        }

        ServerMessage.QueueStatus status(String ticketId) {
            return statuses.get(ticketId);
        }

        /** The most urgent entries in these languages, at most {@code size}, and how many there are in all. */
        View view(Set<String> languages, int size) {
            // a merge of the languages' own lists (each in rank order) by rank: agents serve a few
            // languages, and there may be many language combinations among them, each asking for its
            // head; walking the whole queue for each would cost the queue's length times that
            List<List<Integer>> lists = new ArrayList<>();
            int waiting = 0;
            for (String language : languages) {
                List<Integer> ranks = byLanguage.get(language);
                if (ranks != null) {
                    lists.add(ranks);
                    waiting += ranks.size();
                }
            }
            int[] next = new int[lists.size()];
            Map<String, ServerMessage.QueueItem> head = new LinkedHashMap<>();
            while (head.size() < size) {
                int best = -1;
                for (int i = 0; i < lists.size(); i++) {
                    if (next[i] < lists.get(i).size()
                            && (best < 0 || lists.get(i).get(next[i]) < lists.get(best).get(next[best]))) {
                        best = i;
                    }
                }
                if (best < 0) {
                    break;
                }
                Ranked ranked = ordered.get(lists.get(best).get(next[best]++));
                head.put(ranked.entry().ticketId(), item(ranked));
            }
            return new View(head, waiting);
        }
    }

    /** A queue entry and its priority at the time of one ranking. */
    private record Ranked(QueueEntry entry, double priority) {
    }

    /** One agent's view of the queue: the head in its languages, in order, and how many wait in them. */
    private record View(Map<String, ServerMessage.QueueItem> items, int waiting) {
    }

    /** The agents changed and gone between one board and the next. */
    private record BoardChange(List<ServerMessage.AgentInfo> changed, List<String> gone) {

        static BoardChange between(Map<String, ServerMessage.AgentInfo> before,
                                   Map<String, ServerMessage.AgentInfo> after) {
            return new BoardChange(
                    after.values().stream().filter(a -> !a.equals(before.get(a.agentId()))).toList(),
                    before.keySet().stream().filter(id -> !after.containsKey(id)).toList());
        }
    }

    /** What one watching agent was last shown; guarded by its own monitor. */
    private static final class AgentView {

        final Set<String> languages;
        private Map<String, ServerMessage.QueueItem> items = Map.of();
        // read by the board (under this monitor) to share the changes among agents shown the same board
        Map<String, ServerMessage.AgentInfo> agents = Map.of();
        private int waiting;

        AgentView(Set<String> languages) {
            this.languages = languages;
        }

        void shown(View view, Map<String, ServerMessage.AgentInfo> board) {
            items = view.items();
            agents = board;
            waiting = view.waiting();
        }

        /** The update that brings the agent from what it was shown to this, or null if nothing changed. */
        ServerMessage.QueueUpdate update(View view, Map<String, ServerMessage.AgentInfo> board, BoardChange change,
                                         Instant now) {
            List<ServerMessage.QueueItem> changed = new ArrayList<>();
            for (ServerMessage.QueueItem item : view.items().values()) {
                ServerMessage.QueueItem before = items.get(item.ticketId());
                // priority moves with every tick; only an entry new to the view or a new state is worth a push
                if (before == null || !before.state().equals(item.state())) {
                    changed.add(item);
                }
            }
            List<String> removed = items.keySet().stream().filter(id -> !view.items().containsKey(id)).toList();
            List<ServerMessage.AgentInfo> agentsChanged = change.changed();
            List<String> agentsGone = change.gone();
            boolean same = changed.isEmpty() && removed.isEmpty() && agentsChanged.isEmpty() && agentsGone.isEmpty()
                    && waiting == view.waiting();
            shown(view, board);
            return same ? null : new ServerMessage.QueueUpdate(null, changed, removed, view.waiting(), agentsChanged,
                    agentsGone, now.toEpochMilli());
        }
    }
}
