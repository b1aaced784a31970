package org.remotesupport.app;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs, once the server is ready, the addresses on which a person can open the agent console,
 * including this host's LAN addresses, which are what a phone on the same network needs.
 */
@Component
class ListenAddressLog {

    private static final Logger log = LoggerFactory.getLogger(ListenAddressLog.class);

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof ServletWebServerApplicationContext context)
                || !(context.getWebServer() instanceof TomcatWebServer tomcat)) {
            return;
        }
        List<String> hosts = new ArrayList<>();
        hosts.add("localhost");
        hosts.addAll(lanAddresses());
        for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
            int port = connector.getLocalPort();
            if (port <= 0) {
                continue;
            }
            for (String host : hosts) {
                log.info("Agent console: {}://{}:{}/agent.html", connector.getScheme(), host, port);
            }
        }
    }

    private static List<String> lanAddresses() {
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!networkInterface.isUp() || networkInterface.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                    // phones are reached over IPv4 on nearly every home and office network
                    if (address instanceof Inet4Address) {
                        addresses.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // without an interface list, localhost is still logged
        }
        return addresses;
    }
}
