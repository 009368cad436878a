package dev.portscope.serve;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bcrypt against hashes made by this machine's libxcrypt (Python's crypt.crypt with these salts,
 * captured 2026-11-29), and Blowfish's pi-derived constants against the values every
 * implementation starts from.
 */
class BcryptTest {
    @Test
    void piGivesBlowfishsInitialConstants() {
        int[] words = Bcrypt.fractionWords(18 + 4 * 256);
        assertEquals(0x243F6A88, words[0], "P[0]");
        assertEquals(0x85A308D3, words[1], "P[1]");
        assertEquals(0x8979FB1B, words[17], "P[17]");
        assertEquals(0xD1310BA6, words[18], "S0[0]");
    }

    @Test
    void hashesMadeByLibxcryptCheckOut() {
        assertTrue(Bcrypt.matches("secret", "$2b$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a"));
        assertTrue(Bcrypt.matches("", "$2b$04$......................w74bL5gU7LSJClZClCa.Pkz14aTv/XO"));
        assertTrue(Bcrypt.matches("pässwörd", "$2y$06$0123456789ABCDEFGHIJKu4I9nw.scBXL1b6MdO2RMJFUPlOexntK"));
        assertTrue(Bcrypt.matches("x".repeat(80), "$2b$04$abcdefghijklmnopqrstuubzadhGtS2zEF.gu0yd0opP6cVzb.e0i"), "past 72 bytes nothing counts");
    }

    @Test
    void aWrongPasswordOrNoHashIsRefused() {
        assertFalse(Bcrypt.matches("Secret", "$2b$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a"));
        assertFalse(Bcrypt.matches("secret", "secret"));
        assertFalse(Bcrypt.matches("secret", "$2b$99$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a"));
        assertFalse(Bcrypt.matches("secret", "$2x$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a"));
    }
}
