package org.remotesupport.protocol.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Turns JSON text frames into {@link ClientMessage}s and {@link ServerMessage}s into JSON and back.
 * Thread-safe; shared by the server and by test clients so both sides agree on the wire format.
 */
public final class ProtocolCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ClientMessage readClient(String json) throws JsonProcessingException {
        return mapper.readValue(json, ClientMessage.class);
    }

    public ServerMessage readServer(String json) throws JsonProcessingException {
        return mapper.readValue(json, ServerMessage.class);
    }

    public String write(ClientMessage message) {
        return writeValue(message);
    }

    public String write(ServerMessage message) {
        return writeValue(message);
    }

    private String writeValue(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            // records of plain strings, numbers, lists and maps always serialise
            throw new IllegalStateException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }
}
