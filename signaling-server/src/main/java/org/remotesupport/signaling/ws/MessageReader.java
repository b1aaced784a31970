package org.remotesupport.signaling.ws;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ProtocolCodec;
import org.remotesupport.signaling.session.SignalingException;

/**
 * Turns one text message into a {@link ClientMessage} in three steps, so that the client's
 * {@code id} is known for the error reply whenever the frame was at least a JSON object: parse,
 * read the id, decode. Each step throws a {@link SignalingException} naming what was wrong.
 * Stateless and thread-safe.
 */
final class MessageReader {

    static final int MAX_ID_LENGTH = 64;

    private static final Set<String> TYPES = Arrays.stream(ClientMessage.class.getAnnotation(JsonSubTypes.class).value())
            .map(JsonSubTypes.Type::name)
            .collect(Collectors.toUnmodifiableSet());

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final ProtocolCodec codec;

    MessageReader(ProtocolCodec codec) {
        this.codec = codec;
    }

    JsonNode parse(String text) {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SignalingException(ErrorCode.BAD_MESSAGE, "not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new SignalingException(ErrorCode.BAD_MESSAGE, "a message is one JSON object");
        }
        return tree;
    }

    /** The client's correlation id, or null if it sent none. */
    String replyTo(JsonNode message) {
        JsonNode id = message.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || id.textValue().length() > MAX_ID_LENGTH) {
            throw new SignalingException(ErrorCode.INVALID_FIELD,
                    "id must be a string of at most " + MAX_ID_LENGTH + " characters");
        }
        return id.textValue();
    }

    ClientMessage decode(JsonNode message, String text) {
        JsonNode type = message.get("type");
        if (type == null || !type.isTextual()) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "type is required and must be a string");
        }
        if (!TYPES.contains(type.textValue())) {
            throw new SignalingException(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + abbreviate(type.textValue())
                    + "'; this server speaks " + TYPES.stream().sorted().collect(Collectors.joining(", ")));
        }
        try {
            return codec.readClient(text);
        } catch (JsonMappingException e) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, fieldOf(e) + " has the wrong type");
        } catch (InputCoercionException e) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "a number is out of range");
        } catch (JsonProcessingException e) {
            throw new SignalingException(ErrorCode.BAD_MESSAGE, "not a valid " + type.textValue() + " message");
        }
    }

    private static String fieldOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "a field" : path;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
