package com.saypro.triage.web;

import java.time.Duration;
import java.time.Instant;

/** "4 min", "3 h 12 min", "2 d 5 h": how long ago something happened, for people. */
public final class Ages {

    private Ages() {
    }

    public static String since(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            return "just now";
        }
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return "<1 min";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = d.toHours();
        if (hours < 48) {
            return hours + " h " + (minutes % 60) + " min";
        }
        return d.toDays() + " d " + (hours % 24) + " h";
    }
}
