package com.saypro.triage.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing, for the sign-in form and HTTP Basic alike: after
 * {@code max-failures} failed attempts in a row for one username, or ten times as many from
 * one address, further attempts are refused unchecked until {@code lock} has passed since the
 * last failure. A success clears the username's count. Counts are kept per node, in memory.
 */
@Component
class LoginThrottle {

    private record Failures(int count, long last) {
    }

    private final int maxFailures;
    private final long lockMillis;
    private final Map<String, Failures> byUser = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    LoginThrottle(@Value("${triage.security.login.max-failures:5}") int maxFailures,
            @Value("${triage.security.login.lock:15m}") Duration lock) {
        this.maxFailures = maxFailures;
        this.lockMillis = lock.toMillis();
    }

    /** How long the attempt must wait, zero when it may go ahead. */
    Duration wait(String username, String address) {
        long now = System.currentTimeMillis();
        long wait = Math.max(remaining(byUser.get(user(username)), maxFailures, now),
                remaining(byAddress.get(address(address)), maxFailures * 10, now));
        return Duration.ofMillis(wait);
    }

    void failed(String username, String address) {
        long now = System.currentTimeMillis();
        prune(now);
        byUser.merge(user(username), new Failures(1, now), (old, one) -> next(old, now));
        byAddress.merge(address(address), new Failures(1, now), (old, one) -> next(old, now));
    }

    void succeeded(String username) {
        byUser.remove(user(username));
    }

    private Failures next(Failures old, long now) {
        return now - old.last() > lockMillis ? new Failures(1, now) : new Failures(old.count() + 1, now);
    }

    private long remaining(Failures failures, int max, long now) {
        if (failures == null || failures.count() < max) {
            return 0;
        }
        return Math.max(0, failures.last() + lockMillis - now);
    }

    private void prune(long now) {
        if (byUser.size() + byAddress.size() > 100_000) {
            byUser.values().removeIf(f -> now - f.last() > lockMillis);
            byAddress.values().removeIf(f -> now - f.last() > lockMillis);
        }
    }

    private static String user(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    private static String address(String address) {
        return address == null ? "" : address;
    }
}
