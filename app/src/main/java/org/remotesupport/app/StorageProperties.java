package org.remotesupport.app;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the server keeps files it creates itself, bound from {@code remote-support.data-dir}.
 *
 * @param dataDir directory for generated files such as the self-signed HTTPS certificate; a
 *                relative path is resolved against the working directory
 */
@Validated
@ConfigurationProperties("remote-support")
public record StorageProperties(@DefaultValue("data") @NotNull Path dataDir) {
}
