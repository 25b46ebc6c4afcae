package com.saypro.triage.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Formatting helpers every page gets as {@code fmt}. */
@ControllerAdvice(annotations = Controller.class)
public class ViewFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A piece of text, shown as code when it was written between backticks. */
    public record Segment(String text, boolean code) {
    }

    @ModelAttribute("fmt")
    ViewFormat fmt() {
        return this;
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A duration in seconds as people read it: "45 s", "12 min", "3.5 h", "2.1 d"; "–" when there is none. */
    public String seconds(Long seconds) {
        if (seconds == null) {
            return "–";
        }
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7_200) {
            return Math.round(seconds / 60.0) + " min";
        }
        if (seconds < 172_800) {
            return Math.round(seconds / 360.0) / 10.0 + " h";
        }
        return Math.round(seconds / 8_640.0) / 10.0 + " d";
    }

    public String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** Splits "Does `df -h` show ..." into text and code pieces, so the page can set commands apart. */
    public List<Segment> segments(String text) {
        List<Segment> segments = new ArrayList<>();
        if (text == null) {
            return segments;
        }
        String[] parts = text.split("`", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean code = i % 2 == 1 && i < parts.length - 1;
            if (!parts[i].isEmpty()) {
                segments.add(new Segment(parts[i], code));
            } else if (code) {
                segments.add(new Segment("", true));
            }
        }
        return segments;
    }
}
