package org.remotesupport.protocol.annotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Turns annotation messages and committed ops into JSON and back. Thread-safe; shared by the
 * server, the op log stores and test clients so that all agree on the format.
 */
public final class AnnotationCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public AnnotationClientMessage readClient(String json) throws JsonProcessingException {
        return mapper.readValue(json, AnnotationClientMessage.class);
    }

    public AnnotationServerMessage readServer(String json) throws JsonProcessingException {
        return mapper.readValue(json, AnnotationServerMessage.class);
    }

    public CommittedOp readOp(String json) throws JsonProcessingException {
        return mapper.readValue(json, CommittedOp.class);
    }

    public String write(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            // records of strings, numbers and lists always serialise
            throw new IllegalStateException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }
}
