package dev.portscope.serve;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Checks a password against a bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}), as the
 * Prometheus exporter-toolkit's web config stores them: Provos and Mazières' EksBlowfish, cost
 * 2^N rounds of key expansion, then "OrpheanBeholderScryDoubt" encrypted 64 times. Blowfish's
 * initial P-array and S-boxes are the first 1,042 32-bit words of pi's fractional hexadecimal
 * digits, computed here once (Machin's formula) instead of written out as a table.
 */
final class Bcrypt {
    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int WORDS = 18 + 4 * 256;

    private Bcrypt() {
    }

    /** Pi's digits, on first use (~tens of ms). */
    private static final class Pi {
        static final int[] WORDS_OF_PI = fractionWords(WORDS);
    }

    /** Whether {@code password} matches {@code hash}; false for anything that is no bcrypt hash. */
    static boolean matches(String password, String hash) {
        if (hash.length() != 60 || !hash.startsWith("$2") || hash.charAt(3) != '$' || hash.charAt(6) != '$'
                || "aby".indexOf(hash.charAt(2)) < 0) {
            return false;
        }
        int cost;
        try {
            cost = Integer.parseInt(hash.substring(4, 6));
        } catch (NumberFormatException e) {
            return false;
        }
        if (cost < 4 || cost > 31) {
            return false;
        }
        byte[] salt = decode(hash.substring(7, 29), 16);
        if (salt == null) {
            return false;
        }
        String computed = hash.substring(0, 29) + encode(hash(password, salt, cost), 23);
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The 24 bytes of "OrpheanBeholderScryDoubt" encrypted under the expensive key schedule. */
    static byte[] hash(String password, byte[] salt, int cost) {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(utf8, Math.min(utf8.length + 1, 72)); // NUL-terminated, at most 72 bytes
        int[] p = Arrays.copyOfRange(Pi.WORDS_OF_PI, 0, 18);
        int[] s = Arrays.copyOfRange(Pi.WORDS_OF_PI, 18, WORDS);
        expand(p, s, key, salt);
        for (long round = 1L << cost; round > 0; round--) {
            expand(p, s, key, null);
            expand(p, s, salt, null);
        }
        int[] text = {0x4f727068, 0x65616e42, 0x65686f6c, 0x64657253, 0x63727944, 0x6f756274}; // "OrpheanBeholderScryDoubt"
        int[] block = new int[2];
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 6; j += 2) {
                block[0] = text[j];
                block[1] = text[j + 1];
                encrypt(p, s, block);
                text[j] = block[0];
                text[j + 1] = block[1];
            }
        }
        byte[] out = new byte[24];
        for (int i = 0; i < 6; i++) {
            out[4 * i] = (byte) (text[i] >>> 24);
            out[4 * i + 1] = (byte) (text[i] >>> 16);
            out[4 * i + 2] = (byte) (text[i] >>> 8);
            out[4 * i + 3] = (byte) text[i];
        }
        return out;
    }

    /** Blowfish's key schedule, with the salt (when given) mixed into every block encrypted. */
    private static void expand(int[] p, int[] s, byte[] key, byte[] salt) {
        int[] at = {0};
        for (int i = 0; i < 18; i++) {
            p[i] ^= word(key, at);
        }
        int[] block = new int[2];
        int[] saltAt = {0};
        for (int i = 0; i < 18; i += 2) {
            next(p, s, block, salt, saltAt);
            p[i] = block[0];
            p[i + 1] = block[1];
        }
        for (int i = 0; i < s.length; i += 2) {
            next(p, s, block, salt, saltAt);
            s[i] = block[0];
            s[i + 1] = block[1];
        }
    }

    private static void next(int[] p, int[] s, int[] block, byte[] salt, int[] saltAt) {
        if (salt != null) {
            block[0] ^= word(salt, saltAt);
            block[1] ^= word(salt, saltAt);
        }
        encrypt(p, s, block);
    }

    /** Four bytes of {@code data} from {@code at[0]}, big-endian, wrapping around. */
    private static int word(byte[] data, int[] at) {
        int w = 0;
        for (int i = 0; i < 4; i++) {
            w = (w << 8) | (data[at[0]] & 0xff);
            at[0] = (at[0] + 1) % data.length;
        }
        return w;
    }

    private static void encrypt(int[] p, int[] s, int[] block) {
        int l = block[0];
        int r = block[1];
        for (int i = 0; i < 16; i += 2) {
            l ^= p[i];
            r ^= f(s, l);
            r ^= p[i + 1];
            l ^= f(s, r);
        }
        block[0] = r ^ p[17];
        block[1] = l ^ p[16];
    }

    private static int f(int[] s, int x) {
        return ((s[x >>> 24] + s[256 | ((x >>> 16) & 0xff)]) ^ s[512 | ((x >>> 8) & 0xff)]) + s[768 | (x & 0xff)];
    }

    /** bcrypt's base64 (its own alphabet, no padding): the first {@code length} bytes; null for a bad character. */
    static byte[] decode(String text, int length) {
        byte[] out = new byte[length];
        int bits = 0;
        int buffer = 0;
        int n = 0;
        for (int i = 0; i < text.length() && n < length; i++) {
            int v = ALPHABET.indexOf(text.charAt(i));
            if (v < 0) {
                return null;
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (buffer >>> bits);
            }
        }
        return n == length ? out : null;
    }

    /** The first {@code length} bytes in bcrypt's base64. */
    static String encode(byte[] data, int length) {
        StringBuilder out = new StringBuilder();
        int bits = 0;
        int buffer = 0;
        for (int i = 0; i < length; i++) {
            buffer = (buffer << 8) | (data[i] & 0xff);
            bits += 8;
            while (bits >= 6) {
                bits -= 6;
                out.append(ALPHABET.charAt((buffer >>> bits) & 0x3f));
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (6 - bits)) & 0x3f));
        }
        return out.toString();
    }

    /** The first {@code count} 32-bit words of pi's fraction in hexadecimal: 16 atan(1/5) - 4 atan(1/239), fixed point. */
    static int[] fractionWords(int count) {
        int bits = 32 * count + 64; // guard bits against the truncation of each term
        BigInteger one = BigInteger.ONE.shiftLeft(bits);
        BigInteger pi = arctanInverse(5, one).shiftLeft(4).subtract(arctanInverse(239, one).shiftLeft(2));
        BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(64);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = fraction.shiftRight(32 * (count - 1 - i)).intValue();
        }
        return words;
    }

    /** atan(1/x) scaled by {@code one}: sum of (-1)^k / ((2k+1) x^(2k+1)). */
    private static BigInteger arctanInverse(int x, BigInteger one) {
        BigInteger power = one.divide(BigInteger.valueOf(x));
        BigInteger sum = power;
        BigInteger xx = BigInteger.valueOf((long) x * x);
        for (int k = 1; power.signum() != 0; k++) {
            power = power.divide(xx);
            BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
            sum = (k & 1) == 1 ? sum.subtract(term) : sum.add(term);
        }
        return sum;
    }
}
