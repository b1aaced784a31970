package org.remotesupport.bench.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.remotesupport.bench.control.StdioControl;
import org.remotesupport.media.DropReason;
import org.remotesupport.media.MediaRelay;
import org.remotesupport.media.RelayConfig;
import org.remotesupport.media.RelayStats;
import org.remotesupport.media.record.RecordingConfig;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayOffer;

/**
 * Our relay as a process of its own for the benchmark: starts {@link MediaRelay} on a loopback
 * port (recording into the directory given as {@code --record-dir DIR}, if any) and exposes its
 * control API ({@code allocate}, {@code answer}, {@code record}, {@code stats}) as JSON lines
 * on standard input and output; offers and state changes the relay makes on its own are written
 * as event lines from relay threads. The first line reports the UDP port. Commands run on the main thread.
 */
public final class RelayServerMain {

    private RelayServerMain() {
    }

    public static void main(String[] args) throws Exception {
        StdioControl control = new StdioControl();
        RelayConfig config = new RelayConfig("127.0.0.1", 0, List.of("127.0.0.1"), Duration.ofSeconds(30), true);
        // --record-dir DIR: the relay may record, into DIR (the "record" command starts a session's recording)
        if (args.length == 2 && args[0].equals("--record-dir")) {
            config = config.withRecording(new RecordingConfig(java.nio.file.Path.of(args[1]), 8192, true));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MediaRelay relay = MediaRelay.start(config, registry)) {
            relay.setEvents(new RelayEvents() {
                @Override
                public void offer(String endpointId, RelayOffer offer) {
                    ObjectNode event = control.object();
                    event.put("event", "offer");
                    event.set("offer", offerJson(control, offer));
                    control.event(event);
                }

                @Override
                public void stateChanged(String endpointId, EndpointState state) {
                    ObjectNode event = control.object();
                    event.put("event", "state");
                    event.put("endpoint", endpointId);
                    event.put("state", state.name());
                    control.event(event);
                }
            });
            ObjectNode ready = control.object();
            ready.put("port", relay.localAddress().getPort());
            ready.put("pid", ProcessHandle.current().pid());
            control.event(ready);
            control.serve((op, command) -> handle(control, relay, registry, op, command));
        }
    }

    private static ObjectNode handle(StdioControl control, MediaRelay relay, SimpleMeterRegistry registry, String op,
                                     JsonNode command) {
        ObjectNode reply = control.object();
        switch (op) {
            case "allocate" -> reply.set("offer", offerJson(control,
                    relay.allocate(command.path("session").asText(), command.path("endpoint").asText())));
            case "answer" -> relay.answer(command.path("endpoint").asText(), command.path("revision").asInt(),
                    command.path("sdp").asText());
            case "release" -> relay.release(command.path("endpoint").asText());
            case "record" -> relay.startRecording(command.path("session").asText(), command.path("recording").asText(),
                    command.path("video").isTextual() ? command.path("video").asText() : null);
            case "stats" -> {
                RelayStats stats = relay.stats();
                reply.put("received", stats.received());
                reply.put("forwarded", stats.forwarded());
                ObjectNode dropped = reply.putObject("dropped");
                for (DropReason reason : DropReason.values()) {
                    long count = stats.dropped(reason);
                    if (count > 0) {
                        dropped.put(reason.name(), count);
                    }
                }
                ObjectNode recording = reply.putObject("recording");
                registry.find("relay.recording.frames").counters().forEach(counter ->
                        recording.put("frames " + counter.getId().getTag("kind"), (long) counter.count()));
                registry.find("relay.recording.dropped").counters().forEach(counter -> {
                    if (counter.count() > 0) {
                        recording.put("dropped " + counter.getId().getTag("reason"), (long) counter.count());
                    }
                });
            }
            default -> throw new IllegalArgumentException("unknown op " + op);
        }
        return reply;
    }

    private static ObjectNode offerJson(StdioControl control, RelayOffer offer) {
        ObjectNode node = control.object();
        node.put("endpoint", offer.endpointId());
        node.put("revision", offer.revision());
        node.put("sdp", offer.sdp());
        ObjectNode uplink = node.putObject("uplink");
        for (Map.Entry<String, String> entry : offer.uplink().entrySet()) {
            uplink.put(entry.getKey(), entry.getValue());
        }
        return node;
    }
}
