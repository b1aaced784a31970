package org.remotesupport.app.https;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.remotesupport.app.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds an HTTPS connector to the embedded Tomcat, next to the plain HTTP one, serving the same
 * pages and WebSocket. Uses the configured key store, or a self-signed certificate that it
 * generates under the data directory at first start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "remote-support.https", name = "enabled", havingValue = "true", matchIfMissing = true)
public class HttpsConnectorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HttpsConnectorConfiguration.class);

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpsConnector(HttpsProperties https,
                                                                             StorageProperties storage) {
        Path keyStore = keyStore(https, storage);
        // a key store of one's own may name its key anything; the generated one uses a known alias
        String alias = https.keyStore() == null ? SelfSignedCertificate.ALIAS : null;
        return factory -> factory.addAdditionalTomcatConnectors(connector(https, keyStore, alias));
    }

    private static Path keyStore(HttpsProperties https, StorageProperties storage) {
        if (https.keyStore() != null) {
            if (!Files.isReadable(https.keyStore())) {
                throw new IllegalStateException("remote-support.https.key-store: cannot read " + https.keyStore());
            }
            return https.keyStore();
        }
        Path generated = storage.dataDir().resolve("https").resolve("keystore.p12");
        try {
            if (new SelfSignedCertificate(Clock.systemUTC(), new SecureRandom())
                    .ensure(generated, https.keyStorePassword().toCharArray(), https.hostnames())) {
                log.info("Generated a self-signed HTTPS certificate in {}; browsers will ask to accept it once",
                        generated.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTTPS key store " + generated.toAbsolutePath(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the HTTPS certificate", e);
        }
        return generated;
    }

    private static Connector connector(HttpsProperties https, Path keyStore, String alias) {
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setPort(https.port());
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig host = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(keyStore.toAbsolutePath().toString());
        certificate.setCertificateKeystorePassword(https.keyStorePassword());
        certificate.setCertificateKeystoreType("PKCS12");
        certificate.setCertificateKeyAlias(alias);
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
        return connector;
    }
}
