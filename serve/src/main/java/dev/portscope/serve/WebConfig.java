package dev.portscope.serve;

import com.sun.net.httpserver.BasicAuthenticator;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --web.config.file} in the Prometheus exporter-toolkit's format, the part portscope
 * serves: {@code tls_server_config} with {@code cert_file} and {@code key_file} (PEM; a PKCS#8
 * RSA or EC key), and {@code basic_auth_users} ({@code name: bcrypt hash}). Paths are relative to
 * the file. Anything else is refused rather than ignored: a misspelt key must not leave the
 * exporter open.
 *
 * @param tls   the certificate chain and key files, when TLS is asked for
 * @param users user name to bcrypt hash; empty for no authentication
 */
public record WebConfig(Optional<Tls> tls, Map<String, String> users) {
    /** The PEM files TLS serves with. */
    public record Tls(Path certFile, Path keyFile) {
    }

    /** No TLS and no users: plain HTTP, open. */
    public static final WebConfig NONE = new WebConfig(Optional.empty(), Map.of());

    private static final Pattern LINE = Pattern.compile("^( *)([A-Za-z0-9_.-]+):\\s*(.*?)\\s*$");

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException with the line and what is wrong, for anything it does not understand
     * @throws IOException when the file cannot be read
     */
    public static WebConfig read(Path file) throws IOException {
        String section = null;
        Map<String, String> tls = new LinkedHashMap<>();
        Map<String, String> users = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).replaceFirst("\\s+#.*$", "");
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(file + ":" + n + ": expected 'key: value', got '" + line.strip() + "'");
            }
            String key = m.group(2);
            String value = unquote(m.group(3));
            if (m.group(1).isEmpty()) {
                if (!value.isEmpty()) {
                    throw new IllegalArgumentException(file + ":" + n + ": " + key + " takes the indented keys below it");
                }
                if (!key.equals("tls_server_config") && !key.equals("basic_auth_users")) {
                    throw new IllegalArgumentException(file + ":" + n + ": '" + key + "' is not supported (portscope serves "
                            + "tls_server_config with cert_file and key_file, and basic_auth_users)");
                }
                section = key;
            } else if ("tls_server_config".equals(section)) {
                if (!key.equals("cert_file") && !key.equals("key_file")) {
                    throw new IllegalArgumentException(file + ":" + n + ": tls_server_config." + key + " is not supported (cert_file and key_file are)");
                }
                tls.put(key, value);
            } else if ("basic_auth_users".equals(section)) {
                if (!value.startsWith("$2")) {
                    throw new IllegalArgumentException(file + ":" + n + ": the password of " + key + " is no bcrypt hash "
                            + "(make one with: htpasswd -nBC 10 " + key + ")");
                }
                users.put(key, value);
            } else {
                throw new IllegalArgumentException(file + ":" + n + ": '" + key + "' is indented under no section");
            }
        }
        Optional<Tls> files = Optional.empty();
        if (!tls.isEmpty()) {
            if (!tls.containsKey("cert_file") || !tls.containsKey("key_file")) {
                throw new IllegalArgumentException(file + ": tls_server_config needs both cert_file and key_file");
            }
            Path dir = file.toAbsolutePath().getParent();
            files = Optional.of(new Tls(dir.resolve(tls.get("cert_file")), dir.resolve(tls.get("key_file"))));
        }
        return new WebConfig(files, Map.copyOf(users));
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /**
     * The TLS context of the certificate chain and key.
     *
     * @throws IllegalArgumentException when the files cannot be read, or hold no certificate or no PKCS#8 key
     */
    SSLContext sslContext() {
        Tls files = tls.orElseThrow();
        try {
            List<Certificate> chain = new ArrayList<>();
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (byte[] der : pem(files.certFile(), "CERTIFICATE")) {
                chain.add(x509.generateCertificate(new ByteArrayInputStream(der)));
            }
            List<byte[]> keys = pem(files.keyFile(), "PRIVATE KEY");
            if (chain.isEmpty() || keys.isEmpty()) {
                throw new IllegalArgumentException("tls_server_config: " + (chain.isEmpty() ? files.certFile() + " holds no CERTIFICATE"
                        : files.keyFile() + " holds no PKCS#8 'PRIVATE KEY' (convert with: openssl pkcs8 -topk8 -nocrypt)"));
            }
            PrivateKey key = privateKey(keys.getFirst());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("portscope", key, none, chain.toArray(Certificate[]::new));
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(store, none);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tls_server_config: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("tls_server_config: cannot read " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The DER blocks of this PEM type in the file. */
    private static List<byte[]> pem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = Pattern.compile("-----BEGIN " + type + "-----([A-Za-z0-9+/=\\s]+)-----END " + type + "-----").matcher(text);
        List<byte[]> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(Base64.getMimeDecoder().decode(m.group(1)));
        }
        return blocks;
    }

    /** HTTP basic authentication against the bcrypt hashes; a checked password is remembered (bcrypt is slow on purpose). */
    BasicAuthenticator authenticator() {
        Map<String, Boolean> checked = new ConcurrentHashMap<>(); // good passwords seen, by user and SHA-256
        return new BasicAuthenticator("portscope") {
            @Override
            public boolean checkCredentials(String user, String password) {
                String hash = users.get(user);
                if (hash == null) {
                    return false;
                }
                String key = user + "\0" + sha256(password);
                if (checked.containsKey(key)) {
                    return true;
                }
                boolean ok = Bcrypt.matches(password, hash);
                if (ok) {
                    checked.put(key, true); // successes only: wrong guesses must not fill memory
                }
                return ok;
            }
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
