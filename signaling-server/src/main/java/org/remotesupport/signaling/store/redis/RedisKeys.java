package org.remotesupport.signaling.store.redis;

/**
 * Every Redis key and pub/sub channel the signaling server uses, in one place. Each name starts with
 * the configured prefix ({@code rs:} by default). Values written as JSON are the Java records of the
 * stores, serialised by Jackson (instants as ISO-8601 strings). Keys are never shared between Redis
 * Cluster slots on purpose: scripts touch several keys at once, so a single Redis primary (optionally
 * with replicas and Sentinel) is required, not Redis Cluster.
 */
public final class RedisKeys {

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix in front of every key and channel. */
    public String prefix() {
        return prefix;
    }

    // ---- sessions (RedisSessionRegistry)

    /**
     * {@code rs:session:{sessionId}} STRING, JSON {@code {"session": SupportSession, "code": join code
     * while unused, else null}}. TTL: {@code session-ttl}, renewed by every change.
     */
    public String session(String sessionId) {
        return prefix + "session:" + sessionId;
    }

    /**
     * {@code rs:code:{code}} STRING, JSON JoinCode {@code {"code", "sessionId", "expiresAt"}}; deleted when
     * used or when its session ends. TTL: until the code expires, plus one minute.
     */
    public String joinCode(String code) {
        return prefix + "code:" + code;
    }

    /**
     * {@code rs:participant:{participantId}:sessions} ZSET, member = session id, score = a value of
     * {@link #membershipSequence()} (so ranges come oldest first). TTL: {@code session-ttl}, renewed when
     * the participant joins a session.
     */
    public String sessionsOf(String participantId) {
        return prefix + "participant:" + participantId + ":sessions";
    }

    /**
     * {@code rs:sessions} ZSET, member = session id, score = epoch ms when the session's key expires
     * (the count of live sessions is those scored after now). No TTL; entries of expired sessions are
     * pruned whenever a session is created.
     */
    public String sessions() {
        return prefix + "sessions";
    }

    /** {@code rs:seq:membership} STRING integer, incremented for each membership to order them. No TTL. */
    public String membershipSequence() {
        return prefix + "seq:membership";
    }

    // ---- participants that may resume (RedisParticipantStore)

    /**
     * {@code rs:participant:{participantId}:record} STRING, JSON ParticipantRecord {@code {"member",
     * "resumeTokenHash", "connectionId", "disconnectedAt", "graceUntil"}}. TTL: {@code session-ttl},
     * renewed by every change.
     */
    public String participantRecord(String participantId) {
        return prefix + "participant:" + participantId + ":record";
    }

    /**
     * {@code rs:resume:{tokenHash}} STRING, the participant id the resume token with this SHA-256 (hex)
     * stands for; deleted when the token is used. TTL: {@code session-ttl}.
     */
    public String resumeToken(String tokenHash) {
        return prefix + "resume:" + tokenHash;
    }

    /**
     * {@code rs:participants:dropped} ZSET, member = participant id whose connection dropped, score =
     * epoch ms when its grace ends. No TTL; members leave when they resume or are swept.
     */
    public String droppedParticipants() {
        return prefix + "participants:dropped";
    }

    // ---- presence, queue, contact history (RedisPresenceStore, RedisQueueStore, RedisContactHistory)

    /**
     * {@code rs:presence} HASH, field = agent id, value = JSON AgentPresence {@code {"agentId",
     * "participantId", "name", "availability", "languages", "categories", "capacity", "autoAccept",
     * "sessions", "offerId", "connected", "idleSince", "expiresAt"}}. No TTL: expired presences are
     * removed by the nodes' sweep.
     */
    public String presences() {
        return prefix + "presence";
    }

    /**
     * {@code rs:queue} HASH, field = ticket id, value = JSON QueueEntry {@code {"ticket", "participantId",
     * "name", "joinedAt", "connected", "offer": {"offerId", "agentId", "offeredAt", "expiresAt"} | null,
     * "declinedBy", "repeatContact", "previousAgent", "subject"}}. No TTL.
     */
    public String queue() {
        return prefix + "queue";
    }

    /**
     * {@code rs:queue:lang:{language}} HASH, the entries of {@link #queue()} whose ticket is in this language,
     * same fields and values, written in the same script. No TTL.
     */
    public String queueByLanguage(String language) {
        return prefix + "queue:lang:" + language;
    }

    /**
     * {@code rs:queue:ringing} ZSET of the ticket ids of {@link #queue()} whose entry rings at an agent,
     * scored by when the offer expires (epoch ms), written in the same script as the entry: the sweep
     * finds offers that rang out without reading the queue. No TTL.
     */
    public String queueRinging() {
        return prefix + "queue:ringing";
    }

    /** {@code rs:queue:version} STRING integer, incremented by every change to {@link #queue()}. No TTL. */
    public String queueVersion() {
        return prefix + "queue:version";
    }

    /** {@code rs:queue:handling-times} LIST of the latest 100 session handling times in ms, newest first. No TTL. */
    public String handlingTimes() {
        return prefix + "queue:handling-times";
    }

    /**
     * {@code rs:contact:{customerRef}} STRING, JSON Contact {@code {"customerRef", "lastAgentId", "lastAt",
     * "count"}}. TTL: {@code ticket-retention} after the last contact.
     */
    public String contact(String customerRef) {
        return prefix + "contact:" + customerRef;
    }

    // ---- session locks (RedisSessionLocks)

    /**
     * {@code rs:lock:session:{sessionId}} STRING, the random token of the node thread that holds the
     * lock. TTL: {@code lock-ttl}; deleted by the holder (compare-and-delete) when it is done.
     */
    public String sessionLock(String sessionId) {
        return prefix + "lock:session:" + sessionId;
    }

    // ---- cluster (RedisParticipantDirectory, RedisMessageBus)

    /**
     * {@code rs:participant:{participantId}:node} STRING, the id of the node the participant's WebSocket
     * is connected to. TTL: {@code remote-support.cluster.node-timeout}, renewed by that node's heartbeat.
     */
    public String participantNode(String participantId) {
        return prefix + "participant:" + participantId + ":node";
    }

    /**
     * {@code rs:node:{nodeId}:participants} SET of the participant ids bound to the node, so that the node
     * that finds it dead can tell who was connected to it. TTL: four node timeouts, renewed by the node's
     * heartbeat; deleted when the node leaves or is found dead.
     */
    public String nodeParticipants(String nodeId) {
        return prefix + "node:" + nodeId + ":participants";
    }

    /**
     * {@code rs:nodes} ZSET, member = node id, score = epoch ms (Redis server time) when the node's entry
     * expires unless its heartbeat renews it. No TTL; an expired member is a dead node until another node
     * takes it out (and tells the session lifecycle about its participants).
     */
    public String nodes() {
        return prefix + "nodes";
    }

    /**
     * {@code rs:bus:{topic}} pub/sub channel of a {@link org.remotesupport.signaling.cluster.MessageBus}
     * topic: {@code rs:bus:deliver.{nodeId}} carries JSON {@code {"to": participantId, "message":
     * ServerMessage}} for a node's connected participants, {@code rs:bus:relay.{nodeId}} JSON
     * {@code {"endpointId", "offer": RelayOffer | "state"}} relay events for its endpoints.
     */
    public String busChannel(String topic) {
        return prefix + "bus:" + topic;
    }

    // ---- identities, invites, tickets, photos

    /** {@code rs:accounts} HASH, field = username, value = JSON Account. No TTL. */
    public String accounts() {
        return prefix + "accounts";
    }

    /**
     * {@code rs:invite:{inviteId}:used} STRING {@code "1"}: the invite link was used. TTL: until the link
     * expires (after that its signature check refuses it anyway).
     */
    public String usedInvite(String inviteId) {
        return prefix + "invite:" + inviteId + ":used";
    }

    /** {@code rs:ticket:{ticketId}} STRING, JSON Ticket. TTL: {@code ticket-retention}. */
    public String ticket(String ticketId) {
        return prefix + "ticket:" + ticketId;
    }

    /**
     * {@code rs:photo:{ref}} STRING (binary), the media type in ASCII, a line feed, then the image bytes.
     * TTL: {@code ticket-retention}.
     */
    public String photo(String ref) {
        return prefix + "photo:" + ref;
    }

    /**
     * {@code rs:attempts:{key}} STRING, a counter of attempts (failed sign-ins per username or
     * address, help page submissions per address) that expires when its window closes.
     */
    public String attempts(String key) {
        return prefix + "attempts:" + key;
    }

    // ---- session journal (RedisSessionJournal)

    /**
     * {@code rs:journal:{sessionId}:{part}}: {@code chat}, {@code notes}, {@code snapshots} and {@code events} are LISTs of
     * JSON records, oldest first; {@code frozen} and {@code ending} are STRINGs of one JSON record. TTL:
     * {@code journal-retention}, renewed by every change.
     */
    public String journal(String sessionId, String part) {
        return prefix + "journal:" + sessionId + ":" + part;
    }

    // ---- recordings (RedisRecordingIndex)

    /** {@code rs:recording:{recordingId}} STRING, JSON RecordingEntry. No TTL: the retention purge deletes it. */
    public String recording(String recordingId) {
        return prefix + "recording:" + recordingId;
    }

    /** {@code rs:recording:{recordingId}:tags} STRING, JSON array of the library's tags. Deleted with the entry. */
    public String recordingTags(String recordingId) {
        return prefix + "recording:" + recordingId + ":tags";
    }

    /** {@code rs:recording:{recordingId}:notes} LIST of JSON RecordingNote, oldest first. Deleted with the entry. */
    public String recordingNotes(String recordingId) {
        return prefix + "recording:" + recordingId + ":notes";
    }

    /** {@code rs:recordings} ZSET, member = recording id, score = start time (epoch ms). No TTL. */
    public String recordingsByStart() {
        return prefix + "recordings";
    }

    /** {@code rs:recordings:ended} ZSET, member = recording id, score = end time (epoch ms), for the retention purge. No TTL. */
    public String recordingsByEnd() {
        return prefix + "recordings:ended";
    }
}
