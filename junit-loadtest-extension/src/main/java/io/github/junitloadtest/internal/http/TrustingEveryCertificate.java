package io.github.junitloadtest.internal.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS context that accepts any server certificate for any host, for test targets with self-signed
 * certificates, used only when a run opts out of verification. It is an
 * {@link X509ExtendedTrustManager} because the JDK checks the host name inside the trust manager;
 * a plain {@code X509TrustManager} would be wrapped in one that still checks it.
 */
final class TrustingEveryCertificate extends X509ExtendedTrustManager {

    private TrustingEveryCertificate() {}

    static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingEveryCertificate()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("this JVM offers no TLS context", unavailable);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // Verification was turned off on purpose; the run's reports say so.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // As above.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // As above.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("a load generator is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("a load generator is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("a load generator is never a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
