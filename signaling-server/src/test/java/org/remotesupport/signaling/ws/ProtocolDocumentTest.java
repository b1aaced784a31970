package org.remotesupport.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ProtocolCodec;
import org.remotesupport.protocol.signaling.ProtocolVersion;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.SignalingProperties;
import org.remotesupport.signaling.matching.PairingRequests;
import org.remotesupport.signaling.session.SessionService;

/** Keeps docs/protocol.md true to the code: every message, every error code, every limit, valid examples. */
class ProtocolDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "protocol.md");

    private final String text = read();
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void itDescribesTheCurrentVersion() {
        assertThat(text).startsWith("# Signaling protocol, version " + ProtocolVersion.CURRENT + "\n");
    }

    @Test
    void everyMessageTypeHasASection() {
        for (String type : types(ClientMessage.class)) {
            assertThat(section("Client messages")).as(type).contains("### `" + type + "`");
        }
        for (String type : types(ServerMessage.class)) {
            assertThat(section("Server messages")).as(type).contains("### `" + type + "`");
        }
    }

    @Test
    void everyExampleIsAValidMessageOfItsSection() throws Exception {
        List<String> clientExamples = examples(section("Client messages"));
        List<String> serverExamples = examples(section("Server messages"));
        assertThat(clientExamples).hasSize(types(ClientMessage.class).size());
        assertThat(serverExamples).hasSize(types(ServerMessage.class).size());
        // written back, each example is unchanged: no field is misspelt (unknown fields would be ignored)
        for (String example : clientExamples) {
            assertThat(withoutNulls(codec.write(codec.readClient(example)))).as(example).isEqualTo(json(example));
        }
        for (String example : serverExamples) {
            assertThat(withoutNulls(codec.write(codec.readServer(example)))).as(example).isEqualTo(json(example));
        }
    }

    @Test
    void everyErrorCodeIsInTheTableAndNothingElse() {
        Matcher row = Pattern.compile("^\\| `([a-z_]+)` \\|", Pattern.MULTILINE).matcher(section("Error codes"));
        List<String> documented = new ArrayList<>();
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrder(
                Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toArray(String[]::new));
    }

    @Test
    void theLimitsAreTheOnesEnforced() {
        String limits = section("Limits");
        assertThat(limits)
                .contains("| `id` | a string of at most " + MessageReader.MAX_ID_LENGTH + " characters |")
                .contains("| `name` | 1 to " + MessageValidator.MAX_NAME_LENGTH + " characters")
                .contains("| `token` | at most " + MessageValidator.MAX_TOKEN_LENGTH + " characters")
                .contains("| `agent` | 1 to " + MessageValidator.MAX_USERNAME_LENGTH + " characters")
                .contains("| `sessionId` | 1 to " + MessageValidator.MAX_SESSION_ID_LENGTH + " characters |")
                .contains("| `sdp` | 1 to " + MessageValidator.MAX_SDP_LENGTH + " characters |")
                .contains("| `resumeToken` | 1 to " + MessageValidator.MAX_RESUME_TOKEN_LENGTH + " characters |")
                .contains("| `languages` | 1 to " + PairingRequests.MAX_LANGUAGES + " language tags")
                .contains("| `categories` | up to " + PairingRequests.MAX_CATEGORIES + ", each 1 to 64")
                .contains("| `capacity` | 1 to " + PairingRequests.MAX_CAPACITY + " |")
                .contains("| `product`, `orderNumber` | at most " + PairingRequests.MAX_FIELD_LENGTH + " characters |")
                .contains("| `description` | at most " + PairingRequests.MAX_DESCRIPTION_LENGTH + " characters |")
                .contains("| `offerId`, `ticketId`, `agentId` | 1 to " + PairingRequests.MAX_ID_LENGTH + " characters |")
                .contains("default 65536 bytes (64 KB), configurable from 40 KB to 1 MB");
        assertThat(SignalingProperties.MIN_MESSAGE_SIZE.toKilobytes()).isEqualTo(40);
        assertThat(SignalingProperties.MAX_MESSAGE_SIZE.toMegabytes()).isEqualTo(1);
        assertThat(section("Close codes used by the server")).contains("| `" + IdleConnectionReaper.IDLE.getCode() + "` |");
    }

    @Test
    void theEndReasonsAreTheOnesSent() {
        assertThat(section("Server messages"))
                .contains("`" + SessionService.AGENT_LEFT + "`")
                .contains("`" + SessionService.AGENT_DISCONNECTED + "`")
                .contains("`" + SessionService.CUSTOMER_LEFT + "`")
                .contains("`" + SessionService.CUSTOMER_DISCONNECTED + "`")
                .contains("`" + SessionService.COMPLETED + "`");
        assertThat(section("Session lifecycle"))
                .contains("| `" + SessionService.COMPLETED + "` |")
                .contains("| `" + SessionService.AGENT_LEFT + "` |")
                .contains("| `" + SessionService.AGENT_DISCONNECTED + "` |")
                .contains("| `" + SessionService.CUSTOMER_LEFT + "` |")
                .contains("| `" + SessionService.CUSTOMER_DISCONNECTED + "` |");
        assertThat(section("Close codes used by the server")).contains("| `" + SignalingHandler.SUPERSEDED.getCode() + "` |");
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    private static JsonNode withoutNulls(String text) throws IOException {
        ObjectNode node = (ObjectNode) json(text);
        List<String> nulls = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                nulls.add(field.getKey());
            }
        });
        node.remove(nulls);
        return node;
    }

    private static Set<String> types(Class<?> sealedRoot) {
        return Arrays.stream(sealedRoot.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name)
                .collect(Collectors.toSet());
    }

    private static List<String> examples(String section) {
        Matcher block = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(section);
        List<String> examples = new ArrayList<>();
        while (block.find()) {
            examples.add(block.group(1));
        }
        return examples;
    }

    /** The text from the level-2 heading with this title to the next level-2 heading. */
    private String section(String title) {
        int start = text.indexOf("\n## " + title + "\n");
        assertThat(start).as("section " + title).isNotNegative();
        int end = text.indexOf("\n## ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static String read() {
        try {
            return Files.readString(DOCUMENT);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + DOCUMENT.toAbsolutePath(), e);
        }
    }
}
