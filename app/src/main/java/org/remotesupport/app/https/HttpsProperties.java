package org.remotesupport.app.https;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTPS connector served next to plain HTTP, bound from {@code remote-support.https.*}. Phones
 * only open the camera on a secure page, so a server without a real certificate still gets one:
 * self-signed, generated at first start.
 *
 * @param enabled          serve HTTPS at all
 * @param port             TCP port of the HTTPS connector; 0 picks a free port (tests)
 * @param keyStore         PKCS#12 key store with the certificate to serve; when unset, a self-signed
 *                         one is generated at {@code <data-dir>/https/keystore.p12} and renewed when
 *                         it is about to expire
 * @param keyStorePassword password of the key store (and of the key in it)
 * @param hostnames        extra DNS names written into a generated certificate, next to
 *                         {@code localhost}, this host's name and its interface addresses
 */
@Validated
@ConfigurationProperties("remote-support.https")
public record HttpsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8443") @Min(0) @Max(65535) int port,
        Path keyStore,
        @DefaultValue("remote-support") @NotBlank String keyStorePassword,
        @DefaultValue List<String> hostnames) {

    public HttpsProperties {
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }
}
