package com.saypro.triage.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt, remembering for a few minutes which password matched which hash. A script calling the
 * API with HTTP Basic sends the password on every request; checking it costs bcrypt's
 * deliberate tens of milliseconds each time. Only successful matches are remembered, under an
 * HMAC of password and hash with a key made at start-up and never stored, so a changed
 * password (a new hash) misses at once and the memory holds nothing that reveals a password.
 */
final class RememberingPasswordEncoder implements PasswordEncoder {

    private static final long REMEMBER_MILLIS = 5 * 60 * 1000L;
    private static final int MAX_ENTRIES = 1_000;

    private final PasswordEncoder encoder;
    private final byte[] key = new byte[32];
    private final Map<String, Long> matched = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    RememberingPasswordEncoder(PasswordEncoder encoder) {
        this.encoder = encoder;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        String entry = mac(rawPassword + "\u0000" + encodedPassword);
        long now = System.currentTimeMillis();
        synchronized (matched) {
            Long until = matched.get(entry);
            if (until != null && until > now) {
                return true;
            }
        }
        boolean ok = encoder.matches(rawPassword, encodedPassword);
        if (ok) {
            synchronized (matched) {
                matched.put(entry, now + REMEMBER_MILLIS);
            }
        }
        return ok;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return encoder.upgradeEncoding(encodedPassword);
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
