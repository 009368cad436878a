package dev.portscope.serve;

import dev.portscope.Portscope;
import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** --web.config.file: TLS from PEM files openssl makes, basic auth against a bcrypt hash, and what is refused. */
class WebConfigTest {
    /** "secret", hashed by libxcrypt (BcryptTest). */
    private static final String SECRET = "$2b$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a";

    @Test
    @Live
    void tlsAndBasicAuthFromAWebConfigFile(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl makes the test's certificate");
        Process openssl = new ProcessBuilder("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.resolve("key.pem").toString(),
                "-out", dir.resolve("cert.pem").toString()).redirectErrorStream(true).start();
        String made = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, openssl.waitFor(), made);
        Path config = dir.resolve("web.yml");
        Files.writeString(config, String.join("\n", "# exporter-toolkit format", "tls_server_config:", "  cert_file: cert.pem",
                "  key_file: \"key.pem\"", "basic_auth_users:", "  alice: " + SECRET, ""));
        WebConfig web = WebConfig.read(config);
        try (Portscope portscope = Portscope.system();
             Exporter exporter = Exporter.start(portscope, new Exporter.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     "/metrics", 20, web))) {
            URI metrics = URI.create("https://127.0.0.1:" + exporter.address().getPort() + "/metrics");
            try (HttpClient client = HttpClient.newBuilder().sslContext(trusting(dir.resolve("cert.pem"))).build()) {
                assertEquals(401, get(client, metrics, null).statusCode(), "no credentials");
                assertEquals(401, get(client, metrics, "alice:wrong").statusCode(), "a wrong password");
                assertEquals(401, get(client, metrics, "bob:secret").statusCode(), "an unknown user");
                HttpResponse<String> ok = get(client, metrics, "alice:secret");
                assertEquals(200, ok.statusCode());
                assertTrue(ok.body().contains("# TYPE portscope_listener_info gauge"), ok.body());
            }
            try (HttpClient plain = HttpClient.newHttpClient()) {
                URI http = URI.create("http://127.0.0.1:" + exporter.address().getPort() + "/metrics");
                assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(http).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()), "plain HTTP to the TLS port");
            }
        }
    }

    @Test
    void whatItDoesNotUnderstandIsRefusedNotIgnored(@TempDir Path dir) throws IOException {
        for (String text : new String[] {"tls_server_config:\n  client_auth_type: RequireAndVerifyClientCert\n",
                "basic_auth_user:\n  alice: " + SECRET + "\n", "basic_auth_users:\n  alice: secret\n",
                "tls_server_config:\n  cert_file: cert.pem\n", "  alice: " + SECRET + "\n"}) {
            Path config = dir.resolve("web.yml");
            Files.writeString(config, text);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebConfig.read(config), text);
            assertTrue(e.getMessage().startsWith(config.toString()), e.getMessage());
        }
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            store.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
