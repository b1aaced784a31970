package org.remotesupport.bench.janus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the configuration of a benchmark Janus into a directory: loopback only (the HTTP API on
 * 127.0.0.1, ICE candidates on one loopback-range media address), only the VideoRoom plugin and the HTTP transport loaded,
 * no admin API, no event handlers, no session timeout, media on a fixed number of event loops
 * (Janus's setting for many handles on few cores) and a given RTP port range. Stateless.
 */
final class JanusConfig {

    /** Janus and libnice debug logging, for finding out why a session does not connect. */
    private static final boolean DEBUG = Boolean.getBoolean("bench.janus.debug");

    static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/janus");

    private JanusConfig() {
    }

    static void write(Path dir, int httpPort, String mediaAddress, int eventLoops, int rtpMin, int rtpMax) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("janus.jcfg"), """
                general: {
                \tconfigs_folder = "%s"
                \tplugins_folder = "%s"
                \ttransports_folder = "%s"
                \tevents_folder = "%s"
                \tloggers_folder = "%s"
                \tdebug_level = %d
                \tinterface = "%s"
                \tsession_timeout = 0
                \tevent_loops = %d
                \tprotected_folders = []
                }
                media: {
                \trtp_port_range = "%d-%d"
                }
                nat: {
                \tice_enforce_list = "%s"
                \tignore_mdns = true
                \tnice_debug = %s
                }
                plugins: {
                \tdisable = "%s"
                }
                transports: {
                \tdisable = "%s"
                }
                loggers: {
                \tdisable = "%s"
                }
                events: {
                \tbroadcast = false
                }
                """.formatted(dir.toAbsolutePath(), LIBRARY.resolve("plugins"), LIBRARY.resolve("transports"),
                LIBRARY.resolve("events"), LIBRARY.resolve("loggers"), DEBUG ? 5 : 3, mediaAddress, eventLoops, rtpMin, rtpMax, mediaAddress, DEBUG,
                othersThan(LIBRARY.resolve("plugins"), "libjanus_videoroom.so"),
                othersThan(LIBRARY.resolve("transports"), "libjanus_http.so"),
                othersThan(LIBRARY.resolve("loggers"), "")));
        Files.writeString(dir.resolve("janus.transport.http.jcfg"), """
                general: {
                \tjson = "compact"
                \tbase_path = "/janus"
                \thttp = true
                \tport = %d
                \tip = "127.0.0.1"
                \thttps = false
                }
                admin: {
                \tadmin_http = false
                \tadmin_https = false
                }
                """.formatted(httpPort));
        Files.writeString(dir.resolve("janus.plugin.videoroom.jcfg"), "general: {\n}\n");
    }

    /** Every plugin library in {@code folder} except {@code keep}, as Janus's disable lists name them. */
    private static String othersThan(Path folder, String keep) throws IOException {
        if (!Files.isDirectory(folder)) {
            return "";
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".so") && !n.equals(keep)).sorted().toList();
            return names.stream().collect(Collectors.joining(","));
        }
    }
}
