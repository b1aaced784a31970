package org.remotesupport.media.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.remotesupport.media.srtp.SrtpKeys;
import org.remotesupport.media.srtp.SrtpProfile;

/**
 * The DTLS client role of DTLS-SRTP, as a browser plays it against the relay: offers the given
 * SRTP profiles, checks the server's certificate against the fingerprint from its SDP, presents
 * its own certificate and returns the exported keys. Used by load generators and tests that
 * stand in for browsers. {@link #handshake} blocks the calling thread for the handshake.
 */
public final class DtlsSrtpClient {

    private DtlsSrtpClient() {
    }

    /** Runs a handshake over {@code transport}; throws if the server's fingerprint does not match. */
    public static SrtpKeys handshake(DtlsCertificate own, String expectedServerFingerprint, DatagramTransport transport,
                                     SecureRandom random, SrtpProfile... offered) throws IOException {
        JcaTlsCrypto crypto = new JcaTlsCryptoProvider().create(random);
        Client client = new Client(crypto, own, expectedServerFingerprint, offered);
        new DTLSClientProtocol().connect(client, transport);
        return client.keys;
    }

    private static final class Client extends DefaultTlsClient {

        private final JcaTlsCrypto crypto;
        private final DtlsCertificate own;
        private final String expectedFingerprint;
        private final SrtpProfile[] offered;
        private SrtpProfile chosen;
        private SrtpKeys keys;

        Client(JcaTlsCrypto crypto, DtlsCertificate own, String expectedFingerprint, SrtpProfile[] offered) {
            super(crypto);
            this.crypto = crypto;
            this.own = own;
            this.expectedFingerprint = expectedFingerprint;
            this.offered = offered.length == 0 ? SrtpProfile.values() : offered.clone();
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = super.getClientExtensions();
            int[] ids = new int[offered.length];
            for (int i = 0; i < offered.length; i++) {
                ids[i] = offered[i].dtlsId();
            }
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(ids, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            UseSRTPData data = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
            chosen = data == null ? null : SrtpProfile.choose(data.getProtectionProfiles());
            if (chosen == null) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server chose no SRTP profile we offered");
            }
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    Certificate chain = serverCertificate.getCertificate();
                    if (chain == null || chain.isEmpty()) {
                        throw new TlsFatalAlert(AlertDescription.bad_certificate);
                    }
                    String actual = DtlsCertificate.sha256Fingerprint(chain.getCertificateAt(0).getEncoded());
                    if (!actual.equalsIgnoreCase(expectedFingerprint)) {
                        throw new TlsFatalAlert(AlertDescription.bad_certificate, "server fingerprint mismatch");
                    }
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    TlsCertificate certificate = crypto.createCertificate(own.certificateDer());
                    return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                            own.privateKey(), new Certificate(new TlsCertificate[] {certificate}),
                            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpKeys.materialLength(chosen));
            keys = SrtpKeys.fromExportedMaterial(chosen, material);
        }
    }
}
