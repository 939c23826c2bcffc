package io.github.junitloadtest.internal.run;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The warm-up's own TLS identity: a self-signed RSA 2048 certificate for {@code 127.0.0.1} and
 * {@code localhost}, valid until 2126, shipped as {@code warmup-loopback.p12} beside this class. It
 * serves only the in-process loopback server of the warm-up; a client of the warm-up trusts it and
 * nothing else, and no load test's client ever trusts it.
 */
final class LoopbackCertificate {

    private static final String RESOURCE = "warmup-loopback.p12";
    private static final char[] PASSWORD = "warmup-loopback".toCharArray();

    private final KeyStore store;

    private LoopbackCertificate(KeyStore store) {
        this.store = store;
    }

    static LoopbackCertificate load() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = LoopbackCertificate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the class path");
            }
            store.load(in, PASSWORD);
        }
        return new LoopbackCertificate(store);
    }

    /** A server context with the certificate's key. */
    SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client context that trusts this certificate only. */
    SSLContext clientContext() throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
