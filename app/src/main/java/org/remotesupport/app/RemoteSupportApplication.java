package org.remotesupport.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The all-in-one server: signaling, the media relay and the web client in one process with
 * in-memory state. This is what a laptop or a single small server runs; nothing else is needed.
 */
// the signaling server arrives through its own auto-configuration; scanning stays within the app
@SpringBootApplication
@ConfigurationPropertiesScan
public class RemoteSupportApplication {

    public static void main(String[] args) {
        SpringApplication.run(RemoteSupportApplication.class, args);
    }
}
